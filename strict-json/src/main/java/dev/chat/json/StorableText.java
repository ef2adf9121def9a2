package dev.chat.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads a JSON string, and only a string, into a Java string that PostgreSQL's {@code text} can hold as it is: no
 * NUL character (PostgreSQL refuses it) and no unpaired UTF-16 surrogate (an escape such as {@code "\ud800"} is not a
 * character, and would be stored as {@code ?}).
 */
public final class StorableText extends FromJsonString<String> {

    StorableText() {
        super(String.class);
    }

    @Override
    String read(String text, JsonParser parser, DeserializationContext context) throws IOException {
        Optional<String> problem = problem(text);
        if (problem.isPresent()) {
            throw new UnstorableTextException(parser, problem.get());
        }
        return text;
    }

    /** Why the text cannot be stored as it is, if it cannot. */
    static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("holds a NUL character (\\u0000)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("holds an unpaired surrogate (\\u" + Integer.toHexString(c)
                        + "), which is no character");
            }
        }
        return Optional.empty();
    }
}
