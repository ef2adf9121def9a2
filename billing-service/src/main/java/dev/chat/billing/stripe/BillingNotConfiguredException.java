package dev.chat.billing.stripe;

import dev.chat.http.problems.ApiException;
import dev.chat.model.protocol.ErrorCode;

/** This deployment has no Stripe keys: paid plans are off and Free limits apply. */
public final class BillingNotConfiguredException extends ApiException {

    public BillingNotConfiguredException() {
        super(ErrorCode.BILLING_NOT_CONFIGURED,
                "Paid plans are not set up on this deployment; the Free plan's limits apply.");
    }
}
