package dev.chat.model.protocol;

/**
 * A frame a client sends: {@code subscribe} (with an optional {@code since} to resume), {@code unsubscribe}
 * or {@code ping}. Unknown ops are answered with an {@code error} frame, not a disconnect.
 */
public record ClientFrame(String op, String room, Since since) {

    /** The last position a client saw in a room: resume after {@code offset} if {@code epoch} still holds. */
    public record Since(String epoch, long offset) {
    }
}
