package dev.chat.http.problems;

import dev.chat.model.protocol.ErrorCode;
import io.quarkus.security.Authenticated;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Lists, under every operation of the OpenAPI document, the problem codes it may answer, grouped by HTTP status, each
 * status with a problem+json body whose {@code code} is one of them: the codes the operation declares with
 * {@link Refuses}, and those any operation may give (a missing or bad token, a malformed or too large request, a
 * server failure, a database briefly unavailable). The operation is found from its id, which the services have
 * SmallRye OpenAPI write as {@code package.Class_method}; it is then shortened to {@code resourceMethod}.
 */
public class ProblemResponses implements OASFilter {

    private static final String PROBLEM = "Problem";
    private static final Set<ErrorCode> EVERY_OPERATION = EnumSet.of(ErrorCode.URI_TOO_LONG,
            ErrorCode.HEADERS_TOO_LARGE, ErrorCode.INTERNAL_ERROR, ErrorCode.TRY_AGAIN);
    private static final Set<ErrorCode> WITH_PARAMETERS = EnumSet.of(ErrorCode.VALIDATION_FAILED);
    private static final Set<ErrorCode> WITH_BODY = EnumSet.of(ErrorCode.VALIDATION_FAILED,
            ErrorCode.MALFORMED_JSON, ErrorCode.CONTENT_TOO_LARGE, ErrorCode.UNSUPPORTED_MEDIA_TYPE);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(PROBLEM, problemSchema());
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values()
                .forEach(this::describeRefusals));
    }

    private void describeRefusals(Operation operation) {
        Method method = resourceMethod(operation.getOperationId());
        Set<ErrorCode> codes = EnumSet.copyOf(EVERY_OPERATION);
        Refuses declared = method.getAnnotation(Refuses.class);
        if (declared != null) {
            codes.addAll(Arrays.asList(declared.value()));
        }
        if (method.isAnnotationPresent(Authenticated.class)
                || method.getDeclaringClass().isAnnotationPresent(Authenticated.class)) {
            codes.add(ErrorCode.UNAUTHENTICATED);
        }
        if (operation.getParameters() != null && !operation.getParameters().isEmpty()) {
            codes.addAll(WITH_PARAMETERS);
        }
        if (operation.getRequestBody() != null) {
            codes.addAll(WITH_BODY);
        }
        Map<Integer, List<ErrorCode>> byStatus = new TreeMap<>(codes.stream()
                .collect(Collectors.groupingBy(ErrorCode::status)));
        byStatus.forEach((status, group) -> operation.getResponses().addAPIResponse(String.valueOf(status),
                OASFactory.createAPIResponse()
                        .description("Problem: " + group.stream().map(code -> "`" + code.code() + "`")
                                .collect(Collectors.joining(", ")))
                        .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                                OASFactory.createMediaType().schema(OASFactory.createSchema()
                                        .allOf(List.of(OASFactory.createSchema().ref(PROBLEM),
                                                OASFactory.createSchema().addProperty("code",
                                                        OASFactory.createSchema().enumeration(group.stream()
                                                                .map(ErrorCode::code).map(Object.class::cast)
                                                                .toList())))))))));
        operation.setOperationId(shortId(method));
    }

    /** {@code dev.chat.api.messages.MessageResource_post} → that method. */
    private static Method resourceMethod(String operationId) {
        int separator = operationId == null ? -1 : operationId.lastIndexOf('_');
        if (separator < 0) {
            throw new IllegalStateException("operation id '" + operationId + "' is not package.Class_method: set "
                    + "mp.openapi.extensions.smallrye.operationIdStrategy=PACKAGE_CLASS_METHOD");
        }
        try {
            Class<?> resource = Class.forName(operationId.substring(0, separator), false,
                    Thread.currentThread().getContextClassLoader());
            String name = operationId.substring(separator + 1);
            return Arrays.stream(resource.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no method " + operationId));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no class for operation " + operationId, e);
        }
    }

    /** {@code MessageResource.post} → {@code messagePost}. */
    private static String shortId(Method method) {
        String resource = method.getDeclaringClass().getSimpleName().replaceFirst("Resource$", "");
        return Character.toLowerCase(resource.charAt(0)) + resource.substring(1)
                + Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1);
    }

    /** RFC 9457's members and the stable {@code code}; refusals may add members of their own. */
    private static Schema problemSchema() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("An RFC 9457 problem document; clients switch on `code`.")
                .addProperty("type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).format("uri"))
                .addProperty("title", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("code", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .required(List.of("type", "title", "status", "code"));
    }
}
