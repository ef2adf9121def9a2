package dev.chat.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A thread: the graph node that a root message and its replies hang off, shared into one or more channels. */
public record Conversation(UUID id, UUID rootMessageId, List<UUID> channelIds, Instant createdAt) {
}
