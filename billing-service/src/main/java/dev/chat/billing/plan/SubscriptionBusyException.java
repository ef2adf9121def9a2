package dev.chat.billing.plan;

import dev.chat.http.problems.ServiceUnavailableException;

/** Another delivery about the same subscription is being handled; Stripe delivers this one again later. */
public final class SubscriptionBusyException extends ServiceUnavailableException {

    public static final String CODE = "subscription_busy";

    public SubscriptionBusyException() {
        super(CODE, "Another event about this subscription is being applied; deliver this one again later.");
    }
}
