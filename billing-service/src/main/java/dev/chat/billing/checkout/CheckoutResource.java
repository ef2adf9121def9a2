package dev.chat.billing.checkout;

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

    @POST
    @Path("/checkout")
    public Uni<CheckoutRequests.Redirect> checkout(CheckoutRequests.Checkout request) {
        return checkout.checkout(identity.getPrincipal().getName(), request);
    }

    @POST
    @Path("/portal")
    public Uni<CheckoutRequests.Redirect> portal(CheckoutRequests.Portal request) {
        return checkout.portal(identity.getPrincipal().getName(), request);
    }
}
