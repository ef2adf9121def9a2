package dev.chat.local;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The local run's settings, from the environment. Everything has a default; the external ones switch off the
 * corresponding local server:
 * <ul>
 *   <li>{@code CHAT_DATABASE=host:port/db} (+ {@code CHAT_DATABASE_USER}, {@code CHAT_DATABASE_PASSWORD}): use
 *   that PostgreSQL;</li>
 *   <li>{@code CHAT_REDIS_URL=redis://host:port}: use that Redis;</li>
 *   <li>{@code CHAT_OIDC_ISSUER=https://…}: use that OIDC issuer (then {@code ./run token} cannot mint tokens), with
 *       {@code CHAT_OIDC_AUDIENCE} for the audience its tokens must carry (none checked when unset), and
 *       {@code CHAT_WORKOS_API_URL} and {@code CHAT_WORKOS_API_KEY} for its user directory.</li>
 * </ul>
 * Ports: {@code CHAT_POSTGRES_PORT} (15432), {@code CHAT_REDIS_PORT} (16379), {@code CHAT_ISSUER_PORT} (8090),
 * {@code CHAT_API_PORT} (8080), {@code CHAT_GATEWAY_PORT} (8081), {@code CHAT_BILLING_PORT} (8082),
 * {@code CHAT_RELAY_PORT} (8083), {@code CHAT_WEB_PORT} (3000, the web client). Data: {@code CHAT_DATA_DIR} ({@code .local}). Instances:
 * {@code CHAT_GATEWAYS} and {@code CHAT_RELAYS} (1 each); the n-th (from 0) listens on its service's port + 100 × n.
 * {@code CHAT_GATEWAY_DRAIN_DELAY} (1s here: no load balancer needs time to stop routing to a stopping gateway).
 */
public record LocalSettings(Path repositoryRoot, Path dataDir, int postgresPort, int redisPort, int issuerPort,
                            int directoryPort, Map<ChatService, Integer> servicePorts, String externalDatabase,
                            String databaseUser, String databasePassword, String externalRedis, String externalIssuer,
                            String externalAudience, String externalDirectoryUrl, String externalDirectoryKey,
                            int gateways, int relays, String gatewayDrainDelay, int webPort) {

    public static LocalSettings fromEnvironment(Path repositoryRoot) {
        Map<String, String> env = System.getenv();
        Map<ChatService, Integer> ports = new EnumMap<>(ChatService.class);
        ports.put(ChatService.API_SERVICE, port(env, "CHAT_API_PORT", ChatService.API_SERVICE.defaultPort()));
        ports.put(ChatService.REALTIME_GATEWAY,
                port(env, "CHAT_GATEWAY_PORT", ChatService.REALTIME_GATEWAY.defaultPort()));
        ports.put(ChatService.BILLING_SERVICE,
                port(env, "CHAT_BILLING_PORT", ChatService.BILLING_SERVICE.defaultPort()));
        ports.put(ChatService.OUTBOX_RELAY, port(env, "CHAT_RELAY_PORT", ChatService.OUTBOX_RELAY.defaultPort()));
        return new LocalSettings(repositoryRoot,
                repositoryRoot.resolve(env.getOrDefault("CHAT_DATA_DIR", ".local")),
                port(env, "CHAT_POSTGRES_PORT", 15432), port(env, "CHAT_REDIS_PORT", 16379),
                port(env, "CHAT_ISSUER_PORT", 8090), port(env, "CHAT_DIRECTORY_PORT", 8091), ports,
                env.get("CHAT_DATABASE"), env.getOrDefault("CHAT_DATABASE_USER", PostgresServer.USER),
                env.getOrDefault("CHAT_DATABASE_PASSWORD", ""), env.get("CHAT_REDIS_URL"), env.get("CHAT_OIDC_ISSUER"),
                env.get("CHAT_OIDC_AUDIENCE"), env.get("CHAT_WORKOS_API_URL"), env.get("CHAT_WORKOS_API_KEY"),
                count(env, "CHAT_GATEWAYS"), count(env, "CHAT_RELAYS"),
                env.getOrDefault("CHAT_GATEWAY_DRAIN_DELAY", "1s"), port(env, "CHAT_WEB_PORT", 3000));
    }

    public int port(ChatService service) {
        return servicePorts.get(service);
    }

    /** The port of a service's n-th instance (from 0): its port + 100 × n. */
    public int port(ChatService service, int instance) {
        return servicePorts.get(service) + 100 * instance;
    }

    /** How many instances of a service run: gateways and relays as asked, one of everything else. */
    public int instances(ChatService service) {
        return switch (service) {
            case REALTIME_GATEWAY -> gateways;
            case OUTBOX_RELAY -> relays;
            default -> 1;
        };
    }

    private static int count(Map<String, String> env, String name) {
        int count = port(env, name, 1);
        if (count < 1 || count > 9) {
            throw new IllegalArgumentException(name + " must be 1 to 9, not " + count);
        }
        return count;
    }

    public String issuerUrl() {
        return externalIssuer != null ? externalIssuer : OidcIssuer.issuerUrl(issuerPort);
    }

    /** The audience the services expect: the local issuer's, or the one configured for an external issuer. */
    public String audience() {
        return externalIssuer != null ? externalAudience : TokenClient.AUDIENCE;
    }

    /** With an external issuer, its user directory is external too (WorkOS's, unless configured otherwise). */
    public String directoryUrl() {
        return externalIssuer != null ? externalDirectoryUrl : LocalUserDirectory.url(directoryPort);
    }

    public String directoryApiKey() {
        return externalIssuer != null ? externalDirectoryKey : LocalUserDirectory.API_KEY;
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
