package dev.chat.billing.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.SubscriptionRetrieveParams;
import com.stripe.param.checkout.SessionCreateParams;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;

/**
 * The Stripe calls billing makes, through stripe-java (which retries with backoff). Its calls block, so they run on
 * worker threads; a call that still fails becomes {@link StripeUnavailableException} (502).
 */
@ApplicationScoped
public class StripeApi {

    /** Subscription statuses that still bill or can bill again. */
    public static final Set<String> RUNNING = Set.of("active", "trialing", "past_due", "unpaid", "paused");
    private static final Logger LOG = Logger.getLogger(StripeApi.class);

    private final StripeConfig config;
    private final Optional<StripeClient> client;

    public StripeApi(StripeConfig config) {
        this.config = config;
        this.client = config.secretKey().filter(key -> !key.isBlank()).map(key -> {
            StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(key)
                    .setMaxNetworkRetries(config.maxNetworkRetries())
                    .setConnectTimeout((int) config.connectTimeout().toMillis())
                    .setReadTimeout((int) config.readTimeout().toMillis());
            config.apiBase().filter(base -> !base.isBlank()).ifPresent(builder::setApiBase);
            return builder.build();
        });
    }

    /** Checkout and portal need a key and a Pro price; without them paid plans are off. */
    public boolean checkoutConfigured() {
        return client.isPresent() && config.proPriceId().filter(id -> !id.isBlank()).isPresent();
    }

    public boolean configured() {
        return client.isPresent();
    }

    /**
     * Creates the workspace's customer. The idempotency key makes concurrent first checkouts of one workspace get the
     * same customer from Stripe (keys are kept 24 hours).
     */
    public Uni<String> createCustomer(UUID workspaceId, String workspaceName) {
        CustomerCreateParams params = CustomerCreateParams.builder().setName(workspaceName)
                .putMetadata("workspace_id", workspaceId.toString()).build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey("customer-" + workspaceId).build();
        return call(() -> stripe().v1().customers().create(params, options).getId());
    }

    /** Whether the customer has a subscription that still runs (bills, or could again): a second would bill twice. */
    public Uni<Boolean> hasRunningSubscription(String customerId) {
        return runningSubscriptions(customerId).map(running -> !running.isEmpty());
    }

    /** The ids of the customer's subscriptions that still run, oldest first. */
    public Uni<List<String>> runningSubscriptions(String customerId) {
        SubscriptionListParams params = SubscriptionListParams.builder().setCustomer(customerId)
                .setStatus(SubscriptionListParams.Status.ALL).setLimit(100L).build();
        return call(() -> stripe().v1().subscriptions().list(params).getData().stream()
                .filter(subscription -> RUNNING.contains(subscription.getStatus()))
                .sorted(Comparator.comparing(Subscription::getCreated, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(Subscription::getId).toList());
    }

    /** Expires the customer's Checkout Sessions still open, so that only the newest one can be paid. */
    public Uni<Void> expireOpenCheckouts(String customerId) {
        com.stripe.param.checkout.SessionListParams params = com.stripe.param.checkout.SessionListParams.builder()
                .setCustomer(customerId).setStatus(com.stripe.param.checkout.SessionListParams.Status.OPEN).build();
        return call(() -> {
            for (com.stripe.model.checkout.Session open : stripe().v1().checkout().sessions().list(params).getData()) {
                stripe().v1().checkout().sessions().expire(open.getId());
            }
            return null;
        });
    }

    /** A Checkout Session selling {@code seats} Pro seats to the workspace. @return its URL */
    public Uni<String> checkoutSession(String customerId, UUID workspaceId, long seats) {
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(customerId)
                .setClientReferenceId(workspaceId.toString())
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setPrice(config.proPriceId().orElseThrow(BillingNotConfiguredException::new))
                        .setQuantity(seats).build())
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                        .putMetadata("workspace_id", workspaceId.toString()).build())
                .setSuccessUrl(config.appUrl() + "/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}")
                .setCancelUrl(config.appUrl() + "/billing?checkout=cancelled")
                .build();
        return call(() -> stripe().v1().checkout().sessions().create(params).getUrl());
    }

    /** A Customer Portal session where the admin changes seats or cancels. @return its URL */
    public Uni<String> portalSession(String customerId) {
        com.stripe.param.billingportal.SessionCreateParams params = com.stripe.param.billingportal.SessionCreateParams
                .builder().setCustomer(customerId).setReturnUrl(config.appUrl() + "/billing").build();
        return call(() -> stripe().v1().billingPortal().sessions().create(params).getUrl());
    }

    /** The subscription as it is now, with its latest invoice. */
    public Uni<SubscriptionState> subscription(String subscriptionId) {
        return call(() -> toState(retrieve(subscriptionId)));
    }

    /** The subscription as it is now; empty when Stripe has none of that id (deleted, or from another account). */
    public Uni<Optional<SubscriptionState>> findSubscription(String subscriptionId) {
        return call(() -> {
            try {
                return Optional.of(toState(retrieve(subscriptionId)));
            } catch (InvalidRequestException e) {
                if (Integer.valueOf(404).equals(e.getStatusCode())) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    private Subscription retrieve(String subscriptionId) throws StripeException {
        SubscriptionRetrieveParams params = SubscriptionRetrieveParams.builder().addExpand("latest_invoice").build();
        return stripe().v1().subscriptions().retrieve(subscriptionId, params);
    }

    private SubscriptionState toState(Subscription subscription) {
        String proPrice = config.proPriceId().orElse(null);
        long quantity = subscription.getItems() == null ? 0 : subscription.getItems().getData().stream()
                .filter(item -> proPrice == null || item.getPrice() == null || proPrice.equals(item.getPrice().getId()))
                .map(SubscriptionItem::getQuantity).filter(q -> q != null).mapToLong(Long::longValue).sum();
        Instant latestInvoiceAt = subscription.getLatestInvoiceObject() == null ? null
                : Instant.ofEpochSecond(subscription.getLatestInvoiceObject().getCreated());
        String workspaceId = subscription.getMetadata() == null ? null : subscription.getMetadata().get("workspace_id");
        return new SubscriptionState(subscription.getId(), subscription.getCustomer(), workspaceId,
                subscription.getStatus(), quantity, latestInvoiceAt);
    }

    private StripeClient stripe() {
        return client.orElseThrow(BillingNotConfiguredException::new);
    }

    private static <T> Uni<T> call(Callable<T> request) {
        return Uni.createFrom().item(() -> {
            try {
                return request.call();
            } catch (StripeException e) {
                LOG.warnf("Stripe call failed after retries: %s (status %s, request %s)", e.getMessage(),
                        e.getStatusCode(), e.getRequestId());
                throw new StripeUnavailableException();
            } catch (BillingNotConfiguredException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
