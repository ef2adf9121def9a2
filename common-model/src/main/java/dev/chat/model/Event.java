package dev.chat.model;

import java.time.Instant;
import java.util.UUID;

/**
 * The envelope of every event (docs/protocol.md). {@code id} is unique per event: delivery is
 * at-least-once, so clients drop an id they have already applied.
 */
public record Event<P>(UUID id, EventType type, UUID workspaceId, Instant occurredAt, P payload) {
}
