package dev.chat.http.problems;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * An RFC 9457 problem document with the stable {@code code} clients switch on, and any extension members a refusal
 * carries for the client to act on (e.g. the {@code workspace_id} to join instead of creating one).
 */
public record Problem(String type, String title, int status, String detail, String code,
                      @JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String code, String detail) {
        return of(status, title, code, detail, Map.of());
    }

    public static Problem of(int status, String title, String code, String detail, Map<String, Object> extensions) {
        return new Problem("https://docs.chat.dev/errors/" + code, title, status, detail, code, extensions);
    }

    @JsonAnyGetter
    Map<String, Object> extensionMembers() {
        return extensions;
    }
}
