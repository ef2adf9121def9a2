package dev.chat.billing.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import dev.chat.billing.plan.SubscriptionSync;
import dev.chat.billing.plan.WorkspacePlans.Outcome;
import dev.chat.billing.plan.WorkspacePlans;
import dev.chat.billing.stripe.BillingNotConfiguredException;
import dev.chat.billing.stripe.StripeApi;
import dev.chat.billing.stripe.StripeConfig;
import dev.chat.http.problems.ApiException;
import dev.chat.model.protocol.ErrorCode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Stripe webhooks (docs/decisions/0006-stripe-source-of-truth.md): verified on the raw body, each event applied
 * once, and treated as a trigger to read the subscription from Stripe, so that whatever order deliveries come in,
 * the workspace ends where Stripe is.
 * A failure answers non-2xx, and Stripe delivers again.
 */
@ApplicationScoped
public class WebhookService {

    private static final Logger LOG = Logger.getLogger(WebhookService.class);

    private final StripeConfig config;
    /** Stripe's event ids and types as its API documents them; anything else is not an event of Stripe's. */
    private static final Pattern EVENT_ID = Pattern.compile("evt_[A-Za-z0-9]{1,250}");
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z_]+(\\.[a-z_]+){1,4}");

    private final StripeApi stripe;
    private final WorkspacePlans plans;
    private final SubscriptionSync sync;
    private final ObjectMapper json;

    public WebhookService(StripeConfig config, StripeApi stripe, WorkspacePlans plans, SubscriptionSync sync,
                          ObjectMapper json) {
        this.config = config;
        this.stripe = stripe;
        this.plans = plans;
        this.sync = sync;
        this.json = json;
    }

    public Uni<Outcome> receive(String payload, String signature) {
        String secret = config.webhookSecret().filter(s -> !s.isBlank())
                .orElseThrow(BillingNotConfiguredException::new);
        if (!stripe.configured()) {
            throw new BillingNotConfiguredException();
        }
        Event event = verified(payload, signature, secret);
        if (!EventTarget.HANDLED.contains(event.getType())) {
            return Uni.createFrom().item(Outcome.IGNORED);
        }
        Optional<EventTarget> target = EventTarget.of(event.getType(), dataObject(event));
        return plans.alreadyProcessed(event.getId()).chain(seen -> {
            if (seen) {
                return Uni.createFrom().item(Outcome.DUPLICATE);
            }
            if (target.isEmpty()) {
                return sync.recordOnly(event.getId(), event.getType());
            }
            return sync.onEvent(event.getId(), event.getType(), target.get().subscriptionId(),
                    uuid(target.get().workspaceHint()));
        }).invoke(outcome -> LOG.infof("Stripe event %s (%s): %s", event.getId(), event.getType(), outcome));
    }

    private Event verified(String payload, String signature, String secret) {
        if (signature == null || signature.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_SIGNATURE, "The Stripe-Signature header is missing.");
        }
        Event event;
        try {
            event = Webhook.constructEvent(payload, signature, secret, config.webhookTolerance().toSeconds());
        } catch (SignatureVerificationException e) {
            throw new ApiException(ErrorCode.INVALID_SIGNATURE,
                    "The signature does not match the payload, or its timestamp is too old.");
        } catch (RuntimeException e) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "The payload is not a Stripe event.");
        }
        // Signed means sent by Stripe, not well formed: what is stored and switched on is checked like any input.
        if (event.getId() == null || !EVENT_ID.matcher(event.getId()).matches()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Field 'id' must be a Stripe event id (evt_…).");
        }
        if (event.getType() == null || !EVENT_TYPE.matcher(event.getType()).matches()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Field 'type' must be a Stripe event type.");
        }
        return event;
    }

    private JsonNode dataObject(Event event) {
        try {
            return json.readTree(event.getDataObjectDeserializer().getRawJson());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "The event's data.object is not JSON.");
        }
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
