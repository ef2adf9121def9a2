package dev.chat.relay.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opens connections outside the pool, for the two jobs that need one of their own for as long as it lives:
 * holding the leader lock and LISTENing.
 */
@ApplicationScoped
public class PgConnections {

    private final Vertx vertx;
    private final PgConnectOptions options;

    public PgConnections(Vertx vertx,
                         @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                         @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                         @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        PgConnectOptions parsed = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        user.ifPresent(parsed::setUser);
        password.ifPresent(parsed::setPassword);
        this.options = parsed.setReconnectAttempts(0);
    }

    public Uni<PgConnection> open() {
        return PgConnection.connect(vertx, options);
    }
}
