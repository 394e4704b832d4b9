-- Users of the API and who owns each task. Sessions already have user_id; tasks get theirs, set
-- from the caller (a plan's steps and subtasks inherit their session's or parent's). Rows from
-- before have none and are seen by operators and admins only.

CREATE TABLE users (
    id            UUID PRIMARY KEY,
    username      VARCHAR(100) NOT NULL,
    password_hash VARCHAR(500) NOT NULL,
    roles         VARCHAR(200) NOT NULL,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version       BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT uk_users_username UNIQUE (username)
);

ALTER TABLE agent_tasks ADD COLUMN user_id VARCHAR(100);
CREATE INDEX idx_tasks_user_created ON agent_tasks (user_id, created_at);
