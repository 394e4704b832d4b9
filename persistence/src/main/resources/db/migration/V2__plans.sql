-- Plans: a session runs a DAG of steps, each step one task.

ALTER TABLE agent_sessions ADD COLUMN name VARCHAR(200);
ALTER TABLE agent_sessions ADD COLUMN execution_mode VARCHAR(20) DEFAULT 'PARALLEL' NOT NULL;
ALTER TABLE agent_sessions ADD COLUMN plan ${json};
ALTER TABLE agent_sessions ADD COLUMN fallback_plan ${json};
ALTER TABLE agent_sessions ADD COLUMN fallback_used BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE agent_sessions ADD COLUMN timeout_ms BIGINT;
ALTER TABLE agent_sessions ADD COLUMN deadline TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE agent_sessions ADD COLUMN callback_url VARCHAR(2000);
ALTER TABLE agent_sessions ADD COLUMN updated_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE agent_sessions ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;
CREATE INDEX idx_sessions_deadline ON agent_sessions (status, deadline);
CREATE INDEX idx_sessions_started ON agent_sessions (started_at);

ALTER TABLE agent_tasks ADD COLUMN step_id VARCHAR(100);
ALTER TABLE agent_tasks ADD COLUMN step_order INTEGER;
ALTER TABLE agent_tasks ADD COLUMN dependencies ${json};
ALTER TABLE agent_tasks ADD COLUMN fallback BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE agent_tasks ADD COLUMN attempt_timeout_ms BIGINT;
ALTER TABLE agent_tasks ADD COLUMN cancel_requested BOOLEAN DEFAULT FALSE NOT NULL;
CREATE UNIQUE INDEX uk_tasks_session_step ON agent_tasks (session_id, fallback, step_id);
