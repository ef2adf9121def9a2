package dev.chat.testing;

import dev.chat.local.ChildProcess;
import dev.chat.local.FreePorts;
import dev.chat.local.LocalUserDirectory;
import dev.chat.local.OidcIssuer;
import dev.chat.local.PostgresServer;
import dev.chat.local.RedisServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;

/**
 * Real PostgreSQL, Redis and an OIDC issuer, started once per test JVM on free loopback ports and stopped when
 * the JVM exits. The schema is the schema module's Flyway migrations, from the classpath, applied once. PostgreSQL
 * and Redis keep their data in folders under {@code target/test-infra} (removed when the JVM exits), so a test can
 * restart either as an outage would, with its data or (Redis) without.
 */
public final class TestInfrastructure {

    private static TestInfrastructure instance;

    private final Path postgresData;
    private final Path redisData;
    private volatile PostgresServer postgres;
    private volatile RedisServerProcess redis;
    public final ChildProcess issuerProcess;
    public final String issuerUrl;
    /** The local stand-in for the identity provider's user API, served by the issuer's process. */
    public final String directoryUrl;

    private TestInfrastructure() {
        Path logs = Path.of("target", "test-infra");
        // Unique per instance: a JVM may hold two (Quarkus tests load this class in a class loader of their own).
        String run = ProcessHandle.current().pid() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        postgresData = logs.resolve("postgres-" + run).toAbsolutePath();
        redisData = logs.resolve("redis-" + run).toAbsolutePath();
        postgres = PostgresServer.start(FreePorts.next(), postgresData, true);
        redis = RedisServerProcess.start(FreePorts.next(), redisData);
        int issuerPort = FreePorts.next();
        int directoryPort = FreePorts.next();
        issuerProcess = OidcIssuer.startProcess(issuerPort, directoryPort, logs.resolve("oidc-issuer.log"));
        issuerUrl = OidcIssuer.issuerUrl(issuerPort);
        directoryUrl = LocalUserDirectory.url(directoryPort);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "test-infra-stop"));
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public RedisServerProcess redis() {
        return redis;
    }

    /** Stops Redis, as an outage would; {@link #startRedis()} brings it back, empty, on the same port. */
    public synchronized void stopRedis() {
        redis.close();
    }

    /** Starts Redis again on its port with nothing in it, as after losing its disk. */
    public synchronized void startRedis() {
        deleteRecursively(redisData);
        redis = RedisServerProcess.start(redis.port(), redisData);
    }

    /** Restarts Redis on its port; it comes back with what its append-only file holds (everything written > 1 s ago). */
    public synchronized void restartRedisKeepingData() {
        redis.close();
        redis = RedisServerProcess.start(redis.port(), redisData);
    }

    /** Stops PostgreSQL (a fast shutdown: clients are disconnected); {@link #startPostgres()} brings it back. */
    public synchronized void stopPostgres() {
        postgres.close();
    }

    public synchronized void startPostgres() {
        postgres = PostgresServer.start(postgres.port(), postgresData, true);
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = new TestInfrastructure();
        }
        return instance;
    }

    /**
     * Applies the schema module's migrations (the one schema every service reads), for modules that test against the
     * schema without running the api-service, which migrates by itself.
     */
    public synchronized void migrate() {
        Flyway.configure()
                .dataSource(postgres.jdbcUrl(), PostgresServer.USER, "")
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    private void stop() {
        issuerProcess.stop(Duration.ofSeconds(5));
        redis.close();
        postgres.close();
        deleteRecursively(redisData);
        deleteRecursively(postgresData);
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
