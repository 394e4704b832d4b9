-- task_events is read by whole traces: one task's, or one session's (tens of rows), sorted by seq.
-- Indexes on exactly its foreign keys' columns serve that as well as (task_id, seq) and
-- (session_id, seq) did, and on H2 they are the keys' own indexes too (V11): H2 gave each key an
-- index of its own beside these, so every event went to five indexes where three do.
DROP INDEX idx_task_events_task;
DROP INDEX idx_task_events_session;
CREATE INDEX idx_task_events_task ON task_events (task_id);
CREATE INDEX idx_task_events_session ON task_events (session_id);
