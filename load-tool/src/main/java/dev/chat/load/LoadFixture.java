package dev.chat.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Creates the load's own workspace (or uses the one given), channels and users straight in the database (there is no
 * API for that yet), in set-based statements. Users are subjects {@code load-<run>-<n>@example.com}, members of every
 * channel of the load.
 */
final class LoadFixture {

    final UUID workspaceId;
    final List<UUID> channelIds = new ArrayList<>();
    final List<String> subjects = new ArrayList<>();
    /** Names this run's channels and users, so that it finds and removes exactly what it made. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final boolean ownWorkspace;

    private LoadFixture(UUID workspaceId, boolean ownWorkspace) {
        this.workspaceId = workspaceId;
        this.ownWorkspace = ownWorkspace;
    }

    /** A LIKE pattern matching this run's channel slugs and user subjects, and nothing else. */
    private String ownNames() {
        return "load-" + run + "-%";
    }

    static LoadFixture create(LoadOptions options) throws SQLException {
        boolean existing = options.workspaceId() != null;
        LoadFixture fixture = new LoadFixture(existing ? options.workspaceId() : UUID.randomUUID(), !existing);
        String run = fixture.run;
        int users = Math.max(options.authors(), Math.min(options.subscribers(), 200));
        try (Connection db = DriverManager.getConnection(options.jdbcUrl(), options.dbUser(), "")) {
            db.setAutoCommit(false);
            if (!existing) {
                execute(db, "INSERT INTO workspaces (id, name, slug, seat_limit) VALUES (?, ?, ?, ?)",
                        fixture.workspaceId, "Load " + run, "load-" + run, users);
            }
            execute(db, """
                    INSERT INTO channels (id, workspace_id, name, slug)
                    SELECT gen_random_uuid(), ?, 'load-' || ? || '-' || n, 'load-' || ? || '-' || n
                    FROM generate_series(1, ?) AS n
                    """, fixture.workspaceId, run, run, options.channels());
            execute(db, """
                    INSERT INTO users (id, idp_subject, email)
                    SELECT gen_random_uuid(), s, s
                    FROM (SELECT 'load-' || ? || '-' || n || '@example.com' AS s FROM generate_series(1, ?) AS n) x
                    """, run, users);
            execute(db, """
                    INSERT INTO workspace_members (workspace_id, user_id, status, joined_at)
                    SELECT ?, id, 'active', now() FROM users WHERE idp_subject LIKE ?
                    """, fixture.workspaceId, fixture.ownNames());
            execute(db, """
                    INSERT INTO channel_members (channel_id, user_id)
                    SELECT c.id, u.id FROM channels c, users u
                    WHERE c.workspace_id = ? AND c.slug LIKE ? AND u.idp_subject LIKE ?
                    """, fixture.workspaceId, fixture.ownNames(), fixture.ownNames());
            db.commit();
            try (var statement = db.prepareStatement(
                    "SELECT id FROM channels WHERE workspace_id = ? AND slug LIKE ? ORDER BY slug")) {
                statement.setObject(1, fixture.workspaceId);
                statement.setString(2, fixture.ownNames());
                var rows = statement.executeQuery();
                while (rows.next()) {
                    fixture.channelIds.add(rows.getObject(1, UUID.class));
                }
            }
        }
        for (int n = 1; n <= users; n++) {
            fixture.subjects.add("load-" + run + "-" + n + "@example.com");
        }
        return fixture;
    }

    /**
     * In a workspace that existed before the load, removes what the load added: its channels (with their messages)
     * and its users, so repeated runs do not leave it over its seat limit. A workspace of its own is left as it is.
     */
    void removeFrom(LoadOptions options) throws SQLException {
        if (ownWorkspace) {
            return;
        }
        try (Connection db = DriverManager.getConnection(options.jdbcUrl(), options.dbUser(), "")) {
            db.setAutoCommit(false);
            execute(db, "DELETE FROM channels WHERE workspace_id = ? AND slug LIKE ?", workspaceId, ownNames());
            execute(db, """
                    DELETE FROM workspace_members
                    WHERE workspace_id = ? AND user_id IN (SELECT id FROM users WHERE idp_subject LIKE ?)
                    """, workspaceId, ownNames());
            execute(db, "DELETE FROM users WHERE idp_subject LIKE ?", ownNames());
            db.commit();
        }
    }

    private static void execute(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
