-- When the workspace's subscription first became past due: its payment grace period runs from here, and later
-- invoices (a new cycle, a seat change) do not restart it. Null while the subscription is paid up.
ALTER TABLE workspaces ADD COLUMN past_due_since timestamptz;
