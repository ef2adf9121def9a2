package dev.chat.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How writers wake the outbox-relay (docs/decisions/0001-outbox-wakeup.md). */
@ConfigMapping(prefix = "chat.outbox")
public interface OutboxConfig {

    /** {@code after-commit} (default): a coalesced NOTIFY after commit; {@code in-transaction}: NOTIFY in each one. */
    @WithDefault("after-commit")
    NotifyMode notifyMode();

    /** After-commit mode: at most one NOTIFY per this interval per instance. */
    @WithDefault("2ms")
    Duration notifyCoalesce();

    enum NotifyMode {
        AFTER_COMMIT, IN_TRANSACTION, NONE
    }
}
