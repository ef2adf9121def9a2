package dev.chat.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A string that is valid JSON but not storable text; its message says why, for the client. */
public final class UnstorableTextException extends MismatchedInputException {

    private final String reason;

    UnstorableTextException(JsonParser parser, String reason) {
        super(parser, "String " + reason, String.class);
        this.reason = reason;
    }

    /** E.g. "holds a NUL character (\u0000)". */
    public String reason() {
        return reason;
    }
}
