package dev.chat.billing.webhooks;

import dev.chat.billing.plan.WorkspacePlans.Outcome;
import dev.chat.http.problems.Refuses;
import dev.chat.model.protocol.ErrorCode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Called by Stripe, unauthenticated: the signature over the raw body is the authentication. */
@Path("/webhooks/stripe")
public class StripeWebhookResource {

    private final WebhookService webhooks;
    private final WebhookOutcomes outcomes;

    public StripeWebhookResource(WebhookService webhooks, WebhookOutcomes outcomes) {
        this.webhooks = webhooks;
        this.outcomes = outcomes;
    }

    /** The body is taken as the exact text Stripe signed: parsed only after the signature checks out. */
    @Refuses({ErrorCode.BILLING_NOT_CONFIGURED, ErrorCode.INVALID_SIGNATURE, ErrorCode.SUBSCRIPTION_BUSY,
            ErrorCode.STRIPE_UNAVAILABLE})
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Outcome>> receive(String payload, @HeaderParam("Stripe-Signature") String signature) {
        return Uni.createFrom().deferred(() -> webhooks.receive(payload, signature))
                .invoke(outcomes::answered)
                .onFailure().invoke(outcomes::notAnswered)
                .map(outcome -> Map.of("outcome", outcome));
    }
}
