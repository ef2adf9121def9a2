package dev.chat.model.protocol;

/**
 * Every stable, machine-readable reason the system gives for a refusal: the {@code code} of a problem+json body and
 * of a WebSocket error frame or close reason. Each code has one HTTP status wherever it is given; codes that only
 * WebSocket frames carry have none. docs/protocol.md lists them all ("Error codes").
 */
public enum ErrorCode {
    // Any call
    VALIDATION_FAILED(400),
    MALFORMED_JSON(400),
    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    CONFLICT(409),
    CONTENT_TOO_LARGE(413),
    URI_TOO_LONG(414),
    UNSUPPORTED_MEDIA_TYPE(415),
    HEADERS_TOO_LARGE(431),
    INTERNAL_ERROR(500),
    /** PostgreSQL aborted the transaction to let others go on; nothing was written and the same call may be resent. */
    TRY_AGAIN(503),

    // Workspaces, members and invites
    ORGANIZATION_REQUIRED(403),
    WORKSPACE_EXISTS(409),
    /** The caller is in the workspace but the action is for its admins. */
    ADMIN_REQUIRED(403),
    /** The caller was invited to the workspace and has not accepted yet. */
    INVITE_PENDING(403),
    LAST_ADMIN(409),
    ALREADY_MEMBER(409),
    ALREADY_INVITED(409),
    SEAT_LIMIT_REACHED(402),
    INVITE_NOT_FOUND(404),
    INVITE_EXPIRED(410),
    INVITE_REVOKED(410),
    INVITE_USED_UP(410),
    INVITE_WRONG_EMAIL(403),

    // Channels and messages
    CHANNEL_EXISTS(409),
    CHANNEL_ARCHIVED(409),
    TOO_MANY_REACTIONS(409),
    CHANNEL_TOO_LARGE(409),
    RATE_LIMITED(429),
    CHANNEL_PROTECTED(409),
    MEMBER_NOT_ACTIVE(409),
    NOT_IN_CHANNEL(403),

    // Billing
    BILLING_NOT_CONFIGURED(503),
    NO_BILLING_ACCOUNT(409),
    SUBSCRIPTION_EXISTS(409),
    SUBSCRIPTION_BUSY(503),
    STRIPE_UNAVAILABLE(502),
    INVALID_SIGNATURE(400),

    // WebSocket frames only
    UNKNOWN_OP(ErrorCode.FRAMES_ONLY),
    INVALID_ROOM(ErrorCode.FRAMES_ONLY),
    /** Also the close reason of a socket that did not keep up with its frames. */
    SLOW_CONSUMER(ErrorCode.FRAMES_ONLY),
    /** The gateway could not reach what it needs for this request (e.g. Redis); try again shortly. */
    UNAVAILABLE(ErrorCode.FRAMES_ONLY);

    private static final int FRAMES_ONLY = 0;

    private final String code;
    private final int status;

    ErrorCode(int status) {
        this.code = name().toLowerCase(java.util.Locale.ROOT);
        this.status = status;
    }

    /** The wire form, e.g. {@code seat_limit_reached}. */
    public String code() {
        return code;
    }

    /** The HTTP status this code is always given with. */
    public int status() {
        if (status == FRAMES_ONLY) {
            throw new IllegalStateException(code + " is given only in WebSocket frames");
        }
        return status;
    }

    /** Whether REST answers carry this code (else only WebSocket frames do). */
    public boolean http() {
        return status != FRAMES_ONLY;
    }

    @Override
    public String toString() {
        return code;
    }
}
