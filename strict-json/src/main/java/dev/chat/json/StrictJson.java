package dev.chat.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * The one JSON reading configuration of every service that reads what clients send (REST bodies, WebSocket frames).
 * Whatever a client sends is either read as it was meant or refused; nothing is reinterpreted:
 * <ul>
 *   <li>a key given twice, a field the type does not have, anything after the document: refused;</li>
 *   <li>strings are strings and numbers are numbers: {@code true} is no name, {@code 3.14} and {@code ""} are no
 *       count, {@code "3"} is no integer ({@link CoercionAction#Fail} for every coercion between scalar shapes);</li>
 *   <li>text must be storable ({@link StorableText}), ids canonical ({@link CanonicalUuid}).</li>
 * </ul>
 * Answers of external APIs read with the same mapper say so on their types ({@code @JsonIgnoreProperties}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** Shapes that are never taken for another scalar type. */
    private static final CoercionInputShape[] SCALAR_SHAPES = {CoercionInputShape.Integer, CoercionInputShape.Float,
            CoercionInputShape.Boolean, CoercionInputShape.String, CoercionInputShape.EmptyString};

    @Override
    public void customize(ObjectMapper mapper) {
        configure(mapper);
    }

    /** Applies the configuration to a mapper made outside CDI (tests, tools); returns it. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        for (CoercionInputShape shape : SCALAR_SHAPES) {
            mapper.coercionConfigDefaults().setCoercion(shape, CoercionAction.Fail);
        }
        mapper.coercionConfigDefaults().setAcceptBlankAsEmpty(false);
        // A whole number is a valid decimal: the only coercion between scalars that loses nothing.
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
        mapper.registerModule(new SimpleModule("strict-json").addDeserializer(String.class, new StorableText())
                .addDeserializer(UUID.class, new CanonicalUuid()));
        return mapper;
    }
}
