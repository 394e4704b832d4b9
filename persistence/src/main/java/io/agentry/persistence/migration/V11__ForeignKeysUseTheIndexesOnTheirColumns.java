package io.agentry.persistence.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * H2 gives a foreign key that has no index on exactly its columns when it is declared an index of
 * its own, and keeps it when such an index comes later (V10's on {@code task_events}): each is
 * written on every insert. That index goes only with its key, so each such key is declared again,
 * and H2 then takes the index that is there. PostgreSQL indexes no foreign key by itself: nothing
 * to do.
 */
public class V11__ForeignKeysUseTheIndexesOnTheirColumns extends BaseJavaMigration {

    /** How H2 names the indexes it makes for constraints; the migrations name theirs idx_ and uk_. */
    private static final String GENERATED_INDEX = "CONSTRAINT_";

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        Map<String, List<String>> indexes = indexColumns(connection);
        for (ForeignKey key : foreignKeys(connection)) {
            boolean indexOnItsColumns = indexes.entrySet().stream()
                    .anyMatch(index -> index.getKey().startsWith(key.table() + ".")
                            && !index.getKey().equals(key.table() + "." + key.index())
                            && index.getValue().size() == key.columns().size()
                            && index.getValue().containsAll(key.columns()));
            if (key.index().startsWith(GENERATED_INDEX) && indexOnItsColumns) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ALTER TABLE " + key.table() + " DROP CONSTRAINT " + key.name());
                    statement.execute("ALTER TABLE " + key.table() + " ADD CONSTRAINT " + key.name()
                            + " FOREIGN KEY (" + String.join(", ", key.columns()) + ") REFERENCES "
                            + key.referencedTable() + " (" + String.join(", ", key.referencedColumns()) + ")"
                            + " ON DELETE " + key.deleteRule());
                }
            }
        }
    }

    private record ForeignKey(String table, String name, String index, List<String> columns, String referencedTable,
            List<String> referencedColumns, String deleteRule) {
    }

    private static List<ForeignKey> foreignKeys(Connection connection) throws SQLException {
        List<ForeignKey> keys = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT fk.table_name, fk.constraint_name, fk.index_name, rc.delete_rule,
                       pk.table_name, rc.unique_constraint_name
                FROM information_schema.table_constraints fk
                JOIN information_schema.referential_constraints rc
                  ON rc.constraint_schema = fk.constraint_schema AND rc.constraint_name = fk.constraint_name
                JOIN information_schema.table_constraints pk
                  ON pk.constraint_schema = rc.unique_constraint_schema
                 AND pk.constraint_name = rc.unique_constraint_name
                WHERE fk.constraint_type = 'FOREIGN KEY' AND fk.table_schema = CURRENT_SCHEMA
                ORDER BY fk.table_name, fk.constraint_name""");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                keys.add(new ForeignKey(rows.getString(1), rows.getString(2), rows.getString(3),
                        constraintColumns(connection, rows.getString(2)), rows.getString(5),
                        constraintColumns(connection, rows.getString(6)), rows.getString(4)));
            }
        }
        return keys;
    }

    private static List<String> constraintColumns(Connection connection, String constraint) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT column_name FROM information_schema.key_column_usage
                WHERE constraint_schema = CURRENT_SCHEMA AND constraint_name = ?
                ORDER BY ordinal_position""")) {
            query.setString(1, constraint);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }

    /** The columns of every index of the schema, in index order, by {@code table.index}. */
    private static Map<String, List<String>> indexColumns(Connection connection) throws SQLException {
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT table_name, index_name, column_name FROM information_schema.index_columns
                WHERE table_schema = CURRENT_SCHEMA ORDER BY table_name, index_name, ordinal_position""");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                indexes.computeIfAbsent(rows.getString(1) + "." + rows.getString(2), k -> new ArrayList<>())
                        .add(rows.getString(3));
            }
        }
        return indexes;
    }
}
