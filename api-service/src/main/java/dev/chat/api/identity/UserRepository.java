package dev.chat.api.identity;

import com.github.f4b6a3.uuid.UuidCreator;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Users, created on their first call (just-in-time provisioning), one per identity-provider subject. */
@ApplicationScoped
public class UserRepository {

    /**
     * Creates the user unless the subject has one, and returns it. The unique subject decides concurrent first calls:
     * the loser inserts nothing, after waiting for the winner's commit. Its statement's snapshot may predate that
     * commit, so it then finds no row; {@link #provision} reads again.
     */
    private static final String PROVISION = """
            WITH inserted AS (
                INSERT INTO users (id, idp_subject) VALUES ($1, $2)
                ON CONFLICT (idp_subject) DO NOTHING
                RETURNING id, email, name
            )
            SELECT id, email, name FROM inserted
            UNION ALL
            SELECT id, email, name FROM users WHERE idp_subject = $2
            """;

    private static final String FIND = "SELECT id, email, name FROM users WHERE idp_subject = $1";

    /**
     * Fills in a profile the account lacks. An email another account already has is left out (the unique index would
     * refuse it); the name is kept if one was set.
     */
    private static final String COMPLETE_PROFILE = """
            UPDATE users SET email = $2, name = coalesce(name, $3)
            WHERE id = $1 AND email IS NULL
              AND NOT EXISTS (SELECT 1 FROM users other WHERE lower(other.email) = lower($2) AND other.id <> $1)
            RETURNING id, email, name
            """;

    public Uni<UserAccount> provision(SqlClient client, String subject) {
        return client.preparedQuery(PROVISION).execute(Tuple.of(UuidCreator.getTimeOrderedEpoch(), subject))
                .chain(rows -> rows.size() > 0
                        ? Uni.createFrom().item(toAccount(rows.iterator().next()))
                        : client.preparedQuery(FIND).execute(Tuple.of(subject))
                                .map(again -> toAccount(again.iterator().next())));
    }

    /** @return the account with its profile, or {@code account} unchanged when nothing was filled in */
    public Uni<UserAccount> completeProfile(SqlClient client, UserAccount account, String email, String name) {
        return client.preparedQuery(COMPLETE_PROFILE).execute(Tuple.of(account.id(), email, name))
                .map(rows -> rows.size() == 0 ? account : toAccount(rows.iterator().next()));
    }

    private static UserAccount toAccount(Row row) {
        return new UserAccount(row.getUUID("id"), row.getString("email"), row.getString("name"));
    }

    /** A user as the API shows it to themselves. */
    public record UserAccount(UUID id, String email, String name) {
    }
}
