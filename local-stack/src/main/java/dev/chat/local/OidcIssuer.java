package dev.chat.local;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * The local OIDC issuer: a real one (discovery, JWKS, token endpoint, signed RS256 tokens) from NAV's
 * mock-oauth2-server. It runs in a process of its own so its libraries never meet a service's class path.
 * <p>
 * Tokens are issued with the password grant: the username becomes the token's {@code sub}, the optional form
 * parameter {@code org_id} the claim of that name.
 */
public final class OidcIssuer {

    /** The issuer id in the URL: {@code http://127.0.0.1:PORT/local}. */
    public static final String ISSUER_ID = "local";

    /**
     * Claims as WorkOS AuthKit puts them in access tokens: {@code sub} (here the password grant's username) and, when
     * the token request names one, the organization in {@code org_id}; {@code aud} is the request's {@code audience}
     * parameter ({@link TokenClient#AUDIENCE}). Like AuthKit's, the tokens carry no email.
     */
    private static final String CONFIG = """
            {"tokenCallbacks": [{
                "issuerId": "%s",
                "tokenExpiry": 3600,
                "requestMappings": [
                    {"requestParam": "org_id", "match": "*", "claims": {"org_id": "${org_id}", "aud": "${audience}"}},
                    {"requestParam": "grant_type", "match": "*", "claims": {"aud": "${audience}"}}
                ]
            }]}
            """.formatted(ISSUER_ID);

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
        ChildProcess process = ChildProcess.start("oidc-issuer", JavaCommand.localStack(OidcIssuer.class,
                List.of(String.valueOf(port), String.valueOf(directoryPort))), Map.of(), logFile);
        process.awaitHttpOk(issuerUrl(port) + "/.well-known/openid-configuration", Duration.ofSeconds(60));
        process.awaitHttpOk(LocalUserDirectory.url(directoryPort) + "/health", Duration.ofSeconds(10));
        return process;
    }

    /** Entry point of the issuer process: {@code OidcIssuer PORT DIRECTORY_PORT}. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        MockOAuth2Server server = new MockOAuth2Server(OAuth2Config.Companion.fromJson(CONFIG));
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
