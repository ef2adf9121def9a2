import { useEffect, useState } from "react";
import type { ChatApi } from "../api/chat";
import type { BillingStatus, Me } from "../generated/schemas";
import { PaneHeader } from "./PaneHeader";
import { ProblemText } from "./ProblemText";

type Membership = Me["workspaces"][number];

/**
 * The workspace's plan and seats (billing-service), read again when {@code version} says they may have changed (a
 * plan change or a member event); admins upgrade through Stripe Checkout.
 */
export function PlanPanel(props: { api: ChatApi; workspace: Membership; version: number; onClose: () => void }) {
  const { api, workspace, version, onClose } = props;
  const [status, setStatus] = useState<BillingStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.billing(workspace.id).then(setStatus, setError);
  }, [api, workspace.id, version]);

  const upgrade = async () => {
    if (!status) return;
    setError(null);
    try {
      const checkout = await api.checkout(workspace.id, Math.max(status.seats_used, status.seat_limit));
      location.assign(checkout.url);
    } catch (failure) {
      setError(failure);
    }
  };

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
      {workspace.role === "admin" && status?.plan_tier === "free" && (
        <button type="button" onClick={() => void upgrade()}>Upgrade to Pro</button>
      )}
      {error !== null && <ProblemText error={error} />}
    </aside>
  );
}
