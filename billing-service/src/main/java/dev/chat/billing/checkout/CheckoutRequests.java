package dev.chat.billing.checkout;

import java.util.UUID;

/** What the checkout and portal endpoints take and give (docs/protocol.md, "REST"). */
public final class CheckoutRequests {

    private CheckoutRequests() {
    }

    public record Checkout(UUID workspaceId, Integer seats) {
    }

    public record Portal(UUID workspaceId) {
    }

    /** Where to send the admin's browser. */
    public record Redirect(String url) {
    }
}
