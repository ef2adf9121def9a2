import { useEffect, useState } from "react";
import type { ChatApi } from "../api/chat";
import type { BillingStatus, Me } from "../generated/schemas";
import { PaneHeader } from "./PaneHeader";
import { ProblemText } from "./ProblemText";

type Membership = Me["workspaces"][number];
export type CheckoutOutcome = "success" | "cancelled" | null;

/** What Stripe's return address (/billing?checkout=…) says about the checkout the admin comes back from. */
export function checkoutOutcome(search: string): { checkout: CheckoutOutcome } {
  const checkout = new URLSearchParams(search).get("checkout");
  return { checkout: checkout === "success" || checkout === "cancelled" ? checkout : null };
}

/**
 * The workspace's plan and seats (billing-service), read again when {@code version} says they may have changed (a
 * plan change or a member event); admins upgrade through Stripe Checkout and manage a subscription in Stripe's portal.
 */
export function PlanPanel(props: {
  api: ChatApi;
  workspace: Membership;
  version: number;
  checkout: CheckoutOutcome;
  onClose: () => void;
}) {
  const { api, workspace, version, checkout, onClose } = props;
  const [status, setStatus] = useState<BillingStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.billing(workspace.id).then(setStatus, setError);
  }, [api, workspace.id, version]);

  const goToStripe = async (redirect: () => Promise<{ url: string }>) => {
    setError(null);
    try {
      location.assign((await redirect()).url);
    } catch (failure) {
      setError(failure);
    }
  };
  const admin = workspace.role === "admin";

  return (
    <aside className="panel" aria-labelledby="plan-title">
      <PaneHeader id="plan-title" title="Plan" onClose={onClose} />
      {status && (
        <dl>
          <dt>Plan</dt>
          <dd>{status.plan_tier === "pro" ? "Pro" : "Free"}</dd>
          <dt>Seats</dt>
          <dd>{status.seats_used} of {status.seat_limit} used</dd>
          {status.subscription_status && (<><dt>Subscription</dt><dd>{status.subscription_status}</dd></>)}
        </dl>
      )}
      {status && checkout && (
        <p role="status">{checkoutWords(checkout, status.plan_tier === "pro")}</p>
      )}
      {admin && status?.plan_tier === "free" && (
        <button type="button"
          onClick={() => void goToStripe(() => api.checkout(workspace.id, Math.max(status.seats_used, status.seat_limit)))}>
          Upgrade to Pro
        </button>
      )}
      {admin && status?.subscription_status && (
        <button type="button" onClick={() => void goToStripe(() => api.portal(workspace.id))}>Manage billing</button>
      )}
      {error !== null && <ProblemText error={error} />}
    </aside>
  );
}

function checkoutWords(checkout: "success" | "cancelled", pro: boolean): string {
  if (checkout === "cancelled") return "Checkout cancelled: nothing was bought.";
  // The plan changes when Stripe's webhook arrives, which may be a moment after the buyer is sent back.
  return pro ? "Thank you: the workspace is on Pro." : "Payment received: the plan changes here as soon as Stripe confirms it.";
}
