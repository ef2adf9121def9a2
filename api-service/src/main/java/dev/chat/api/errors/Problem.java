package dev.chat.api.errors;

/** An RFC 9457 problem document with the stable {@code code} clients switch on. */
public record Problem(String type, String title, int status, String detail, String code) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String code, String detail) {
        return new Problem("https://docs.chat.dev/errors/" + code, title, status, detail, code);
    }
}
