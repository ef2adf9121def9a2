package dev.chat.api.members;

import dev.chat.model.EventType;
import dev.chat.model.Member;
import dev.chat.model.Room;
import dev.chat.outbox.OutboxWriter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * member.invited, member.joined and member.removed (docs/protocol.md): to the member's own room and every admin's;
 * an active member's arrival or departure also to the workspace room, where the other members see it. An invitation
 * is the admins' business only.
 */
@ApplicationScoped
public class MemberEvents {

    private final MemberRepository members;
    private final OutboxWriter outbox;

    public MemberEvents(MemberRepository members, OutboxWriter outbox) {
        this.members = members;
        this.outbox = outbox;
    }

    /** Writes one event per member, in order, on the transaction that made the changes. */
    public Uni<Void> announceAll(SqlClient tx, EventType type, List<Member> changed) {
        return Multi.createFrom().iterable(changed)
                .onItem().transformToUniAndConcatenate(member -> announce(tx, type, member))
                .collect().last().replaceWithVoid();
    }

    /** Writes the event on the transaction that made the change. */
    public Uni<Void> announce(SqlClient tx, EventType type, Member member) {
        return members.admins(tx, member.workspaceId()).chain(admins -> {
            Set<Room> rooms = new LinkedHashSet<>();
            if (member.status() == Member.Status.ACTIVE) {
                rooms.add(Room.workspace(member.workspaceId()));
            }
            rooms.add(Room.user(member.userId()));
            admins.forEach(admin -> rooms.add(Room.user(admin)));
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return outbox.append(tx, outbox.event(type, member.workspaceId(), now, member, List.copyOf(rooms)));
        });
    }
}
