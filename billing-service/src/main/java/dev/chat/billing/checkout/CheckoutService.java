package dev.chat.billing.checkout;

import dev.chat.billing.plan.BillingAccounts.Account;
import dev.chat.billing.plan.BillingAccounts;
import dev.chat.billing.stripe.BillingNotConfiguredException;
import dev.chat.billing.stripe.StripeApi;
import dev.chat.http.problems.ApiException;
import dev.chat.http.problems.Fields;
import dev.chat.http.problems.Refusals;
import dev.chat.model.protocol.ErrorCode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Sends a workspace's admin to Stripe: Checkout to buy Pro seats, the Customer Portal to change or cancel them.
 * Nothing about the plan changes here; that happens when Stripe's webhooks say so.
 */
@ApplicationScoped
public class CheckoutService {

    static final int MAX_SEATS = 10_000;

    private final StripeApi stripe;
    private final BillingAccounts accounts;

    public CheckoutService(StripeApi stripe, BillingAccounts accounts) {
        this.stripe = stripe;
        this.accounts = accounts;
    }

    public Uni<CheckoutRequests.Redirect> checkout(String subject, CheckoutRequests.Checkout request) {
        UUID workspaceId = Fields.required(Fields.body(request).workspaceId(), "workspace_id");
        Fields.range(Fields.required(request.seats(), "seats"), "seats", 1, MAX_SEATS);
        return admin(subject, workspaceId).chain(account -> {
            if (account.subscriptionStatus() != null && StripeApi.RUNNING.contains(account.subscriptionStatus())) {
                throw subscriptionExists();
            }
            if (request.seats() < account.seatsUsed()) {
                throw new ApiException(ErrorCode.VALIDATION_FAILED, "Buy at least the " + account.seatsUsed()
                        + " seats in use (active and invited members).");
            }
            Uni<String> customer = account.customerId() != null ? Uni.createFrom().item(account.customerId())
                    : stripe.createCustomer(workspaceId, account.workspaceName())
                            .chain(created -> accounts.storeCustomer(workspaceId, created));
            // Stripe knows of subscriptions whose webhooks have not arrived yet; and only the newest checkout stays
            // payable, so two tabs cannot buy two subscriptions.
            return customer.chain(id -> stripe.hasRunningSubscription(id).chain(running -> {
                if (running) {
                    throw subscriptionExists();
                }
                return stripe.expireOpenCheckouts(id).chain(() -> stripe.checkoutSession(id, workspaceId,
                        request.seats()));
            }));
        }).map(CheckoutRequests.Redirect::new);
    }

    public Uni<CheckoutRequests.Redirect> portal(String subject, CheckoutRequests.Portal request) {
        UUID workspaceId = Fields.required(Fields.body(request).workspaceId(), "workspace_id");
        return admin(subject, workspaceId).chain(account -> {
            if (account.customerId() == null) {
                throw new ApiException(ErrorCode.NO_BILLING_ACCOUNT,
                        "This workspace has never subscribed: start with a checkout.");
            }
            return stripe.portalSession(account.customerId());
        }).map(CheckoutRequests.Redirect::new);
    }

    private static ApiException subscriptionExists() {
        return new ApiException(ErrorCode.SUBSCRIPTION_EXISTS,
                "This workspace already has a subscription: change its seats in the billing portal.");
    }

    /** The caller is one of the workspace's admins, and only then are they told whether billing is configured. */
    private Uni<Account> admin(String subject, UUID workspaceId) {
        return accounts.forSubject(subject, workspaceId).map(found -> {
            Account account = found.orElseThrow(Refusals::noSuchWorkspace);
            if (!account.active()) {
                throw Refusals.invitePending();
            }
            if (!account.admin()) {
                throw new ApiException(ErrorCode.ADMIN_REQUIRED, "Only workspace admins manage billing.");
            }
            requireConfigured();
            return account;
        });
    }

    private void requireConfigured() {
        if (!stripe.checkoutConfigured()) {
            throw new BillingNotConfiguredException();
        }
    }
}
