package dev.chat.api.identity;

import dev.chat.api.access.Caller;
import dev.chat.api.identity.UserRepository.UserAccount;
import dev.chat.outbox.EventTransactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The caller's account, created on their first call and given the profile the directory knows (WorkOS tokens carry
 * no email). The directory is asked only while the account has no email, never inside a transaction.
 * A verified email that was invited before its owner ever signed in brings that invitation along (InvitationTakeover).
 */
@ApplicationScoped
public class UserAccounts {

    private final Pool pool;
    private final EventTransactions transactions;
    private final UserRepository users;
    private final UserProfiles profiles;
    private final InvitationTakeover invitations;

    public UserAccounts(Pool pool, EventTransactions transactions, UserRepository users, UserProfiles profiles,
                        InvitationTakeover invitations) {
        this.pool = pool;
        this.transactions = transactions;
        this.users = users;
        this.profiles = profiles;
        this.invitations = invitations;
    }

    public Uni<UserAccount> signIn(Caller caller) {
        return pool.withConnection(c -> users.provision(c, caller.subject()))
                .chain(account -> account.email() != null
                        ? Uni.createFrom().item(account)
                        : profiles.lookup(caller.subject()).chain(profile -> profile
                                .map(p -> transactions.run(tx -> invitations.completeProfile(tx, account, p.email(),
                                        p.name())))
                                .orElseGet(() -> Uni.createFrom().item(account))));
    }
}
