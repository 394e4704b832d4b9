package io.agentry.persistence.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL every new version of a task's row (three per task: queued, in progress, ended) and
 * every event gets an entry in each index of its table, also for the columns it leaves null: the
 * session, parent, idempotency key and attempt deadline of most tasks, and the session of most
 * events. Those indexes become partial, without the rows whose key is null, which no query looks
 * for: a lookup by a value implies the value is not null. The session's own index goes: the unique
 * index on (session_id, fallback, step_id) leads with it. H2 has no partial indexes: nothing to do.
 */
public class V12__IndexesOnlyHoldRowsWithTheirKey extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP INDEX idx_tasks_session");
            statement.execute("DROP INDEX uk_tasks_session_step");
            statement.execute("CREATE UNIQUE INDEX uk_tasks_session_step ON agent_tasks (session_id, fallback, step_id)"
                    + " WHERE session_id IS NOT NULL");
            statement.execute("DROP INDEX idx_tasks_parent");
            statement.execute("CREATE INDEX idx_tasks_parent ON agent_tasks (parent_task_id)"
                    + " WHERE parent_task_id IS NOT NULL");
            statement.execute("ALTER TABLE agent_tasks DROP CONSTRAINT uk_tasks_idempotency_key");
            statement.execute("CREATE UNIQUE INDEX uk_tasks_idempotency_key ON agent_tasks (idempotency_key)"
                    + " WHERE idempotency_key IS NOT NULL");
            statement.execute("DROP INDEX idx_tasks_attempt_deadline");
            statement.execute("CREATE INDEX idx_tasks_attempt_deadline ON agent_tasks (attempt_deadline)"
                    + " WHERE attempt_deadline IS NOT NULL");
            statement.execute("DROP INDEX idx_task_events_session");
            statement.execute("CREATE INDEX idx_task_events_session ON task_events (session_id)"
                    + " WHERE session_id IS NOT NULL");
        }
    }
}
