package dev.chat.testing;

import dev.chat.local.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Creates test rows straight in the shared test database: each test makes its own workspace, users and channels
 * with fresh ids, so tests never see each other's data.
 */
public final class TestData {

    private TestData() {
    }

    public static UUID workspace() {
        UUID id = UUID.randomUUID();
        update("INSERT INTO workspaces (id, name, slug) VALUES (?, ?, ?)", id, "Test " + id, "ws-" + id);
        return id;
    }

    /** A user whose token subject is {@code subject}. */
    public static UUID user(String subject) {
        UUID id = UUID.randomUUID();
        update("INSERT INTO users (id, idp_subject, email, name) VALUES (?, ?, ?, ?)", id, subject,
                subject.contains("@") ? subject : null, subject);
        return id;
    }

    /** A fresh user with a unique subject, which is returned (use it to get a token). */
    public static String newSubject(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.com";
    }

    public static void activeMember(UUID workspaceId, UUID userId, String role) {
        update("INSERT INTO workspace_members (workspace_id, user_id, role, status, joined_at) "
                + "VALUES (?, ?, ?, 'active', now())", workspaceId, userId, role);
    }

    /** An invited member as an email invite makes one: the seat, and the pending invite to their address. */
    public static void invitedMember(UUID workspaceId, UUID userId) {
        update("INSERT INTO workspace_members (workspace_id, user_id, role, status) VALUES (?, ?, 'member', 'invited')",
                workspaceId, userId);
        int invites = update("""
                INSERT INTO invites (id, workspace_id, kind, email, token_hash, created_by, max_uses, expires_at)
                SELECT gen_random_uuid(), ?, 'email', lower(email), uuid_send(gen_random_uuid()),
                       coalesce((SELECT user_id FROM workspace_members WHERE workspace_id = ? AND role = 'admin'
                                 ORDER BY user_id LIMIT 1), id),
                       1, now() + interval '7 days'
                FROM users WHERE id = ? AND email IS NOT NULL
                """, workspaceId, workspaceId, userId);
        if (invites != 1) {
            throw new IllegalArgumentException("an invited member needs an email address: " + userId);
        }
    }

    public static UUID channel(UUID workspaceId, String slug, String visibility) {
        UUID id = UUID.randomUUID();
        update("INSERT INTO channels (id, workspace_id, name, slug, visibility) VALUES (?, ?, ?, ?, ?)",
                id, workspaceId, slug, slug, visibility);
        return id;
    }

    /** A direct message between these people, each a member of it, as the API makes one. */
    public static UUID directMessage(UUID workspaceId, UUID... people) {
        UUID id = UUID.randomUUID();
        String array = Arrays.stream(people).map(UUID::toString)
                .collect(Collectors.joining(",", "{", "}"));
        update("""
                INSERT INTO channels (id, workspace_id, kind, dm_members, visibility)
                VALUES (?, ?, 'dm', ARRAY(SELECT DISTINCT p FROM unnest(?::uuid[]) p ORDER BY p), 'private')
                """, id, workspaceId, array);
        for (UUID person : people) {
            channelMember(id, person);
        }
        return id;
    }

    public static void channelMember(UUID channelId, UUID userId) {
        update("INSERT INTO channel_members (channel_id, user_id) VALUES (?, ?)", channelId, userId);
    }

    /** The id of the conversation a message is the root of, or belongs to; null when it is in none. */
    public static String conversationOf(String messageId) {
        return string("SELECT conversation_id::text FROM messages WHERE id = ?::uuid", messageId);
    }

    public static long count(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static String string(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Makes the invite of this token (as its link carries it) expired, as if its time had run out. */
    public static void expireInvite(String token) {
        int expired = update("UPDATE invites SET expires_at = now() - interval '1 second' "
                + "WHERE token_hash = sha256(convert_to(?, 'UTF8'))", token);
        if (expired != 1) {
            throw new IllegalArgumentException("no invite has that token");
        }
    }

    public static int update(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(TestInfrastructure.get().postgres().jdbcUrl(), PostgresServer.USER, "");
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
