package dev.chat.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Applies {@code local-seed.sql}: the Free-tier workspace "local", its channels and two users. */
final class LocalSeed {

    /** The identity provider organization of the seeded workspace {@code local} (local-seed.sql). */
    static final String ORG_ID = "org_local";

    private LocalSeed() {
    }

    static void apply(Backends backends) {
        String sql;
        try (InputStream in = LocalSeed.class.getResourceAsStream("/local-seed.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Connection connection = DriverManager.getConnection(backends.jdbcUrl(), backends.databaseUser(),
                backends.databasePassword()); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not seed the local workspace: " + e.getMessage(), e);
        }
    }
}
