package dev.chat.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run}: starts the whole system on this machine, or prints a token for a local user.
 * <pre>
 *   ./run                 start PostgreSQL, Redis, the OIDC issuer and the four services; Ctrl-C stops them
 *   ./run token EMAIL [ORG_ID]  print an access token for EMAIL (in organization ORG_ID, default org_local)
 * </pre>
 * Data lives under {@code .local/} so a restart loses nothing. {@link LocalSettings} lists the environment
 * variables that point it at external PostgreSQL, Redis or OIDC instead.
 */
public final class LocalStack {

    private final LocalSettings settings;
    private final List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());

    private LocalStack(LocalSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        LocalSettings settings = LocalSettings.fromEnvironment(Path.of("").toAbsolutePath());
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
            stopAll();
            stopped.countDown();
        }, "local-stack-stop"));
        try {
            Backends backends = startBackends();
            startServices(backends);
        } catch (RuntimeException e) {
            System.err.println("Could not start: " + e.getMessage());
            System.exit(1);
        }
        printWelcome();
        watchChildren();
        stopped.await();
    }

    private Backends startBackends() {
        Path data = settings.dataDir();
        String postgresHostPortDb;
        if (settings.externalDatabase() == null) {
            say("Starting PostgreSQL on 127.0.0.1:" + settings.postgresPort() + " (data in " + data.resolve("postgres")
                    + ")");
            PostgresServer postgres = PostgresServer.start(settings.postgresPort(), data.resolve("postgres"), false);
            started.add(postgres);
            postgresHostPortDb = "127.0.0.1:" + postgres.port() + "/" + PostgresServer.DATABASE;
        } else {
            postgresHostPortDb = settings.externalDatabase();
        }
        String redisUrl = settings.externalRedis();
        if (redisUrl == null) {
            say("Starting Redis on 127.0.0.1:" + settings.redisPort());
            RedisServerProcess redis = RedisServerProcess.start(settings.redisPort(), data.resolve("redis"));
            started.add(redis);
            redisUrl = redis.url();
        }
        if (settings.externalIssuer() == null) {
            say("Starting the local OIDC issuer on " + settings.issuerUrl());
            started.add(OidcIssuer.startProcess(settings.issuerPort(), settings.directoryPort(),
                    settings.logDir().resolve("oidc-issuer.log")));
        }
        return new Backends(postgresHostPortDb, settings.databaseUser(), settings.databasePassword(), redisUrl,
                settings.issuerUrl(), settings.audience(), settings.directoryUrl(), settings.directoryApiKey());
    }

    private void startServices(Backends backends) {
        Path root = settings.repositoryRoot();
        say("Starting api-service (it migrates the schema)");
        // No mail provider runs locally: the api-service log shows each invite email with its link instead.
        started.add(ChatService.API_SERVICE.start(root, "api-service", settings.port(ChatService.API_SERVICE),
                backends, Map.of("CHAT_INVITES_LOG_LINKS", "true"), settings.logDir()));
        say("Seeding the local workspace");
        LocalSeed.apply(backends);
        for (ChatService service : List.of(ChatService.OUTBOX_RELAY, ChatService.REALTIME_GATEWAY,
                ChatService.BILLING_SERVICE)) {
            say("Starting " + service.module());
            started.add(service.start(root, service.module(), settings.port(service), backends, Map.of(),
                    settings.logDir()));
        }
    }

    private void printWelcome() {
        int api = settings.port(ChatService.API_SERVICE);
        System.out.println("""

                chat is running. Logs: %s
                  api-service       http://127.0.0.1:%d/api
                  realtime-gateway  ws://127.0.0.1:%d/ws
                  billing-service   http://127.0.0.1:%d
                  outbox-relay      http://127.0.0.1:%d/q/health
                  OIDC issuer       %s

                Workspace "local": #general, #engineering; users alice@example.com (admin), bob@example.com.
                Try:
                  curl -H "Authorization: Bearer $(./run token alice@example.com)" -H 'Content-Type: application/json' \\
                       -d '{"channel_id":"00000000-0000-7000-8000-00000000c001","content":"hello"}' \\
                       http://127.0.0.1:%d/api/messages

                Press Ctrl-C to stop.
                """.formatted(settings.logDir(), api, settings.port(ChatService.REALTIME_GATEWAY),
                settings.port(ChatService.BILLING_SERVICE), settings.port(ChatService.OUTBOX_RELAY),
                settings.issuerUrl(), api));
    }

    /** A service that dies on its own takes the whole stack down, loudly, rather than leaving it half-working. */
    private void watchChildren() {
        Thread watcher = new Thread(() -> {
            while (true) {
                synchronized (started) {
                    for (AutoCloseable part : started) {
                        if (part instanceof ChildProcess child && !child.isAlive()) {
                            System.err.println(child.name() + " stopped unexpectedly; its log ends with:\n"
                                    + child.logTail());
                            System.exit(1);
                        }
                    }
                }
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "local-stack-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void stopAll() {
        List<AutoCloseable> parts;
        synchronized (started) {
            parts = new ArrayList<>(started);
            started.clear();
        }
        Collections.reverse(parts);
        for (AutoCloseable part : parts) {
            try {
                if (part instanceof ChildProcess child) {
                    child.stop(Duration.ofSeconds(15));
                } else {
                    part.close();
                }
            } catch (Exception e) {
                System.err.println("while stopping: " + e.getMessage());
            }
        }
    }

    private static void say(String line) {
        System.out.println("[local] " + line);
    }
}
