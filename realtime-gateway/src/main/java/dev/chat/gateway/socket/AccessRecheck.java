package dev.chat.gateway.socket;

import dev.chat.gateway.access.RoomAuthorizer;
import dev.chat.gateway.access.RoomAuthorizer.HeldRoom;
import dev.chat.model.Room;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Authorizes every held room again, periodically, so that a member removed from a workspace or a private channel
 * (or a channel made unreadable any other way) stops receiving it within {@code chat.gateway.access-recheck-interval}:
 * access is the database's, at every moment, not the subscription's
 * (docs/decisions/0007-authorization-from-the-database.md). One statement per batch of held rooms, not one per socket.
 */
@ApplicationScoped
public class AccessRecheck {

    static final int BATCH = 5_000;
    private static final Logger LOG = Logger.getLogger(AccessRecheck.class);

    private final ProtocolHandler protocol;
    private final RoomAuthorizer authorizer;

    public AccessRecheck(ProtocolHandler protocol, RoomAuthorizer authorizer) {
        this.protocol = protocol;
        this.authorizer = authorizer;
    }

    @Scheduled(every = "${chat.gateway.access-recheck-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> recheck() {
        List<Held> held = new ArrayList<>();
        for (ClientSession session : protocol.sessions()) {
            if (session.userId() == null) {
                continue;
            }
            for (String name : session.rooms()) {
                Room.parse(name).filter(room -> room.kind() != Room.Kind.USER)
                        .ifPresent(room -> held.add(new Held(session, name, new HeldRoom(session.userId(), room))));
            }
        }
        if (held.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<List<Held>> batches = new ArrayList<>();
        for (int from = 0; from < held.size(); from += BATCH) {
            batches.add(held.subList(from, Math.min(from + BATCH, held.size())));
        }
        return Multi.createFrom().iterable(batches)
                .onItem().transformToUniAndConcatenate(this::recheck)
                .collect().last().replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Re-checking room access failed (tried again next time): %s", failure.getMessage());
                    return null;
                });
    }

    private Uni<Void> recheck(List<Held> batch) {
        return authorizer.deniedAmong(batch.stream().map(Held::room).toList()).invoke(denied -> denied.forEach(i -> {
            Held lost = batch.get(i);
            LOG.debugf("Socket %s of user %s lost access to %s", lost.session().id(), lost.session().userId(),
                    lost.name());
            protocol.revoke(lost.session(), lost.name());
        })).replaceWithVoid();
    }

    private record Held(ClientSession session, String name, HeldRoom room) {
    }
}
