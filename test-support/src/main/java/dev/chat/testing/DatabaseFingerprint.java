package dev.chat.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every row of every table of the schema, summed up per table: two fingerprints differ when any row was inserted,
 * updated or deleted in between, whichever table it is in (the outbox included). For "a refused request writes
 * nothing" over the whole database rather than the tables a test thought of.
 */
public final class DatabaseFingerprint {

    private static final String TABLES = """
            SELECT quote_ident(tablename) FROM pg_tables
            WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history' ORDER BY tablename
            """;

    private DatabaseFingerprint() {
    }

    /**
     * The first transaction id not yet assigned. Every statement that writes gets a transaction id, so while this
     * stays the same nothing can have been written, and the full fingerprint need not be taken again.
     */
    public static long nextTransactionId(Connection connection) {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_snapshot_xmax(pg_current_snapshot())::text")) {
            rows.next();
            return Long.parseLong(rows.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the next transaction id", e);
        }
    }

    /** Table name → row count and a sum of the rows' hashes. */
    public static Map<String, String> take() {
        try (Connection connection = TestData.connect()) {
            return take(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("connecting to the database", e);
        }
    }

    /** The same, over a connection the caller keeps (in autocommit mode). */
    public static Map<String, String> take(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(TABLES)) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            StringBuilder sql = new StringBuilder();
            for (String table : tables) {
                sql.append(sql.isEmpty() ? "" : " UNION ALL ").append("SELECT '").append(table)
                        .append("', count(*) || ':' || coalesce(sum(hashtextextended(t::text, 0)), 0) FROM ")
                        .append(table).append(" t");
            }
            Map<String, String> fingerprint = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery(sql.toString())) {
                while (rows.next()) {
                    fingerprint.put(rows.getString(1), rows.getString(2));
                }
            }
            return fingerprint;
        } catch (SQLException e) {
            throw new IllegalStateException("fingerprinting the database", e);
        }
    }
}
