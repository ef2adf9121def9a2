package dev.chat.api.dms;

import com.github.f4b6a3.uuid.UuidCreator;
import dev.chat.api.access.Membership;
import dev.chat.api.access.WorkspaceRoles;
import dev.chat.http.problems.ApiException;
import dev.chat.http.problems.Fields;
import dev.chat.model.DirectMessage;
import dev.chat.model.EventType;
import dev.chat.model.Limits;
import dev.chat.model.Room;
import dev.chat.model.protocol.ErrorCode;
import dev.chat.outbox.EventTransactions;
import dev.chat.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Opening and listing direct messages (decision 0019). Opening is idempotent per set of people: the first opening
 * makes the DM and tells each of its people in their own room; later ones, concurrent ones included, get that DM.
 */
@ApplicationScoped
public class DirectMessageService {

    private final Pool pool;
    private final EventTransactions transactions;
    private final WorkspaceRoles roles;
    private final DirectMessageRepository dms;
    private final OutboxWriter outbox;

    public DirectMessageService(Pool pool, EventTransactions transactions, WorkspaceRoles roles,
                                DirectMessageRepository dms, OutboxWriter outbox) {
        this.pool = pool;
        this.transactions = transactions;
        this.roles = roles;
        this.dms = dms;
        this.outbox = outbox;
    }

    /** A DM, and whether this call made it. */
    public record Opened(DirectMessage dm, boolean created) {
    }

    public Uni<Opened> open(String subject, UUID workspaceId, DirectMessageRequests.Open request) {
        List<UUID> others = Fields.required(Fields.body(request).userIds(), "user_ids");
        if (others.contains(null)) {
            throw Fields.invalid("Field 'user_ids' holds user ids only.");
        }
        return transactions.run(tx -> roles.activeMember(tx, subject, workspaceId).chain(me -> {
            Set<UUID> people = people(me, others);
            return dms.lockPeople(tx, workspaceId, people).chain(statuses -> {
                requireActive(people, statuses);
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                return dms.create(tx, UuidCreator.getTimeOrderedEpoch(), workspaceId, people, me.userId(), now)
                        .chain(created -> created.isPresent()
                                ? announce(tx, created.get(), now).replaceWith(new Opened(created.get(), true))
                                : dms.find(tx, workspaceId, people).map(found -> new Opened(found.orElseThrow(),
                                        false)));
            });
        }));
    }

    public Uni<List<DirectMessage>> list(String subject, UUID workspaceId) {
        return pool.withConnection(c -> roles.activeMember(c, subject, workspaceId)
                .chain(me -> dms.listedFor(c, workspaceId, me.userId())));
    }

    /** The caller and 1 to {@link Limits#DM_OTHERS_MAX} others, each once (naming the caller too changes nothing). */
    private static Set<UUID> people(Membership me, List<UUID> others) {
        Set<UUID> people = new HashSet<>(others);
        people.add(me.userId());
        if (people.size() < 2 || people.size() > Limits.DM_OTHERS_MAX + 1) {
            throw Fields.invalid("Field 'user_ids' must name 1 to " + Limits.DM_OTHERS_MAX + " other members.");
        }
        return people;
    }

    /** Everyone must be an active member: those who are not are named, as anyone in the workspace may see them. */
    private static void requireActive(Set<UUID> people, Map<UUID, String> statuses) {
        List<UUID> absent = people.stream().filter(id -> !statuses.containsKey(id)).sorted().toList();
        if (!absent.isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Not members of this workspace: " + absent + ".",
                    Map.of("user_ids", absent));
        }
        List<UUID> invited = people.stream().filter(id -> !"active".equals(statuses.get(id))).sorted().toList();
        if (!invited.isEmpty()) {
            throw new ApiException(ErrorCode.MEMBER_NOT_ACTIVE, "These members have not accepted their invite yet: "
                    + invited + ".", Map.of("user_ids", invited));
        }
    }

    /** Each of the DM's people hears of it in their own room, so that all their clients list it and subscribe. */
    private Uni<Void> announce(SqlClient tx, DirectMessage dm, Instant at) {
        List<Room> rooms = dm.memberIds().stream().map(Room::user).toList();
        return outbox.append(tx, outbox.event(EventType.DM_CREATED, dm.workspaceId(), at, dm, rooms));
    }
}
