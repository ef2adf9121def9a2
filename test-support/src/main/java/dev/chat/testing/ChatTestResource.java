package dev.chat.testing;

import dev.chat.local.LocalUserDirectory;
import dev.chat.local.PostgresServer;
import dev.chat.local.TokenClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a Quarkus application under test at the shared {@link TestInfrastructure}. Annotate test classes with
 * {@code @WithTestResource(ChatTestResource.class)} so they share one application boot.
 */
public class ChatTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: "true" to apply the schema before the application starts (services that do not own it). */
    public static final String MIGRATE = "migrate";

    private boolean migrate;

    @Override
    public void init(Map<String, String> initArgs) {
        migrate = Boolean.parseBoolean(initArgs.getOrDefault(MIGRATE, "false"));
    }

    @Override
    public Map<String, String> start() {
        TestInfrastructure infra = TestInfrastructure.get();
        if (migrate) {
            infra.migrate();
        }
        return Map.of(
                "quarkus.rest-client.workos.url", infra.directoryUrl,
                "chat.identity.workos.api-key", LocalUserDirectory.API_KEY,
                "quarkus.datasource.reactive.url", infra.postgres().reactiveUrl(),
                "quarkus.datasource.jdbc.url", infra.postgres().jdbcUrl(),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", "",
                "quarkus.redis.hosts", infra.redis().url(),
                "quarkus.oidc.auth-server-url", infra.issuerUrl,
                "quarkus.oidc.token.audience", TokenClient.AUDIENCE);
    }

    @Override
    public void stop() {
        // The infrastructure outlives one application boot: it stops with the JVM.
    }
}
