package dev.chat.billing.stripe;

import dev.chat.http.problems.ApiException;

/** This deployment has no Stripe keys: paid plans are off and Free limits apply. */
public final class BillingNotConfiguredException extends ApiException {

    public static final String CODE = "billing_not_configured";

    public BillingNotConfiguredException() {
        super(CODE, "Paid plans are not set up on this deployment; the Free plan's limits apply.");
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String title() {
        return "Service unavailable";
    }
}
