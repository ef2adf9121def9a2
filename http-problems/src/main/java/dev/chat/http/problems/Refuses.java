package dev.chat.http.problems;

import dev.chat.model.protocol.ErrorCode;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem codes an operation answers for its own reasons, beyond those every operation may give (which
 * {@link ProblemResponses} adds by itself: a bad token, a malformed or too large request, a database that is briefly
 * unavailable). The OpenAPI document lists both under the operation's responses.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Refuses {
    ErrorCode[] value();
}
