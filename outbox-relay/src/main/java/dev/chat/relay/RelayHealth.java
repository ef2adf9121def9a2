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
    private final RelayMetrics metrics;

    public RelayHealth(OutboxRelay relay, RelayMetrics metrics) {
        this.relay = relay;
        this.metrics = metrics;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("outbox-relay").up()
                .withData("role", relay.isLeader() ? "leader" : "standby")
                .withData("published", metrics.publishedCount())
                .withData("passes", metrics.passCount())
                .withData("late_passes", metrics.latePassCount())
                .build();
    }
}
