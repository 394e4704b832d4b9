-- Deadlines: a task's deadline across all its attempts (created_at + timeout seconds), and the time by
-- which its running attempt must have an outcome before the watchdog takes its worker for lost.

ALTER TABLE agent_tasks ADD COLUMN deadline TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE agent_tasks ADD COLUMN attempt_deadline TIMESTAMP(6) WITH TIME ZONE;
-- Tasks stored before this version had their timeout recorded but not enforced; from now on it is.
UPDATE agent_tasks SET deadline = created_at + timeout_seconds * INTERVAL '1' SECOND WHERE timeout_seconds IS NOT NULL;
CREATE INDEX idx_tasks_deadline ON agent_tasks (status, deadline);
CREATE INDEX idx_tasks_attempt_deadline ON agent_tasks (status, attempt_deadline);
