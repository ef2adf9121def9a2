package dev.chat.testing.fuzz;

import java.util.Map;

/**
 * One hostile request: which endpoint it aims at, what kind of mistake it makes, and exactly what is sent. A null
 * token sends no Authorization header, a null content type no Content-Type, a null body none.
 */
public record FuzzCase(String endpoint, String kind, String method, String path, String token, String contentType,
                       byte[] body, Map<String, String> headers) {

    public String describe() {
        String shown = body == null ? "" : new String(body, java.nio.charset.StandardCharsets.UTF_8);
        if (shown.length() > 200) {
            shown = shown.substring(0, 200) + "…(" + body.length + " bytes)";
        }
        String target = path.length() > 200 ? path.substring(0, 200) + "…" : path;
        return kind + ": " + method + " " + target + " [" + contentType + "] " + shown;
    }
}
