package dev.chat.api.invites;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Invites, found by the hash of their token. */
@ApplicationScoped
public class InviteRepository {

    private static final String COLUMNS = """
            id, workspace_id, kind, email, max_uses, use_count, expires_at, revoked_at, created_at, created_by""";

    private static final String INSERT = """
            INSERT INTO invites (id, workspace_id, kind, email, token_hash, created_by, max_uses, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT DO NOTHING
            """;

    private static final String WORKSPACE_OF_TOKEN = "SELECT workspace_id FROM invites WHERE token_hash = $1";

    private static final String BY_TOKEN = "SELECT " + COLUMNS + " FROM invites WHERE token_hash = $1 FOR UPDATE";

    private static final String BY_ID = "SELECT " + COLUMNS
            + " FROM invites WHERE id = $1 AND workspace_id = $2 FOR UPDATE";

    private static final String PENDING = "SELECT " + COLUMNS + " FROM invites" + """

            WHERE workspace_id = $1 AND revoked_at IS NULL AND (max_uses IS NULL OR use_count < max_uses)
            ORDER BY created_at DESC, id
            """;

    private static final String USE = "UPDATE invites SET use_count = use_count + 1 WHERE id = $1";

    private static final String REVOKE = "UPDATE invites SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL";

    /** An expired, unused email invite to the same address gives way to a new one. */
    private static final String REVOKE_EXPIRED_FOR_EMAIL = """
            UPDATE invites SET revoked_at = now()
            WHERE workspace_id = $1 AND kind = 'email' AND email = $2 AND revoked_at IS NULL AND use_count = 0
              AND expires_at <= now()
            """;

    /** @return false when an unused email invite to the same address is still pending */
    public Uni<Boolean> insert(SqlClient tx, Invite invite, byte[] tokenHash) {
        Tuple parameters = Tuple.tuple().addUUID(invite.id()).addUUID(invite.workspaceId())
                .addString(invite.kind().wireName()).addString(invite.email()).addBuffer(Buffer.buffer(tokenHash))
                .addUUID(invite.createdBy()).addInteger(invite.maxUses())
                .addOffsetDateTime(invite.expiresAt().atOffset(ZoneOffset.UTC));
        return tx.preparedQuery(INSERT).execute(parameters).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<UUID>> workspaceOfToken(SqlClient client, byte[] tokenHash) {
        return client.preparedQuery(WORKSPACE_OF_TOKEN).execute(Tuple.tuple().addBuffer(Buffer.buffer(tokenHash)))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getUUID("workspace_id")));
    }

    /** The invite, locked for the rest of the transaction. */
    public Uni<Optional<Invite>> byToken(SqlClient tx, byte[] tokenHash) {
        return tx.preparedQuery(BY_TOKEN).execute(Tuple.tuple().addBuffer(Buffer.buffer(tokenHash)))
                .map(InviteRepository::first);
    }

    /** The invite of that workspace, locked for the rest of the transaction. */
    public Uni<Optional<Invite>> byId(SqlClient tx, UUID inviteId, UUID workspaceId) {
        return tx.preparedQuery(BY_ID).execute(Tuple.of(inviteId, workspaceId)).map(InviteRepository::first);
    }

    /** Invites not revoked and not used up, newest first; expired ones included, so admins see them lapse. */
    public Uni<List<Invite>> pending(SqlClient client, UUID workspaceId) {
        return client.preparedQuery(PENDING).execute(Tuple.of(workspaceId)).map(rows -> {
            List<Invite> invites = new ArrayList<>();
            rows.forEach(row -> invites.add(toInvite(row)));
            return invites;
        });
    }

    public Uni<Void> use(SqlClient tx, UUID inviteId) {
        return tx.preparedQuery(USE).execute(Tuple.of(inviteId)).replaceWithVoid();
    }

    /** @return whether the invite was still open */
    public Uni<Boolean> revoke(SqlClient tx, UUID inviteId) {
        return tx.preparedQuery(REVOKE).execute(Tuple.of(inviteId)).map(rows -> rows.rowCount() == 1);
    }

    /** @return how many expired email invites to the address were revoked */
    public Uni<Integer> revokeExpiredForEmail(SqlClient tx, UUID workspaceId, String email) {
        return tx.preparedQuery(REVOKE_EXPIRED_FOR_EMAIL).execute(Tuple.of(workspaceId, email))
                .map(RowSet::rowCount);
    }

    private static Optional<Invite> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(toInvite(rows.iterator().next()));
    }

    private static Invite toInvite(Row row) {
        return new Invite(row.getUUID("id"), row.getUUID("workspace_id"),
                Invite.Kind.valueOf(row.getString("kind").toUpperCase(Locale.ROOT)), row.getString("email"),
                row.getInteger("max_uses"), row.getInteger("use_count"), instant(row.getOffsetDateTime("expires_at")),
                instant(row.getOffsetDateTime("revoked_at")), instant(row.getOffsetDateTime("created_at")),
                row.getUUID("created_by"));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
