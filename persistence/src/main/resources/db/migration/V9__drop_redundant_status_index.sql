-- Every change of a task's status rewrites its entries in each index that holds the status (on
-- PostgreSQL, in every index of the table). idx_tasks_deadline (status, deadline) serves whatever
-- idx_tasks_status (status) did, so the latter only cost each update one more index entry.
DROP INDEX idx_tasks_status;
