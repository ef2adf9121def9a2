package dev.chat.testing;

import dev.chat.local.ChildProcess;
import dev.chat.local.FreePorts;
import dev.chat.local.LocalUserDirectory;
import dev.chat.local.OidcIssuer;
import dev.chat.local.PostgresServer;
import dev.chat.local.RedisServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.flywaydb.core.Flyway;

/**
 * Real PostgreSQL, Redis and an OIDC issuer, started once per test JVM on free loopback ports and stopped when
 * the JVM exits. The schema is the schema module's Flyway migrations, from the classpath, applied once.
 */
public final class TestInfrastructure {

    private static TestInfrastructure instance;

    public final PostgresServer postgres;
    private volatile RedisServerProcess redis;
    public final ChildProcess issuerProcess;
    public final String issuerUrl;
    /** The local stand-in for the identity provider's user API, served by the issuer's process. */
    public final String directoryUrl;

    private TestInfrastructure() {
        Path logs = Path.of("target", "test-infra");
        postgres = PostgresServer.start(FreePorts.next(), null, true);
        redis = RedisServerProcess.start(FreePorts.next(), null);
        int issuerPort = FreePorts.next();
        int directoryPort = FreePorts.next();
        issuerProcess = OidcIssuer.startProcess(issuerPort, directoryPort, logs.resolve("oidc-issuer.log"));
        issuerUrl = OidcIssuer.issuerUrl(issuerPort);
        directoryUrl = LocalUserDirectory.url(directoryPort);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "test-infra-stop"));
    }

    public RedisServerProcess redis() {
        return redis;
    }

    /** Stops Redis, as an outage would; {@link #startRedis()} brings it back, empty, on the same port. */
    public synchronized void stopRedis() {
        redis.close();
    }

    public synchronized void startRedis() {
        redis = RedisServerProcess.start(redis.port(), null);
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
    }
}
