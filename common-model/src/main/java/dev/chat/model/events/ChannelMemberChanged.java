package dev.chat.model.events;

import java.util.UUID;

/**
 * Payload of {@code channel.member_joined} and {@code channel.member_left}: {@code userId} joined or left (or was
 * added or removed by {@code byUserId}); the channel comes along so the member's own client can show or drop it.
 */
public record ChannelMemberChanged(UUID userId, UUID byUserId, ChannelChanged channel) {
}
