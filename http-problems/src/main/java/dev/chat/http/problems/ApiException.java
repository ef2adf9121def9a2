package dev.chat.http.problems;

import dev.chat.model.protocol.ErrorCode;
import java.util.Map;

/**
 * A refusal the client can act on: its stable {@code code} (which fixes the HTTP status, see {@link ErrorCode}), a
 * sentence for people, and any members the client needs to act (e.g. the {@code workspace_id} to join instead).
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> extensions;

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, Map.of());
    }

    public ApiException(ErrorCode code, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        if (!code.http()) {
            throw new IllegalArgumentException(code + " is not an HTTP refusal");
        }
        this.code = code;
        this.extensions = Map.copyOf(extensions);
    }

    public ErrorCode code() {
        return code;
    }

    /** Members added to the problem document beside the standard ones. */
    public Map<String, Object> extensions() {
        return extensions;
    }
}
