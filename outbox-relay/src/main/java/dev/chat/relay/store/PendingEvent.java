package dev.chat.relay.store;

import java.util.List;

/** A committed outbox row not yet published: its id (the publication order), rooms and envelope JSON. */
public record PendingEvent(long id, List<String> rooms, String envelopeJson) {
}
