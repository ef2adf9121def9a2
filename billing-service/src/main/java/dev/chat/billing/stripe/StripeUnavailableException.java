package dev.chat.billing.stripe;

import dev.chat.http.problems.ApiException;

/** Stripe did not answer usefully, even after retries. */
public final class StripeUnavailableException extends ApiException {

    public static final String CODE = "stripe_unavailable";

    public StripeUnavailableException() {
        super(CODE, "The payment provider refused the request or did not answer; nothing was changed. "
                + "Try again in a moment.");
    }

    @Override
    public int status() {
        return 502;
    }

    @Override
    public String title() {
        return "Bad gateway";
    }
}
