package dev.chat.local;

import java.util.HashMap;
import java.util.Map;

/** Where the services find PostgreSQL, Redis and the OIDC issuer, as the environment variables they read. */
public record Backends(String postgresHostPortDb, String databaseUser, String databasePassword, String redisUrl,
                       String issuerUrl) {

    public static Backends of(PostgresServer postgres, String redisUrl, String issuerUrl) {
        return new Backends("127.0.0.1:" + postgres.port() + "/" + PostgresServer.DATABASE, PostgresServer.USER, "",
                redisUrl, issuerUrl);
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
        return env;
    }
}
