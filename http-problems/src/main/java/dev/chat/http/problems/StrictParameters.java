package dev.chat.http.problems;

import dev.chat.json.CanonicalUuid;
import dev.chat.model.protocol.ErrorCode;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Path, query and header parameters read as strictly as bodies: ids in canonical UUID form only, integers as plain
 * decimal digits. A parameter that does not parse is {@code 400 validation_failed} naming it, where JAX-RS would
 * answer 404 (or read {@code 1-1-1-1-1} as an id).
 */
@Provider
public class StrictParameters implements ParamConverterProvider {

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,9}");

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = describe(annotations);
        if (rawType == UUID.class) {
            return (ParamConverter<T>) new Strict<>(name, "a UUID in canonical form (8-4-4-4-12 hexadecimal digits)",
                    CanonicalUuid::parse);
        }
        if (rawType == Integer.class) {
            return (ParamConverter<T>) new Strict<>(name, "an integer", text -> INTEGER.matcher(text).matches()
                    ? Optional.of(Integer.valueOf(text)) : Optional.empty());
        }
        return null;
    }

    private static String describe(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof PathParam path) {
                return "Path parameter '" + path.value() + "'";
            }
            if (annotation instanceof QueryParam query) {
                return "Parameter '" + query.value() + "'";
            }
            if (annotation instanceof HeaderParam header) {
                return "Header '" + header.value() + "'";
            }
            if (annotation instanceof CookieParam cookie) {
                return "Cookie '" + cookie.value() + "'";
            }
        }
        return "A parameter";
    }

    private record Strict<T>(String name, String expected, Function<String, Optional<T>> parse)
            implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            if (value == null) {
                return null;
            }
            return parse.apply(value).orElseThrow(() -> new ApiException(ErrorCode.VALIDATION_FAILED,
                    name + " must be " + expected + "."));
        }

        @Override
        public String toString(T value) {
            return String.valueOf(value);
        }
    }
}
