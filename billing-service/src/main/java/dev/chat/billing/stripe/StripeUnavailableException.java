package dev.chat.billing.stripe;

import dev.chat.http.problems.ApiException;
import dev.chat.model.protocol.ErrorCode;

/** Stripe did not answer usefully, even after retries. */
public final class StripeUnavailableException extends ApiException {

    public StripeUnavailableException() {
        super(ErrorCode.STRIPE_UNAVAILABLE, "The payment provider refused the request or did not answer; nothing was "
                + "changed. Try again in a moment.");
    }
}
