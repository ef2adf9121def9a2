package dev.chat.model.events;

import dev.chat.model.Channel;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code channel.created} and {@code channel.updated}: the channel as it now is. Unlike {@link Channel} it
 * says nothing about the reader, since one event reaches many readers.
 */
public record ChannelChanged(UUID id, UUID workspaceId, String name, String slug, Channel.Visibility visibility,
                             String topic, Instant createdAt, Instant archivedAt) {

    public static ChannelChanged of(Channel channel) {
        return new ChannelChanged(channel.id(), channel.workspaceId(), channel.name(), channel.slug(),
                channel.visibility(), channel.topic(), channel.createdAt(), channel.archivedAt());
    }
}
