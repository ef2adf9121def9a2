package dev.chat.billing.plan;

import dev.chat.http.problems.ApiException;
import dev.chat.model.protocol.ErrorCode;

/** Another delivery about the same subscription is being handled; Stripe delivers this one again later. */
public final class SubscriptionBusyException extends ApiException {

    public SubscriptionBusyException() {
        super(ErrorCode.SUBSCRIPTION_BUSY,
                "Another event about this subscription is being applied; deliver this one again later.");
    }
}
