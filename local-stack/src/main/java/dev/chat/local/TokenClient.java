package dev.chat.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Gets an access token for a user from an OIDC issuer's token endpoint (found through discovery). */
public final class TokenClient {

    /** The client id local tokens are issued to. */
    public static final String CLIENT_ID = "chat-local";
    /** The audience local tokens are issued for: what ./run and the tests configure the services to expect. */
    public static final String AUDIENCE = "chat-api";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TokenClient() {
    }

    /** A token for {@code subject} with no organization (a user who has not picked or created one yet). */
    public static String accessToken(String issuerUrl, String subject) {
        return accessToken(issuerUrl, subject, null);
    }

    /** A token for {@code subject} whose {@code org_id} claim is {@code orgId}, as WorkOS AuthKit issues them. */
    public static String accessToken(String issuerUrl, String subject, String orgId) {
        return accessToken(issuerUrl, subject, orgId, AUDIENCE);
    }

    /** A token for another audience than this system's (for tests that it is refused). */
    public static String accessToken(String issuerUrl, String subject, String orgId, String audience) {
        try {
            JsonNode discovery = getJson(issuerUrl + "/.well-known/openid-configuration");
            String form = "grant_type=password"
                    + "&username=" + URLEncoder.encode(subject, StandardCharsets.UTF_8)
                    + "&password=local"
                    + "&client_id=" + CLIENT_ID
                    + "&scope=openid"
                    + "&audience=" + URLEncoder.encode(audience, StandardCharsets.UTF_8)
                    + (orgId == null ? "" : "&org_id=" + URLEncoder.encode(orgId, StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(URI.create(discovery.path("token_endpoint").asText()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .timeout(Duration.ofSeconds(10))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token endpoint answered " + response.statusCode());
            }
            return JSON.readTree(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("could not reach the OIDC issuer at " + issuerUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode getJson(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }
}
