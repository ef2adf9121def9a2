package dev.chat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

/**
 * Requests with exactly the bytes a test means (duplicate keys, broken escapes, no content type, chunked bodies),
 * which a REST test client would tidy up; over HTTP/1.1 unless the client given says otherwise.
 */
public final class RawHttp {

    private final HttpClient client;
    private final URI base;

    public RawHttp(URI base) {
        this(base, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build());
    }

    public RawHttp(URI base, HttpClient client) {
        this.base = base;
        this.client = client;
    }

    /** A JSON body (or none when null) with the given token, if any. */
    public HttpResponse<String> json(String method, String path, String token, String body) {
        return send(method, path, token, body == null ? null : "application/json", body, Map.of());
    }

    public HttpResponse<String> send(String method, String path, String token, String contentType, String body,
                                     Map<String, String> headers) {
        return sendBytes(method, path, token, contentType,
                body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
    }

    /** Exactly these bytes as the body (which need not be valid UTF-8), or none when null. */
    public HttpResponse<String> sendBytes(String method, String path, String token, String contentType, byte[] body,
                                          Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        return send(request, token, contentType, headers);
    }

    /** A body sent without a declared length (chunked on HTTP/1.1). */
    public HttpResponse<String> streamed(String method, String path, String token, String body) {
        Flow.Publisher<ByteBuffer> chunks = subscriber -> {
            SubmissionPublisher<ByteBuffer> publisher = new SubmissionPublisher<>();
            publisher.subscribe(subscriber);
            publisher.submit(ByteBuffer.wrap(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            publisher.close();
        };
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.fromPublisher(chunks));
        return send(request, token, "application/json", Map.of());
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token, String contentType,
                                      Map<String, String> headers) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
