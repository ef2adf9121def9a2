package dev.chat.relay.store;

import java.util.List;
import java.util.UUID;

/**
 * A committed outbox row not yet published: its id (the publication order), its event's id (for logs), rooms and
 * envelope JSON.
 */
public record PendingEvent(long id, UUID eventId, List<String> rooms, String envelopeJson) {
}
