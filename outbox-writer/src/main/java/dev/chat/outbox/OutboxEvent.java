package dev.chat.outbox;

import dev.chat.model.EventType;
import dev.chat.model.Room;
import java.util.List;
import java.util.UUID;

/** One outbox row to write: the serialized envelope and the rooms it goes to. */
public record OutboxEvent(UUID eventId, EventType type, UUID workspaceId, List<Room> rooms, String envelopeJson) {
}
