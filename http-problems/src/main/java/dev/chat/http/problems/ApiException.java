package dev.chat.http.problems;

import java.util.Map;

/**
 * A refusal the client can act on. Each subclass fixes the HTTP status; {@code code} is the stable machine-readable
 * reason that ends up in the problem+json body.
 */
public abstract class ApiException extends RuntimeException {

    private final String code;

    protected ApiException(String code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Members added to the problem document beside the standard ones; none by default. */
    public Map<String, Object> extensions() {
        return Map.of();
    }

    public abstract int status();

    public abstract String title();
}
