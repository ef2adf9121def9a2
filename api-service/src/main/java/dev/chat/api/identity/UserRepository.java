package dev.chat.api.identity;

import com.github.f4b6a3.uuid.UuidCreator;
import dev.chat.http.problems.ApiException;
import dev.chat.model.protocol.ErrorCode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Users, created on their first call (just-in-time provisioning), one per identity-provider subject; and accounts for
 * invited addresses, which the address's owner takes over when they first sign in.
 */
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

    /**
     * An account made for an invited address, which nobody has signed in to yet; held so that two first sign-ins
     * take it over one after the other, in a mode that still lets new invitations reference it (key share).
     */
    private static final String UNCLAIMED_WITH_EMAIL = """
            SELECT id FROM users WHERE lower(email) = lower($1) AND idp_subject IS NULL FOR NO KEY UPDATE
            """;

    /** Locks the unclaimed account against new references (a key share lock conflicts with this one). */
    private static final String LOCK_UNCLAIMED =
            "SELECT id FROM users WHERE id = $1 AND idp_subject IS NULL FOR UPDATE";

    private static final String DELETE_UNCLAIMED = "DELETE FROM users WHERE id = $1 AND idp_subject IS NULL";

    /**
     * The account of an invited address, created without a subject if there is none. The loser of a race for the
     * same address finds the winner's row on a second read, as in {@link #PROVISION}.
     */
    private static final String FOR_INVITED_EMAIL = """
            WITH inserted AS (
                INSERT INTO users (id, email) VALUES ($1, $2)
                ON CONFLICT ((lower(email))) DO NOTHING
                RETURNING id
            )
            SELECT id FROM inserted
            UNION ALL
            SELECT id FROM users WHERE lower(email) = lower($2)
            """;

    private static final String FIND_BY_EMAIL = "SELECT id FROM users WHERE lower(email) = lower($1)";

    /**
     * Holds the account as a foreign key would (key share), in a snapshot of its own: no row when the account was
     * deleted since it was read (taken over by its owner's first sign-in, InvitationTakeover), which the statement
     * that read it could not yet see.
     */
    private static final String HOLD = "SELECT id FROM users WHERE id = $1 FOR KEY SHARE";

    /** Takeovers of one address one after the other are unheard of; a few rounds always suffice. */
    private static final int INVITED_EMAIL_ATTEMPTS = 3;

    public Uni<UserAccount> provision(SqlClient client, String subject) {
        return client.preparedQuery(PROVISION).execute(Tuple.of(UuidCreator.getTimeOrderedEpoch(), subject))
                .chain(rows -> rows.size() > 0
                        ? Uni.createFrom().item(toAccount(rows.iterator().next()))
                        : client.preparedQuery(FIND).execute(Tuple.of(subject))
                                .map(again -> toAccount(again.iterator().next())));
    }

    /** Fills in the account's profile where it has none. Runs in the caller's transaction. */
    public Uni<UserAccount> completeProfile(SqlClient tx, UserAccount account, String email, String name) {
        return tx.preparedQuery(COMPLETE_PROFILE).execute(Tuple.of(account.id(), email, name))
                .map(rows -> rows.size() == 0 ? account : toAccount(rows.iterator().next()));
    }

    /** The account made for an invited address that nobody has signed in to yet, held until commit. */
    public Uni<Optional<UUID>> unclaimed(SqlClient client, String email) {
        return client.preparedQuery(UNCLAIMED_WITH_EMAIL).execute(Tuple.of(email))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("id")));
    }

    /**
     * Locks an unclaimed account until commit, after whatever still references it has committed; nothing can then
     * start to. @return false when it is gone (claimed meanwhile)
     */
    public Uni<Boolean> lockUnclaimed(SqlClient tx, UUID unclaimed) {
        return tx.preparedQuery(LOCK_UNCLAIMED).execute(Tuple.of(unclaimed)).map(rows -> rows.size() == 1);
    }

    public Uni<Void> deleteUnclaimed(SqlClient tx, UUID unclaimed) {
        return tx.preparedQuery(DELETE_UNCLAIMED).execute(Tuple.of(unclaimed)).replaceWithVoid();
    }

    /**
     * The account of {@code email}, created without a subject when the address has none yet, and held until the
     * caller's transaction ends so that it can be referenced: an account its owner's first sign-in deleted meanwhile
     * is looked up again, and then it is theirs.
     */
    public Uni<UUID> forInvitedEmail(SqlClient tx, String email) {
        return forInvitedEmail(tx, email, INVITED_EMAIL_ATTEMPTS);
    }

    private Uni<UUID> forInvitedEmail(SqlClient tx, String email, int attempts) {
        if (attempts == 0) {
            throw new ApiException(ErrorCode.TRY_AGAIN, "That address's account kept changing; send it again.");
        }
        return tx.preparedQuery(FOR_INVITED_EMAIL).execute(Tuple.of(UuidCreator.getTimeOrderedEpoch(), email))
                .chain(rows -> rows.size() > 0
                        ? Uni.createFrom().item(rows.iterator().next().getUUID("id"))
                        : tx.preparedQuery(FIND_BY_EMAIL).execute(Tuple.of(email))
                                .map(again -> again.iterator().next().getUUID("id")))
                .chain(id -> tx.preparedQuery(HOLD).execute(Tuple.of(id)).chain(held -> held.size() == 1
                        ? Uni.createFrom().item(id) : forInvitedEmail(tx, email, attempts - 1)));
    }

    private static UserAccount toAccount(Row row) {
        return new UserAccount(row.getUUID("id"), row.getString("email"), row.getString("name"));
    }

    /** A user as the API shows it to themselves. */
    public record UserAccount(UUID id, String email, String name) {
    }
}
