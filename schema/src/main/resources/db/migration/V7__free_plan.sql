-- The Free plan's limits: what every workspace starts with and what it falls back to when its subscription ends.
-- This is the one place they are set: a workspace row gets them by default, and billing-service sets them again
-- through these functions on a downgrade. To change the Free plan, a later migration replaces the functions.
CREATE FUNCTION free_plan_seat_limit() RETURNS integer
    LANGUAGE sql IMMUTABLE
AS $$ SELECT 10 $$;

-- Monthly AI budget, in cents.
CREATE FUNCTION free_plan_ai_budget_limit() RETURNS bigint
    LANGUAGE sql IMMUTABLE
AS $$ SELECT 0::bigint $$;

ALTER TABLE workspaces
    ALTER COLUMN seat_limit SET DEFAULT free_plan_seat_limit(),
    ALTER COLUMN ai_budget_limit SET DEFAULT free_plan_ai_budget_limit();
