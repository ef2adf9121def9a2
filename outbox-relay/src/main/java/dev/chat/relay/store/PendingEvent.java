package dev.chat.relay.store;

import java.util.List;

/** A committed outbox row not yet published: its id (the publication order), rooms and envelope JSON. */
public record PendingEvent(long id, List<String> rooms, String envelopeJson) {

    private static final String ID = "{\"id\":\"";

    /** The event's id, the envelope's first member (OutboxWriter writes it so); for logs. */
    public String eventId() {
        int end = envelopeJson.startsWith(ID) ? envelopeJson.indexOf('"', ID.length()) : -1;
        return end < 0 ? "?" : envelopeJson.substring(ID.length(), end);
    }
}
