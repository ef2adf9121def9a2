package dev.chat.model.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Frames the gateway writes that do not carry an event (event frames are built by the relay, see docs/protocol.md). */
public final class ServerFrame {

    private ServerFrame() {
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
        public Error(String room, String code, String message) {
            this("error", room, code, message);
        }
    }

    public record Pong(String type) {
        public static final Pong INSTANCE = new Pong("pong");
    }
}
