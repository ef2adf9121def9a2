package dev.chat.http.problems;

import dev.chat.model.DisplayText;
import dev.chat.model.protocol.ErrorCode;
import java.util.Optional;

/**
 * The rules request fields share, each refusal {@code 400 validation_failed} naming the field. Types, unknown fields
 * and unstorable text are refused before this, by reading (dev.chat.json.StrictJson); what is left is presence,
 * lengths, ranges and what names may hold (DisplayText).
 */
public final class Fields {

    private Fields() {
    }

    /** The body itself: absent, empty or {@code null} is not a request. */
    public static <T> T body(T body) {
        if (body == null) {
            throw invalid("A JSON object is required.");
        }
        return body;
    }

    public static <T> T required(T value, String field) {
        if (value == null) {
            throw invalid("Field '" + field + "' is required.");
        }
        return value;
    }

    /** A workspace or channel name: stripped, 1 to max characters, something visible, nothing that disguises it. */
    public static String name(String value, String field, int max) {
        String name = required(value, field).strip();
        if (name.isEmpty() || name.length() > max) {
            throw invalid("Field '" + field + "' must be 1 to " + max + " characters.");
        }
        return checked(field, name, DisplayText.nameProblem(name));
    }

    /** A one-line label such as a topic: stripped, at most max characters, possibly empty; absent is empty. */
    public static String label(String value, String field, int max) {
        String label = value == null ? "" : value.strip();
        if (label.length() > max) {
            throw invalid("Field '" + field + "' must be at most " + max + " characters.");
        }
        return checked(field, label, DisplayText.labelProblem(label));
    }

    /** An integer in [min, max]; absent passes as absent (with {@link #required} first when it may not be). */
    public static Integer range(Integer value, String field, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw invalid("Field '" + field + "' must be " + min + " to " + max + ".");
        }
        return value;
    }

    public static ApiException invalid(String detail) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, detail);
    }

    private static String checked(String field, String value, Optional<String> problem) {
        if (problem.isPresent()) {
            throw invalid("Field '" + field + "' " + problem.get() + ".");
        }
        return value;
    }
}
