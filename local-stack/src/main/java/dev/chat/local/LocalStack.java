package dev.chat.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run}: starts the whole system on this machine, or prints a token for a local user.
 * <pre>
 *   ./run                 start PostgreSQL, Redis, the OIDC issuer, the four services and the web client;
 *                         Ctrl-C stops them
 *   ./run token EMAIL [ORG_ID]  print an access token for EMAIL (in organization ORG_ID, default org_local)
 * </pre>
 * Data lives under {@code .local/} so a restart loses nothing. Every part it starts is restarted when it dies
 * ({@link Supervisor}). {@link LocalSettings} lists the environment variables that run several gateways or relays, or
 * point it at external PostgreSQL, Redis or OIDC instead.
 */
public final class LocalStack {

    private final LocalSettings settings;
    private final Supervisor supervisor = new Supervisor();

    private LocalStack(LocalSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        LocalSettings settings;
        try {
            settings = LocalSettings.fromEnvironment(Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (args.length >= 1 && args[0].equals("token")) {
            if (args.length < 2 || args.length > 3) {
                System.err.println("usage: ./run token EMAIL [ORG_ID]");
                System.exit(2);
            }
            String org = args.length == 3 ? args[2] : LocalSeed.ORG_ID;
            System.out.println(TokenClient.accessToken(settings.issuerUrl(), args[1], org));
            return;
        }
        if (args.length > 0) {
            System.err.println("usage: ./run [token EMAIL [ORG_ID]]");
            System.exit(2);
        }
        new LocalStack(settings).run();
    }

    private void run() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("Stopping…");
            supervisor.stopAll();
            stopped.countDown();
        }, "local-stack-stop"));
        try {
            Backends backends = startBackends();
            startServices(backends);
            startWebClient();
        } catch (RuntimeException e) {
            System.err.println("Could not start: " + e.getMessage());
            System.exit(1);
        }
        printWelcome();
        supervisor.watch(() -> System.exit(1));
        stopped.await();
    }

    /**
     * PostgreSQL and Redis, unless external ones are configured, and the OIDC issuer. Each is restarted when it dies;
     * both keep their data under the data folder, so a restart loses nothing (Redis: what its append-only file holds).
     */
    private Backends startBackends() {
        Path data = settings.dataDir();
        String postgresHostPortDb;
        if (settings.externalDatabase() == null) {
            say("Starting PostgreSQL on 127.0.0.1:" + settings.postgresPort() + " (data in " + data.resolve("postgres")
                    + ")");
            supervisor.start("PostgreSQL", () -> Supervisor.listeningOn(settings.postgresPort(),
                    PostgresServer.start(settings.postgresPort(), data.resolve("postgres"), false)));
            postgresHostPortDb = "127.0.0.1:" + settings.postgresPort() + "/" + PostgresServer.DATABASE;
        } else {
            postgresHostPortDb = settings.externalDatabase();
        }
        String redisUrl = settings.externalRedis();
        if (redisUrl == null) {
            say("Starting Redis on 127.0.0.1:" + settings.redisPort() + " (data in " + data.resolve("redis") + ")");
            supervisor.start("Redis", () -> Supervisor.listeningOn(settings.redisPort(),
                    RedisServerProcess.start(settings.redisPort(), data.resolve("redis"))));
            redisUrl = "redis://127.0.0.1:" + settings.redisPort();
        }
        if (settings.externalIssuer() == null) {
            say("Starting the local OIDC issuer on " + settings.issuerUrl());
            supervisor.start("oidc-issuer", () -> OidcIssuer.startProcess(settings.issuerPort(),
                    settings.directoryPort(), settings.logDir().resolve("oidc-issuer.log")));
        }
        return new Backends(postgresHostPortDb, settings.databaseUser(), settings.databasePassword(), redisUrl,
                settings.issuerUrl(), settings.audience(), settings.directoryUrl(), settings.directoryApiKey());
    }

    private void startServices(Backends backends) {
        say("Starting api-service (it migrates the schema)");
        // No mail provider runs locally: the api-service log shows each invite email with its link instead.
        startService(ChatService.API_SERVICE, 0, backends, Map.of("CHAT_INVITES_LOG_LINKS", "true",
                "CHAT_INVITES_ACCEPT_URL", WebClientServer.url(settings.webPort()) + "/invite"));
        say("Seeding the local workspace");
        LocalSeed.apply(backends);
        for (ChatService service : List.of(ChatService.OUTBOX_RELAY, ChatService.REALTIME_GATEWAY,
                ChatService.BILLING_SERVICE)) {
            Map<String, String> env = switch (service) {
                case REALTIME_GATEWAY -> Map.of("CHAT_GATEWAY_DRAIN_DELAY", settings.gatewayDrainDelay(),
                        "ALLOWED_ORIGINS", WebClientServer.origins(settings.webPort()));
                // Stripe sends admins back to this web client (the origin they signed in on), unless told otherwise.
                case BILLING_SERVICE -> System.getenv("APP_URL") == null
                        ? Map.of("APP_URL", WebClientServer.url(settings.webPort())) : Map.of();
                default -> Map.of();
            };
            for (int instance = 0; instance < settings.instances(service); instance++) {
                say("Starting " + instanceName(service, instance) + " on port " + settings.port(service, instance));
                startService(service, instance, backends, env);
            }
        }
    }

    /** The web client, proxying to the first gateway (a reconnect after it restarts comes back to it). */
    private void startWebClient() {
        say("Starting the web client on " + WebClientServer.url(settings.webPort()));
        var targets = new WebClientServer.Targets("http://127.0.0.1:" + settings.port(ChatService.API_SERVICE),
                "http://127.0.0.1:" + settings.port(ChatService.BILLING_SERVICE),
                "http://127.0.0.1:" + settings.port(ChatService.REALTIME_GATEWAY), settings.issuerUrl());
        supervisor.start("web-client", () -> WebClientServer.start(settings.repositoryRoot(), settings.webPort(),
                targets, settings.logDir().resolve("web-client.log")));
    }

    private void startService(ChatService service, int instance, Backends backends, Map<String, String> env) {
        String name = instanceName(service, instance);
        supervisor.start(name, () -> service.start(settings.repositoryRoot(), name, settings.port(service, instance),
                backends, env, settings.logDir()));
    }

    /** The module's name for a single instance, numbered from 1 when there are several. */
    private String instanceName(ChatService service, int instance) {
        return settings.instances(service) == 1 ? service.module() : service.module() + "-" + (instance + 1);
    }

    private void printWelcome() {
        int api = settings.port(ChatService.API_SERVICE);
        System.out.println("""

                chat is running. Open %s and sign in as alice@example.com (and as bob@example.com in a
                private window). Logs: %s
                  api-service       http://127.0.0.1:%d/api
                  realtime-gateway  %s
                  billing-service   http://127.0.0.1:%d
                  outbox-relay      %s
                  OIDC issuer       %s

                  OpenAPI           http://127.0.0.1:%d/q/openapi, http://127.0.0.1:%d/q/openapi (Swagger UI: /q/swagger-ui)
                  Metrics           /q/metrics on each service's port; health at /q/health

                Workspace "local": #general, #engineering; users alice@example.com (admin), bob@example.com.
                Try:
                  curl -H "Authorization: Bearer $(./run token alice@example.com)" -H 'Content-Type: application/json' \\
                       -d '{"channel_id":"00000000-0000-7000-8000-00000000c001","content":"hello"}' \\
                       http://127.0.0.1:%d/api/messages

                A part that dies is started again; Ctrl-C stops everything.
                """.formatted(WebClientServer.url(settings.webPort()), settings.logDir(), api, urls(ChatService.REALTIME_GATEWAY, "ws://127.0.0.1:%d/ws"),
                settings.port(ChatService.BILLING_SERVICE),
                urls(ChatService.OUTBOX_RELAY, "http://127.0.0.1:%d/q/health"), settings.issuerUrl(), api,
                settings.port(ChatService.BILLING_SERVICE), api));
    }

    private String urls(ChatService service, String format) {
        List<String> urls = new ArrayList<>();
        for (int instance = 0; instance < settings.instances(service); instance++) {
            urls.add(format.formatted(settings.port(service, instance)));
        }
        return String.join(" ", urls);
    }

    private static void say(String line) {
        System.out.println("[local] " + line);
    }
}
