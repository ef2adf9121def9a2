package dev.chat.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Identifiers in their canonical form only: 36 characters, hexadecimal digits grouped 8-4-4-4-12. The JDK's
 * {@link UUID#fromString} also takes {@code 1-1-1-1-1} and Jackson a 24-character Base64 form; neither is an id this
 * system ever gave out, so neither is read as one.
 */
public final class CanonicalUuid extends FromJsonString<UUID> {

    private static final Pattern CANONICAL =
            Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    CanonicalUuid() {
        super(UUID.class);
    }

    public static Optional<UUID> parse(String text) {
        if (text == null || text.length() != 36 || !CANONICAL.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(text));
    }

    @Override
    UUID read(String text, JsonParser parser, DeserializationContext context) throws IOException {
        Optional<UUID> id = parse(text);
        if (id.isEmpty()) {
            return (UUID) context.handleWeirdStringValue(UUID.class, text, "not a UUID in canonical form");
        }
        return id.get();
    }
}
