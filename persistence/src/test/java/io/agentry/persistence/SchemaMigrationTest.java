package io.agentry.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The migrations on a new database of each kind the server runs on: H2 (the embedded default) and PostgreSQL. */
class SchemaMigrationTest {

    @Test
    void onH2AnEventIsWrittenToThreeIndexesNotFive() throws SQLException {
        DataSource h2 = h2("fk-indexes");
        migrateTo(h2, "9");
        List<String> keysBefore = foreignKeys(h2);
        assertThat(indexes(h2, "TASK_EVENTS")).hasSize(5);

        SchemaMigration.migrate(h2);

        assertThat(foreignKeys(h2)).containsExactlyInAnyOrderElementsOf(keysBefore);
        assertThat(indexes(h2, "TASK_EVENTS"))
                .containsExactlyInAnyOrder("IDX_TASK_EVENTS_SESSION", "IDX_TASK_EVENTS_TASK", "PRIMARY");
    }

    @Test
    void onH2TheForeignKeysStillHoldAndCascade() throws SQLException {
        DataSource h2 = h2("fk-hold");
        SchemaMigration.migrate(h2);
        try (Connection connection = h2.getConnection(); Statement sql = connection.createStatement()) {
            UUID session = UUID.randomUUID();
            sql.execute("INSERT INTO agent_sessions (id, status, started_at) "
                    + "VALUES ('" + session + "', 'running', CURRENT_TIMESTAMP)");
            sql.execute("INSERT INTO task_events (session_id, event_type, created_at) "
                    + "VALUES ('" + session + "', 'plan_started', CURRENT_TIMESTAMP)");

            assertThatThrownBy(() -> sql.execute("INSERT INTO task_events (task_id, event_type, created_at) "
                    + "VALUES ('" + UUID.randomUUID() + "', 'task_created', CURRENT_TIMESTAMP)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Referential integrity");
            sql.execute("DELETE FROM agent_sessions WHERE id = '" + session + "'");
            assertThat(count(sql, "SELECT COUNT(*) FROM task_events")).isZero();
        }
    }

    @Test
    void onPostgresTheMigrationsReachTheLatestVersionAndLeaveTheForeignKeysAsTheyWere() throws SQLException {
        onNewPostgresDatabase("agentry_migration_", postgres -> {
            migrateTo(postgres, "9");
            List<String> keysBefore = foreignKeys(postgres);

            SchemaMigration.migrate(postgres);

            assertThat(foreignKeys(postgres)).containsExactlyInAnyOrderElementsOf(keysBefore).isNotEmpty();
            try (Connection connection = postgres.getConnection(); Statement sql = connection.createStatement()) {
                assertThat(count(sql, "SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history")).isEqualTo(12);
            }
        });
    }

    @Test
    void onPostgresTheIndexesSkipRowsWithoutTheirKeyAndStillKeepKeysUnique() throws SQLException {
        onNewPostgresDatabase("agentry_partial_", postgres -> {
            SchemaMigration.migrate(postgres);
            try (Connection connection = postgres.getConnection(); Statement sql = connection.createStatement()) {
                UUID agent = UUID.randomUUID();
                UUID session = UUID.randomUUID();
                sql.execute("INSERT INTO agents (id, name, type, created_at, updated_at) "
                        + "VALUES ('" + agent + "', 'echo', 'mdb', now(), now())");
                sql.execute("INSERT INTO agent_sessions (id, status, started_at) VALUES ('" + session + "', 'running', now())");
                String task = "INSERT INTO agent_tasks (id, agent_id, task_type, status, priority, max_retries, backoff_ms,"
                        + " backoff_multiplier, max_backoff_ms, jitter, created_at, updated_at, idempotency_key, session_id,"
                        + " step_id) VALUES (gen_random_uuid(), '" + agent + "', 'echo', 'QUEUED', 3, 0, 0, 1, 0, false,"
                        + " now(), now(), %s, %s, %s)";
                sql.execute(task.formatted("null", "null", "null"));
                sql.execute(task.formatted("null", "null", "null"));
                sql.execute(task.formatted("'key-1'", "'" + session + "'", "'a'"));

                assertThat(count(sql, "SELECT COUNT(*) FROM pg_indexes WHERE indexname IN ('uk_tasks_session_step',"
                        + " 'idx_tasks_parent', 'uk_tasks_idempotency_key', 'idx_tasks_attempt_deadline',"
                        + " 'idx_task_events_session') AND indexdef LIKE '% WHERE (% IS NOT NULL)'")).isEqualTo(5);
                assertThat(count(sql, "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'idx_tasks_session'")).isZero();
                assertThatThrownBy(() -> sql.execute(task.formatted("'key-1'", "null", "null")))
                        .isInstanceOf(SQLException.class).hasMessageContaining("uk_tasks_idempotency_key");
                assertThatThrownBy(() -> sql.execute(task.formatted("'key-2'", "'" + session + "'", "'a'")))
                        .isInstanceOf(SQLException.class).hasMessageContaining("uk_tasks_session_step");
            }
        });
    }

    private interface DatabaseTest {
        void run(DataSource database) throws SQLException;
    }

    /** Runs {@code test} on a PostgreSQL database of its own, dropped afterwards. */
    private static void onNewPostgresDatabase(String prefix, DatabaseTest test) throws SQLException {
        String name = prefix + System.currentTimeMillis();
        try (Connection admin = postgres("test").getConnection(); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        }
        try {
            test.run(postgres(name));
        } finally {
            try (Connection admin = postgres("test").getConnection(); Statement sql = admin.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + name);
            }
        }
    }

    private static DataSource h2(String name) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    private static DataSource postgres(String database) {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setUrl("jdbc:postgresql://127.0.0.1:5432/" + database);
        postgres.setUser("postgres");
        return postgres;
    }

    /** The migrations up to {@code version}, as an older release left the schema. */
    private static void migrateTo(DataSource dataSource, String version) {
        SchemaMigration.migrations(dataSource).target(version).load().migrate();
    }

    /** Each foreign key as "table(columns) -> table(columns) on delete rule", whatever its name. */
    private static List<String> foreignKeys(DataSource dataSource) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            var meta = connection.getMetaData();
            for (String table : tables(connection)) {
                try (ResultSet rows = meta.getImportedKeys(null, null, table)) {
                    while (rows.next()) {
                        keys.add((rows.getString("FKTABLE_NAME") + "(" + rows.getString("FKCOLUMN_NAME") + ") -> "
                                + rows.getString("PKTABLE_NAME") + "(" + rows.getString("PKCOLUMN_NAME")
                                + ") on delete " + rows.getShort("DELETE_RULE")).toLowerCase());
                    }
                }
            }
        }
        return keys;
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                String schema = rows.getString("TABLE_SCHEM");
                if ("PUBLIC".equalsIgnoreCase(schema)) {
                    tables.add(rows.getString("TABLE_NAME"));
                }
            }
        }
        return tables;
    }

    /** The indexes H2 keeps for {@code table}, the primary key's as PRIMARY. */
    private static List<String> indexes(DataSource h2, String table) throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (Connection connection = h2.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT index_name, index_type_name FROM information_schema.indexes WHERE table_name = ?")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    indexes.add("PRIMARY KEY".equals(rows.getString(2)) ? "PRIMARY" : rows.getString(1));
                }
            }
        }
        return indexes;
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
