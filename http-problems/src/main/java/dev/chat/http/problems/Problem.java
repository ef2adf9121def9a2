package dev.chat.http.problems;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.chat.model.protocol.ErrorCode;
import java.util.Map;

/**
 * An RFC 9457 problem document with the stable {@code code} clients switch on, and any extension members a refusal
 * carries for the client to act on (e.g. the {@code workspace_id} to join instead of creating one).
 */
public record Problem(String type, String title, int status, String detail, String code,
                      @JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** RFC 9110's reason phrases of the statuses the catalogue uses. */
    private static final Map<Integer, String> TITLES = Map.ofEntries(Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"), Map.entry(402, "Payment Required"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
            Map.entry(409, "Conflict"), Map.entry(410, "Gone"),
            Map.entry(413, "Content Too Large"), Map.entry(414, "URI Too Long"), Map.entry(415, "Unsupported Media Type"),
            Map.entry(431, "Request Header Fields Too Large"), Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"));

    public static Problem of(ErrorCode code, String detail) {
        return of(code, detail, Map.of());
    }

    /** The title is the status's reason phrase: the code, not the title, is what clients switch on. */
    public static Problem of(ErrorCode code, String detail, Map<String, Object> extensions) {
        String title = TITLES.getOrDefault(code.status(), "Error");
        return new Problem("https://docs.chat.dev/errors/" + code.code(), title, code.status(), detail, code.code(),
                extensions);
    }

    @JsonAnyGetter
    Map<String, Object> extensionMembers() {
        return extensions;
    }
}
