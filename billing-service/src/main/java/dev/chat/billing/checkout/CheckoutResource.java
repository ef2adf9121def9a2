package dev.chat.billing.checkout;

import dev.chat.http.problems.Refuses;
import dev.chat.model.protocol.ErrorCode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/billing")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CheckoutResource {

    private final CheckoutService checkout;
    private final SecurityIdentity identity;

    public CheckoutResource(CheckoutService checkout, SecurityIdentity identity) {
        this.checkout = checkout;
        this.identity = identity;
    }

    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING, ErrorCode.ADMIN_REQUIRED, ErrorCode.BILLING_NOT_CONFIGURED,
            ErrorCode.SUBSCRIPTION_EXISTS, ErrorCode.STRIPE_UNAVAILABLE})
    @POST
    @Path("/checkout")
    public Uni<CheckoutRequests.Redirect> checkout(CheckoutRequests.Checkout request) {
        return checkout.checkout(identity.getPrincipal().getName(), request);
    }

    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVITE_PENDING, ErrorCode.ADMIN_REQUIRED, ErrorCode.BILLING_NOT_CONFIGURED,
            ErrorCode.NO_BILLING_ACCOUNT, ErrorCode.STRIPE_UNAVAILABLE})
    @POST
    @Path("/portal")
    public Uni<CheckoutRequests.Redirect> portal(CheckoutRequests.Portal request) {
        return checkout.portal(identity.getPrincipal().getName(), request);
    }
}
