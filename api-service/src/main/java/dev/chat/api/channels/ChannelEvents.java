package dev.chat.api.channels;

import dev.chat.model.Channel;
import dev.chat.model.EventType;
import dev.chat.model.Room;
import dev.chat.model.events.ChannelChanged;
import dev.chat.model.events.ChannelMemberChanged;
import dev.chat.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The events of channel changes (docs/protocol.md), written on the acting transaction, each to the rooms of those
 * who may see it: a public channel's to the workspace, a private channel's to its members only.
 */
@ApplicationScoped
public class ChannelEvents {

    private final OutboxWriter outbox;

    public ChannelEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** A public channel appears for the whole workspace; a private one for its creator, its only member. */
    public Uni<Void> created(SqlClient tx, Channel channel, UUID creator) {
        Room room = channel.visibility() == Channel.Visibility.PUBLIC ? Room.workspace(channel.workspaceId())
                : Room.user(creator);
        return announce(tx, EventType.CHANNEL_CREATED, channel, room);
    }

    /** What a public channel now looks like concerns the whole workspace; a private one only its members. */
    public Uni<Void> updated(SqlClient tx, Channel channel) {
        Room room = channel.visibility() == Channel.Visibility.PUBLIC ? Room.workspace(channel.workspaceId())
                : Room.channel(channel.id());
        return announce(tx, EventType.CHANNEL_UPDATED, channel, room);
    }

    /** The channel's room, and the member's own room so their client can show or drop the channel. */
    public Uni<Void> member(SqlClient tx, EventType type, Channel channel, UUID userId, UUID byUserId) {
        ChannelMemberChanged payload = new ChannelMemberChanged(userId, byUserId, ChannelChanged.of(channel));
        return outbox.append(tx, outbox.event(type, channel.workspaceId(), now(), payload,
                List.of(Room.channel(channel.id()), Room.user(userId))));
    }

    private Uni<Void> announce(SqlClient tx, EventType type, Channel channel, Room room) {
        return outbox.append(tx, outbox.event(type, channel.workspaceId(), now(), ChannelChanged.of(channel),
                List.of(room)));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
