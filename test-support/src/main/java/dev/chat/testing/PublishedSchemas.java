package dev.chat.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Set;

/** Validates JSON against the schemas that common-model publishes to clients. */
public final class PublishedSchemas {

    private static final String BASE = "https://schemas.chat.dev/";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(BASE, "classpath:schemas/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
            .build();

    private PublishedSchemas() {
    }

    /** @return the violations of {@code json} against {@code schemaFile} (e.g. "event.json"); empty when valid */
    public static Set<ValidationMessage> violations(String schemaFile, JsonNode json) {
        JsonSchema schema = FACTORY.getSchema(com.networknt.schema.SchemaLocation.of(BASE + schemaFile), CONFIG);
        return schema.validate(json);
    }

    /** @return the violations of {@code json} against a schema given inline (it may $ref the published ones) */
    public static Set<ValidationMessage> violations(JsonNode schema, JsonNode json) {
        return FACTORY.getSchema(schema, CONFIG).validate(json);
    }
}
