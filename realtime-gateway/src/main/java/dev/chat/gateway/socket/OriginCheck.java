package dev.chat.gateway.socket;

import dev.chat.gateway.GatewayConfig;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Refuses upgrades from browser origins that are not allowed, before any socket exists. */
@ApplicationScoped
public class OriginCheck implements HttpUpgradeCheck {

    private final Set<String> allowed;

    public OriginCheck(GatewayConfig config) {
        this.allowed = Set.copyOf(config.allowedOrigins());
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String origin = context.httpRequest().getHeader("Origin");
        if (origin == null || allowed.contains(origin)) {
            return CheckResult.permitUpgrade();
        }
        return CheckResult.rejectUpgrade(403);
    }
}
