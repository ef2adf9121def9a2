package dev.chat.billing.plan;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What the paid plan grants. The Free plan's limits are the schema's (V7__free_plan.sql), the same for every service. */
@ConfigMapping(prefix = "chat.plans")
public interface PlanConfig {

    Pro pro();

    interface Pro {
        /** Monthly AI spend allowed per paid seat, in cents. */
        @WithDefault("500")
        long aiBudgetPerSeat();

        /** How long a subscription whose payment failed keeps Pro limits, from its unpaid invoice. */
        @WithDefault("P7D")
        Duration paymentGracePeriod();

        /** How often past-due subscriptions are read again (GraceCheck), so a grace period ends on time. */
        @WithDefault("1h")
        Duration graceCheckInterval();
    }
}
