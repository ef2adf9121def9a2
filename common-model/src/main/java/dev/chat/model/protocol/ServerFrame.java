package dev.chat.model.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;

/** The frames a gateway writes to its clients (docs/protocol.md); schemas in {@code schemas/}. */
public final class ServerFrame {

    private ServerFrame() {
    }

    /**
     * One event of a room: its place in the room's history ({@code epoch}, {@code offset}) and the event envelope
     * as written to the outbox. The relay renders it once per room and event, with the offset that Redis assigns;
     * gateways pass it on untouched.
     */
    @JsonPropertyOrder({"type", "room", "epoch", "offset", "event"})
    public record Event(String type, String room, String epoch, long offset, @JsonRawValue String event) {
        public Event(String room, String epoch, long offset, String event) {
            this("event", room, epoch, offset, event);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Subscribed(String type, String room, String epoch, Long offset, Boolean recovered) {
        public Subscribed(String room, String epoch, Long offset, Boolean recovered) {
            this("subscribed", room, epoch, offset, recovered);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Unsubscribed(String type, String room) {
        public Unsubscribed(String room) {
            this("unsubscribed", room);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String type, String room, String code, String message) {
        public Error(String room, ErrorCode code, String message) {
            this("error", room, code.code(), message);
        }
    }

    public record Pong(String type) {
        public static final Pong INSTANCE = new Pong("pong");
    }
}
