-- Whether a task ever handed work to subtasks: only then does starting its attempt look for their results.
ALTER TABLE agent_tasks ADD COLUMN spawned_subtasks BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE agent_tasks SET spawned_subtasks = TRUE WHERE id IN (SELECT DISTINCT parent_task_id FROM agent_tasks WHERE parent_task_id IS NOT NULL);
