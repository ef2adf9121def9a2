package dev.chat.model;

/** The PostgreSQL NOTIFY channel on which writers wake the outbox-relay. The payload carries nothing needed. */
public final class OutboxSignal {
    public static final String CHANNEL = "outbox_event";

    private OutboxSignal() {
    }
}
