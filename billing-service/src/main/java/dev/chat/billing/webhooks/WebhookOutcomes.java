package dev.chat.billing.webhooks;

import dev.chat.billing.plan.WorkspacePlans.Outcome;
import dev.chat.http.problems.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts Stripe's webhook deliveries by outcome ({@code chat_billing_webhooks_total}, docs/operating.md): applied,
 * duplicate and ignored ones were answered 200, refused ones (bad signature or body) 4xx, failed ones 5xx, which
 * Stripe retries.
 */
@ApplicationScoped
public class WebhookOutcomes {

    private final Map<Outcome, Counter> answered = new EnumMap<>(Outcome.class);
    private final Counter refused;
    private final Counter failed;

    public WebhookOutcomes(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            answered.put(outcome, counter(registry, outcome.wireName()));
        }
        refused = counter(registry, "refused");
        failed = counter(registry, "failed");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("chat.billing.webhooks").tag("outcome", outcome)
                .description("Stripe webhook deliveries by outcome").register(registry);
    }

    void answered(Outcome outcome) {
        answered.get(outcome).increment();
    }

    void notAnswered(Throwable failure) {
        boolean clientError = failure instanceof ApiException api && api.code().status() < 500;
        (clientError ? refused : failed).increment();
    }
}
