package dev.chat.http.problems;

import java.util.Map;

public final class ConflictException extends ApiException {

    private final Map<String, Object> extensions;

    public ConflictException(String code, String detail) {
        this(code, detail, Map.of());
    }

    public ConflictException(String code, String detail, Map<String, Object> extensions) {
        super(code, detail);
        this.extensions = Map.copyOf(extensions);
    }

    @Override
    public Map<String, Object> extensions() {
        return extensions;
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String title() {
        return "Conflict";
    }
}
