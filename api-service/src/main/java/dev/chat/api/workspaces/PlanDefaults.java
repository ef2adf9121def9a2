package dev.chat.api.workspaces;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What a new workspace gets on the Free plan (brief §2); billing changes them later. */
@ConfigMapping(prefix = "chat.plans.free")
public interface PlanDefaults {

    /** Seats (active + invited members). */
    @WithDefault("10")
    int seatLimit();

    /** Monthly AI budget, in cents. */
    @WithDefault("0")
    long aiBudgetLimit();
}
