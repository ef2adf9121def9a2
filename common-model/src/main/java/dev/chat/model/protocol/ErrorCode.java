package dev.chat.model.protocol;

/** Stable machine-readable codes used in problem+json bodies and WebSocket error frames. */
public final class ErrorCode {
    public static final String VALIDATION_FAILED = "validation_failed";
    public static final String MALFORMED_JSON = "malformed_json";
    public static final String UNAUTHENTICATED = "unauthenticated";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_FOUND = "not_found";
    public static final String CONTENT_TOO_LARGE = "content_too_large";
    public static final String CONFLICT = "conflict";
    /** The caller is in the workspace but the action is for its admins. */
    public static final String ADMIN_REQUIRED = "admin_required";
    /** The caller was invited to the workspace and has not accepted yet. */
    public static final String INVITE_PENDING = "invite_pending";
    public static final String UNKNOWN_OP = "unknown_op";
    public static final String INVALID_ROOM = "invalid_room";
    public static final String SLOW_CONSUMER = "slow_consumer";
    public static final String INTERNAL = "internal_error";
    public static final String UNAVAILABLE = "unavailable";
    /** PostgreSQL aborted the transaction to let others go on; nothing was written and the same call may be resent. */
    public static final String TRY_AGAIN = "try_again";

    private ErrorCode() {
    }
}
