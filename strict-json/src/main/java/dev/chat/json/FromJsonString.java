package dev.chat.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/** A value that is written as a JSON string and only as one: any other token is refused before {@link #read}. */
abstract class FromJsonString<T> extends StdScalarDeserializer<T> {

    FromJsonString(Class<T> type) {
        super(type);
    }

    /** The value of a JSON string, or a failure reported through the parser and context. */
    abstract T read(String text, JsonParser parser, DeserializationContext context) throws IOException;

    @Override
    @SuppressWarnings("unchecked")
    public final T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (T) context.handleUnexpectedToken(handledType(), parser);
        }
        return read(parser.getText(), parser, context);
    }
}
