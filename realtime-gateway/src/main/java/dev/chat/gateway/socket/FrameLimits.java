package dev.chat.gateway.socket;

import dev.chat.model.Limits;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What ends a connection rather than earning an error frame (RFC 6455, section 7.4.1): a frame over the size limit
 * (1009), one that is not valid UTF-8 (1007), a binary frame (1003). Everything else that is wrong with a frame is
 * answered with an {@code error} frame and the socket stays open.
 */
final class FrameLimits {

    static final CloseReason TOO_LARGE = new CloseReason(1009,
            "A frame is at most " + Limits.CLIENT_FRAME_MAX_BYTES + " bytes.");
    static final CloseReason NOT_UTF8 = new CloseReason(1007, "Frames are valid UTF-8.");
    static final CloseReason BINARY = new CloseReason(1003, "Frames are JSON text; binary frames are not taken.");
    private static final CloseReason FAILED = new CloseReason(1011, "The connection failed.");

    /**
     * The replacement character the transport decodes invalid UTF-8 into. It is valid UTF-8 itself, but no frame of
     * this protocol holds it (every string in a command is ASCII), so a frame holding it is taken as not valid UTF-8.
     */
    private static final char REPLACEMENT = '\uFFFD';

    private FrameLimits() {
    }

    /** Why a text frame ends the connection, if it does. */
    static Optional<CloseReason> violation(String text) {
        // A UTF-8 encoding is at most three bytes per UTF-16 unit, at least one.
        if (text.length() > Limits.CLIENT_FRAME_MAX_BYTES
                || text.length() * 3 > Limits.CLIENT_FRAME_MAX_BYTES
                && text.getBytes(StandardCharsets.UTF_8).length > Limits.CLIENT_FRAME_MAX_BYTES) {
            return Optional.of(TOO_LARGE);
        }
        if (text.indexOf(REPLACEMENT) >= 0) {
            return Optional.of(NOT_UTF8);
        }
        return Optional.empty();
    }

    /**
     * A failure below the protocol: a fragmented message over the transport's message limit (reported by Vert.x as
     * an IllegalStateException naming that limit) is too large; anything else is ours.
     */
    static CloseReason forFailure(Throwable failure) {
        if (failure instanceof IllegalStateException && String.valueOf(failure.getMessage())
                .contains("max message size")) {
            return TOO_LARGE;
        }
        return FAILED;
    }
}
