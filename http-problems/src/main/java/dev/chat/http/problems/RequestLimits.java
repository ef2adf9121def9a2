package dev.chat.http.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.model.protocol.ErrorCode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one place where a request's size and framing are checked, before anything reads its body or its token: the
 * path and query ({@code chat.http.max-uri-length}), the headers ({@code chat.http.max-headers-size}), the body's
 * length ({@code quarkus.http.limits.max-body-size}, declared or counted as it comes) and its type (JSON). Each
 * refusal is problem+json with its code, on HTTP/1.1 and HTTP/2 alike; on HTTP/2 only the refused stream ends, never
 * the connection. The server's transport limits (quarkus.http.limits.max-initial-line-length and max-header-size)
 * sit far above these, as a last guard for requests too large to parse at all.
 */
@ApplicationScoped
public class RequestLimits {

    /** Before Quarkus' own body-size check (order -2), which answers with no body and closes HTTP/2 connections. */
    private static final int ORDER = -3;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    /** How long, and how much, a refused body is still read before its connection is closed. */
    private static final long LINGER_MILLIS = 5_000;
    private static final long LINGER_MAX_BYTES = 16L * 1024 * 1024;
    /** {@code application/json}, optionally with {@code charset=utf-8}: JSON has no other encoding (RFC 8259). */
    private static final Pattern JSON_TYPE =
            Pattern.compile("application/json\\s*(;\\s*charset\\s*=\\s*\"?utf-8\"?\\s*)?", Pattern.CASE_INSENSITIVE);

    private final ObjectMapper json;
    private final long maxBodyBytes;
    private final int maxUriLength;
    private final int maxHeadersBytes;

    public RequestLimits(ObjectMapper json,
                         @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody,
                         @ConfigProperty(name = "chat.http.max-uri-length", defaultValue = "8192") int maxUriLength,
                         @ConfigProperty(name = "chat.http.max-headers-size", defaultValue = "16384")
                         int maxHeadersBytes) {
        this.json = json;
        this.maxBodyBytes = maxBody.asLongValue();
        this.maxUriLength = maxUriLength;
        this.maxHeadersBytes = maxHeadersBytes;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        Optional<Problem> refusal = refusal(request);
        if (refusal.isPresent()) {
            refuse(context, refusal.get());
        } else if (request.getHeader(HttpHeaderNames.CONTENT_LENGTH) == null
                && request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            readUndeclared(context);
        } else {
            context.next();
        }
    }

    /** What the request line and headers alone tell: too long, too large, or not JSON. */
    Optional<Problem> refusal(HttpServerRequest request) {
        if (request.uri().length() > maxUriLength) {
            return Optional.of(Problem.of(ErrorCode.URI_TOO_LONG,
                    "The path and query are over " + maxUriLength + " characters."));
        }
        if (headersBytes(request.headers()) > maxHeadersBytes) {
            return Optional.of(Problem.of(ErrorCode.HEADERS_TOO_LARGE,
                    "The request's headers are over " + maxHeadersBytes + " bytes."));
        }
        String length = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (length == null) {
            return Optional.empty();
        }
        if (!DIGITS.matcher(length).matches()) {
            return Optional.of(Problem.of(ErrorCode.VALIDATION_FAILED,
                    "Header 'Content-Length' must be a number of bytes."));
        }
        if (Long.parseLong(length) > maxBodyBytes) {
            return Optional.of(tooLarge());
        }
        return Long.parseLong(length) > 0 ? typeRefusal(request) : Optional.empty();
    }

    /**
     * A body of no declared length (chunked, or HTTP/2 without content-length) is read here and counted as it comes,
     * so that it is refused as soon as it passes the limit; the REST layer then reads it from the routing context.
     */
    private void readUndeclared(RoutingContext context) {
        HttpServerRequest request = context.request();
        Buffer body = Buffer.buffer();
        AtomicBoolean refused = new AtomicBoolean();
        request.handler(chunk -> {
            if (refused.get()) {
                return;
            }
            body.appendBuffer(chunk);
            if (body.length() > maxBodyBytes && refused.compareAndSet(false, true)) {
                refuse(context, tooLarge());
            }
        });
        request.endHandler(end -> {
            if (refused.get()) {
                return;
            }
            Optional<Problem> type = body.length() > 0 ? typeRefusal(request) : Optional.empty();
            if (type.isPresent()) {
                refuse(context, type.get());
                return;
            }
            context.setBody(body);
            context.next();
        });
        request.resume();
    }

    private Problem tooLarge() {
        return Problem.of(ErrorCode.CONTENT_TOO_LARGE, "The body is over " + maxBodyBytes + " bytes.",
                Map.of("max_bytes", maxBodyBytes));
    }

    private static Optional<Problem> typeRefusal(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaderNames.CONTENT_TYPE);
        if (type == null || !JSON_TYPE.matcher(type.strip()).matches()) {
            return Optional.of(Problem.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body as application/json (UTF-8)."));
        }
        return Optional.empty();
    }

    private void refuse(RoutingContext context, Problem problem) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response();
        if (request.version() != HttpVersion.HTTP_2 && !request.isEnded()) {
            // The connection cannot carry another request after a body left unread; it is closed, but only once the
            // client has sent what it was sending (or after a bound), so that it reads this answer instead of
            // failing on a reset while still writing (a "lingering close").
            response.putHeader(HttpHeaderNames.CONNECTION, "close");
            lingerThenClose(context);
        }
        response.setStatusCode(problem.status()).putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(render(problem));
    }

    private void lingerThenClose(RoutingContext context) {
        HttpServerRequest request = context.request();
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                request.connection().close();
            }
        };
        long timer = context.vertx().setTimer(LINGER_MILLIS, id -> close.run());
        long[] discarded = {0};
        request.handler(chunk -> {
            discarded[0] += chunk.length();
            if (discarded[0] > LINGER_MAX_BYTES) {
                close.run();
            }
        });
        request.endHandler(end -> {
            context.vertx().cancelTimer(timer);
            close.run();
        });
        request.exceptionHandler(failure -> close.run());
        request.resume();
    }

    /** Headers as HTTP/1.1 spells them: name, colon and space, value, line end. */
    private static long headersBytes(MultiMap headers) {
        long bytes = 0;
        for (Map.Entry<String, String> header : headers) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }

    private String render(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("problems are always serializable", e);
        }
    }
}
