package dev.chat.relay;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Reports this instance's role; a standby is healthy too (it is ready to take over). */
@Readiness
@ApplicationScoped
public class RelayHealth implements HealthCheck {

    private final OutboxRelay relay;

    public RelayHealth(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("outbox-relay").up()
                .withData("role", relay.isLeader() ? "leader" : "standby")
                .withData("published", relay.publishedCount())
                .withData("passes", relay.passCount())
                .withData("late_passes", relay.latePassCount())
                .build();
    }
}
