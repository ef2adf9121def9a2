package dev.chat.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The local stand-in for WorkOS's user API ({@code GET /user_management/users/{id}}, bearer API key), so the services
 * fetch profiles locally exactly as they do from WorkOS. Local users' ids are their email addresses (the issuer's
 * {@code sub} is the username), so the profile is made from the id: {@code alice@example.com} is Alice.
 */
public final class LocalUserDirectory implements AutoCloseable {

    /** The API key the local services present; a real deployment's key comes from its secret store. */
    public static final String API_KEY = "sk_local_directory";

    private static final String USERS_PATH = "/user_management/users/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    private LocalUserDirectory(HttpServer server) {
        this.server = server;
    }

    public static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    public static LocalUserDirectory start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/health", exchange -> respond(exchange, 200, Map.of("status", "UP")));
        server.createContext(USERS_PATH, LocalUserDirectory::user);
        server.start();
        return new LocalUserDirectory(server);
    }

    private static void user(HttpExchange exchange) throws IOException {
        if (!("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, Map.of("code", "unauthorized", "message", "Unauthorized"));
            return;
        }
        String id = URLDecoder.decode(exchange.getRequestURI().getPath().substring(USERS_PATH.length()),
                StandardCharsets.UTF_8);
        int at = id.indexOf('@');
        if (!"GET".equals(exchange.getRequestMethod()) || at < 1) {
            respond(exchange, 404, Map.of("code", "entity_not_found", "message", "User not found: " + id));
            return;
        }
        String first = id.substring(0, at).split("[-._+]")[0];
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("object", "user");
        user.put("id", id);
        user.put("email", id);
        user.put("email_verified", true);
        user.put("first_name", first.isEmpty() ? null
                : first.substring(0, 1).toUpperCase(Locale.ROOT) + first.substring(1));
        user.put("last_name", null);
        respond(exchange, 200, user);
    }

    private static void respond(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
