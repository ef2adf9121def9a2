package dev.chat.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * The local OIDC issuer: a real one (discovery, JWKS, token endpoint, signed RS256 tokens) from NAV's
 * mock-oauth2-server. It runs in a process of its own so its libraries never meet a service's class path.
 * <p>
 * Tokens are issued with the password grant (tests and {@code ./run token}): the username becomes the token's
 * {@code sub}, the optional form parameter {@code org_id} the claim of that name. Browsers sign in with the
 * authorization code flow and PKCE on a page with an Email and an Organization field (the web client does).
 */
public final class OidcIssuer {

    /** How long its tokens last unless told otherwise. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);

    /** The issuer id in the URL: {@code http://127.0.0.1:PORT/local}. */
    public static final String ISSUER_ID = "local";

    /**
     * Claims as WorkOS AuthKit puts them in access tokens: {@code sub} (here the password grant's username) and, when
     * the token request names one, the organization in {@code org_id}; {@code aud} is the request's {@code audience}
     * parameter ({@link TokenClient#AUDIENCE}). Like AuthKit's, the tokens carry no email.
     */
    private static final String CONFIG = """
            {"interactiveLogin": true,
             "loginPagePath": "%s",
             "tokenCallbacks": [{
                "issuerId": "%s",
                "tokenExpiry": %d,
                "requestMappings": [
                    {"requestParam": "org_id", "match": "*", "claims": {"org_id": "${org_id}", "aud": "${audience}"}},
                    {"requestParam": "grant_type", "match": "authorization_code", "claims": {"aud": "%s"}},
                    {"requestParam": "grant_type", "match": "refresh_token", "claims": {"aud": "%s"}},
                    {"requestParam": "grant_type", "match": "*", "claims": {"aud": "${audience}"}}
                ]
            }]}
            """;

    private OidcIssuer() {
    }

    public static String issuerUrl(int port) {
        return "http://127.0.0.1:" + port + "/" + ISSUER_ID;
    }

    /**
     * Starts the issuer, and the local user directory beside it ({@link LocalUserDirectory}), as a child process and
     * waits until both answer.
     */
    public static ChildProcess startProcess(int port, int directoryPort, Path logFile) {
        return startProcess(port, directoryPort, DEFAULT_TOKEN_LIFETIME, logFile);
    }

    /** As {@link #startProcess(int, int, Path)}, issuing tokens that expire after {@code tokenLifetime}. */
    public static ChildProcess startProcess(int port, int directoryPort, Duration tokenLifetime, Path logFile) {
        ChildProcess process = ChildProcess.start("oidc-issuer", JavaCommand.localStack(OidcIssuer.class,
                List.of(String.valueOf(port), String.valueOf(directoryPort),
                        String.valueOf(tokenLifetime.toSeconds()))), Map.of(), logFile);
        process.awaitHttpOk(issuerUrl(port) + "/.well-known/openid-configuration", Duration.ofSeconds(60));
        process.awaitHttpOk(LocalUserDirectory.url(directoryPort) + "/health", Duration.ofSeconds(10));
        return process;
    }

    /**
     * The browser sign-in page (authorization code flow): an Email and an Organization field. The issuer reads it
     * from a file, so the page is copied out of the class path.
     */
    private static String loginPage() throws IOException {
        Path page = Files.createTempFile("local-issuer-login", ".html");
        page.toFile().deleteOnExit();
        try (InputStream in = OidcIssuer.class.getResourceAsStream("/local-issuer/login.html")) {
            Files.copy(Objects.requireNonNull(in, "local-issuer/login.html"), page, StandardCopyOption.REPLACE_EXISTING);
        }
        return page.toString();
    }

    /** Entry point of the issuer process: {@code OidcIssuer PORT DIRECTORY_PORT TOKEN_SECONDS}. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long tokenSeconds = Long.parseLong(args[2]);
        String config = CONFIG.formatted(loginPage(), ISSUER_ID, tokenSeconds, TokenClient.AUDIENCE,
                TokenClient.AUDIENCE);
        MockOAuth2Server server = new MockOAuth2Server(OAuth2Config.Companion.fromJson(config));
        server.start(InetAddress.getLoopbackAddress(), port);
        LocalUserDirectory directory = LocalUserDirectory.start(Integer.parseInt(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            directory.close();
            server.shutdown();
        }, "oidc-issuer-shutdown"));
        System.out.println("OIDC issuer ready at " + issuerUrl(port) + ", user directory at "
                + LocalUserDirectory.url(Integer.parseInt(args[1])));
        Thread.currentThread().join();
    }
}
