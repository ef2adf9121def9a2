package dev.chat.api.members;

import dev.chat.outbox.EventTransactions;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Gives back the seats of invitations that ran out in workspaces where nobody takes a seat meanwhile (taking one
 * releases them anyway, see {@link Seats}), so that seat counts, member lists and billing show them free. Safe on
 * every replica at once: each workspace is released under its seat lock, and a second pass finds nothing.
 */
@ApplicationScoped
public class ExpiredInvitations {

    /** Workspaces per pass; the rest wait for the next one. */
    private static final int BATCH = 500;

    private static final Logger LOG = Logger.getLogger(ExpiredInvitations.class);

    private final Pool pool;
    private final EventTransactions transactions;
    private final MemberRepository members;
    private final Seats seats;

    public ExpiredInvitations(Pool pool, EventTransactions transactions, MemberRepository members, Seats seats) {
        this.pool = pool;
        this.transactions = transactions;
        this.members = members;
        this.seats = seats;
    }

    @Scheduled(every = "${chat.invites.release-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run();
    }

    /** One pass; a workspace that fails is tried again next time. */
    public Uni<Void> run() {
        return pool.withConnection(c -> members.workspacesWithLapsedInvited(c, BATCH))
                .onItem().transformToMulti(workspaces -> Multi.createFrom().iterable(workspaces))
                .onItem().transformToUniAndConcatenate(workspace -> transactions.run(tx -> seats.lock(tx, workspace))
                        .replaceWithVoid()
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("Releasing expired invitations of workspace %s failed: %s", workspace,
                                    failure.getMessage());
                            return null;
                        }))
                .collect().last().replaceWithVoid();
    }
}
