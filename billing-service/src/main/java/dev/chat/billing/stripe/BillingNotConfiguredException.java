package dev.chat.billing.stripe;

import dev.chat.http.problems.ServiceUnavailableException;

/** This deployment has no Stripe keys: paid plans are off and Free limits apply. */
public final class BillingNotConfiguredException extends ServiceUnavailableException {

    public static final String CODE = "billing_not_configured";

    public BillingNotConfiguredException() {
        super(CODE, "Paid plans are not set up on this deployment; the Free plan's limits apply.");
    }
}
