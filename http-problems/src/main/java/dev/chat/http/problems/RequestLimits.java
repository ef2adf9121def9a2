package dev.chat.http.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.model.protocol.ErrorCode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The one place where a request's size and framing are checked, before the REST layer reads its body: the path and
 * query ({@code chat.http.max-uri-length}), the headers ({@code chat.http.max-headers-size}), the body's length
 * ({@code quarkus.http.limits.max-body-size}, declared, or counted as it comes when it is not) and its type (JSON).
 * Each refusal is problem+json with its code, on HTTP/1.1 and HTTP/2 alike; on HTTP/2 only the refused stream ends,
 * never the connection. The server's transport limits (quarkus.http.limits.max-initial-line-length and
 * max-header-size) sit far above these, as a last guard for requests too large to parse at all.
 */
@ApplicationScoped
public class RequestLimits {

    /** Before Quarkus' own body-size check (order -2), which answers with no body and closes HTTP/2 connections. */
    static final int ORDER = -3;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    /** How long, and how much, a refused body is still read before its connection is closed. */
    private static final long LINGER_MILLIS = 5_000;
    private static final long LINGER_MAX_BYTES = 16L * 1024 * 1024;
    /** {@code application/json}, optionally with {@code charset=utf-8}: JSON has no other encoding (RFC 8259). */
    private static final Pattern JSON_TYPE =
            Pattern.compile("application/json\\s*(;\\s*charset\\s*=\\s*\"?utf-8\"?\\s*)?", Pattern.CASE_INSENSITIVE);

    private final ObjectMapper json;
    private final Vertx vertx;
    private final long maxBodyBytes;
    private final int maxUriLength;
    private final int maxHeadersBytes;

    public RequestLimits(ObjectMapper json, Vertx vertx,
                         @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody,
                         @ConfigProperty(name = "chat.http.max-uri-length", defaultValue = "8192") int maxUriLength,
                         @ConfigProperty(name = "chat.http.max-headers-size", defaultValue = "16384")
                         int maxHeadersBytes) {
        this.json = json;
        this.vertx = vertx;
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
        long bytes = Long.parseLong(length);
        if (bytes > maxBodyBytes) {
            return Optional.of(tooLarge());
        }
        return bytes > 0 ? typeRefusal(request) : Optional.empty();
    }

    /**
     * A body of no declared length (chunked, or HTTP/2 without content-length) is read here and counted as it comes,
     * refused as soon as it passes the limit, and handed to the REST layer as the request's entity. It is read in a
     * filter of the REST layer, before that layer reads bodies itself, rather than in the route above: the REST layer
     * cannot start on an HTTP/2 request whose body was already read, and on its own it would end the whole connection
     * at the limit.
     */
    @ServerRequestFilter
    public Uni<Response> readUndeclared(ContainerRequestContext entity, HttpServerRequest request) {
        if (!mayHaveUndeclaredBody(request)) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().emitter(answer -> {
            Buffer body = Buffer.buffer();
            AtomicBoolean refused = new AtomicBoolean();
            request.handler(chunk -> {
                if (refused.get()) {
                    return;
                }
                body.appendBuffer(chunk);
                if (body.length() > maxBodyBytes && refused.compareAndSet(false, true)) {
                    answer.complete(refusal(request, tooLarge()));
                }
            });
            request.endHandler(end -> {
                if (refused.get()) {
                    return;
                }
                Optional<Problem> type = body.length() > 0 ? typeRefusal(request) : Optional.empty();
                if (type.isPresent()) {
                    answer.complete(refusal(request, type.get()));
                    return;
                }
                if (body.length() > 0) {
                    entity.setEntityStream(new ByteArrayInputStream(body.getBytes()));
                }
                answer.complete(null);
            });
            request.exceptionHandler(answer::fail);
            request.resume();
        });
    }

    /**
     * Whether a body of no declared length can follow (RFC 9112, 6.3; RFC 9113, 8.1): on HTTP/1.1 only with
     * Transfer-Encoding, on HTTP/2 whenever content-length is missing, and never one the REST layer would read for GET
     * or HEAD. Every other request goes on at once, without waiting for its end.
     */
    private static boolean mayHaveUndeclaredBody(HttpServerRequest request) {
        if (request.getHeader(HttpHeaderNames.CONTENT_LENGTH) != null || request.isEnded()
                || request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD) {
            return false;
        }
        return request.version() == HttpVersion.HTTP_2
                || request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING);
    }

    /** A refusal the REST layer writes; on HTTP/1.1 its connection closes once the client has sent its body. */
    private Response refusal(HttpServerRequest request, Problem problem) {
        Response response = ProblemMappers.problem(problem);
        if (request.version() == HttpVersion.HTTP_2 || request.isEnded()) {
            return response;
        }
        lingerThenClose(request);
        return Response.fromResponse(response).header(HttpHeaderNames.CONNECTION.toString(), "close").build();
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
            lingerThenClose(request);
        }
        response.setStatusCode(problem.status()).putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(render(problem));
    }

    /**
     * Reads what is left of a refused body and closes the connection when it ends, or after a bound of time or bytes
     * (a "lingering close"): closing at once would reset the connection while the client is still writing, and it
     * would report that instead of the answer.
     */
    private void lingerThenClose(HttpServerRequest request) {
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                closeOnceAnswered(request, System.nanoTime() + LINGER_MILLIS * 1_000_000);
            }
        };
        long timer = vertx.setTimer(LINGER_MILLIS, id -> close.run());
        long[] discarded = {0};
        request.handler(chunk -> {
            discarded[0] += chunk.length();
            if (discarded[0] > LINGER_MAX_BYTES) {
                close.run();
            }
        });
        request.endHandler(end -> {
            vertx.cancelTimer(timer);
            close.run();
        });
        request.exceptionHandler(failure -> close.run());
        request.resume();
    }

    /** The answer may still be on its way from the REST layer when the body has ended: it is not cut off. */
    private void closeOnceAnswered(HttpServerRequest request, long deadline) {
        if (request.response().ended() || System.nanoTime() > deadline) {
            request.connection().close();
        } else {
            vertx.setTimer(10, id -> closeOnceAnswered(request, deadline));
        }
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
