package dev.chat.local;

import java.util.HashMap;
import java.util.Map;

/**
 * Where the services find PostgreSQL, Redis, the OIDC issuer and the identity provider's user directory, as the
 * environment variables they read.
 */
public record Backends(String postgresHostPortDb, String databaseUser, String databasePassword, String redisUrl,
                       String issuerUrl, String audience, String directoryUrl, String directoryApiKey) {

    /**
     * The local servers: tokens of the local issuer are for {@link TokenClient#AUDIENCE}; the user directory runs in
     * the issuer's process and takes the local key.
     */
    public static Backends of(PostgresServer postgres, String redisUrl, String issuerUrl, String directoryUrl) {
        return new Backends("127.0.0.1:" + postgres.port() + "/" + PostgresServer.DATABASE, PostgresServer.USER, "",
                redisUrl, issuerUrl, TokenClient.AUDIENCE, directoryUrl, LocalUserDirectory.API_KEY);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + postgresHostPortDb;
    }

    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_REACTIVE_URL", "postgresql://" + postgresHostPortDb);
        env.put("DATABASE_JDBC_URL", jdbcUrl());
        env.put("DATABASE_USER", databaseUser);
        env.put("DATABASE_PASSWORD", databasePassword);
        env.put("REDIS_URL", redisUrl);
        env.put("OIDC_ISSUER", issuerUrl);
        if (audience != null) {
            env.put("OIDC_AUDIENCE", audience);
        }
        if (directoryUrl != null) {
            env.put("WORKOS_API_URL", directoryUrl);
        }
        if (directoryApiKey != null) {
            env.put("WORKOS_API_KEY", directoryApiKey);
        }
        return env;
    }
}
