package dev.chat.billing.plan;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What each plan grants. The Free keys are the ones api-service gives new workspaces. */
@ConfigMapping(prefix = "chat.plans")
public interface PlanConfig {

    Free free();

    Pro pro();

    interface Free {
        @WithDefault("10")
        int seatLimit();

        /** Monthly AI spend allowed, in cents. */
        @WithDefault("0")
        long aiBudgetLimit();
    }

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
