package dev.chat.http.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.chat.json.UnstorableTextException;
import dev.chat.model.protocol.ErrorCode;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a body that strict reading refused is told (dev.chat.json.StrictJson): {@code malformed_json} when it is not
 * one JSON document, {@code validation_failed} naming the field when a value does not fit it.
 */
final class JsonProblems {

    private JsonProblems() {
    }

    static Problem of(JsonProcessingException e) {
        Throwable root = e;
        while (root.getCause() instanceof JsonProcessingException cause) {
            root = cause;
        }
        String field = e instanceof JsonMappingException mapping ? path(mapping) : "";
        if (root instanceof InputCoercionException && !field.isEmpty()) {
            return invalid("Field '" + field + "' is out of range.");
        }
        if (root instanceof StreamReadException parse) {
            return Problem.of(ErrorCode.MALFORMED_JSON, "The body is not valid JSON: " + parse.getOriginalMessage()
                    + location(parse) + ".");
        }
        if (root instanceof MismatchedInputException mismatch && field.isEmpty()) {
            // Jackson has no type of its own for data after the document; its message is the sign.
            if (mismatch.getOriginalMessage().startsWith("Trailing token")) {
                return Problem.of(ErrorCode.MALFORMED_JSON, "The body holds more than one JSON value.");
            }
            return invalid("The body must be a JSON object.");
        }
        if (root instanceof UnrecognizedPropertyException) {
            return invalid("Field '" + field + "' is not known.");
        }
        if (root instanceof UnstorableTextException text) {
            return invalid("Field '" + field + "' " + text.reason() + ".");
        }
        if (root instanceof MismatchedInputException mismatch) {
            return invalid("Field '" + field + "' must be " + expected(mismatch.getTargetType()) + ".");
        }
        return invalid("Field '" + field + "' has the wrong type or format.");
    }

    private static Problem invalid(String detail) {
        return Problem.of(ErrorCode.VALIDATION_FAILED, detail);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String location(StreamReadException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == UUID.class) {
            return "a UUID in canonical form (8-4-4-4-12 hexadecimal digits)";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> "'" + constant.toString().toLowerCase(Locale.ROOT) + "'")
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }
}
