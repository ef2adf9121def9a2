package dev.chat.billing.stripe;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Stripe settings; without a secret key (the local default) checkout and portal answer billing_not_configured. */
@ConfigMapping(prefix = "chat.stripe")
public interface StripeConfig {

    /** The secret API key ({@code STRIPE_SECRET_KEY}). */
    Optional<String> secretKey();

    /** The webhook endpoint's signing secret ({@code STRIPE_WEBHOOK_SECRET}). */
    Optional<String> webhookSecret();

    /** The Pro plan's per-seat recurring price ({@code STRIPE_PRO_PRICE_ID}). */
    Optional<String> proPriceId();

    /** Another base URL than Stripe's (a local fake), for tests and demos ({@code STRIPE_API_BASE}). */
    Optional<String> apiBase();

    /** Retries of a failed call (network errors, 409, 429 and 5xx answers), with stripe-java's exponential backoff. */
    @WithDefault("2")
    int maxNetworkRetries();

    @WithDefault("5s")
    Duration connectTimeout();

    @WithDefault("20s")
    Duration readTimeout();

    /** How old a webhook's signed timestamp may be; older deliveries are refused as replays. */
    @WithDefault("5m")
    Duration webhookTolerance();

    /** The web client's base URL, where Checkout and the Customer Portal send the admin back. */
    @WithDefault("http://localhost:3000")
    String appUrl();
}
