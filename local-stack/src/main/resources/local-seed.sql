-- Local development data: a Free-tier workspace "local" with #general and #engineering,
-- alice@example.com (admin) and bob@example.com (member of both channels). ./run applies it after
-- api-service has migrated the schema; every statement is idempotent, so each start re-applies it safely.

INSERT INTO workspaces (id, name, slug, org_id, plan_tier, seat_limit, ai_budget_limit)
VALUES ('00000000-0000-7000-8000-00000000a001', 'Local', 'local', 'org_local', 'free', 10, 0)
ON CONFLICT (id) DO NOTHING;

INSERT INTO users (id, idp_subject, email, name)
VALUES ('00000000-0000-7000-8000-00000000b001', 'alice@example.com', 'alice@example.com', 'Alice'),
       ('00000000-0000-7000-8000-00000000b002', 'bob@example.com', 'bob@example.com', 'Bob')
ON CONFLICT (id) DO NOTHING;

INSERT INTO workspace_members (workspace_id, user_id, role, status, joined_at)
VALUES ('00000000-0000-7000-8000-00000000a001', '00000000-0000-7000-8000-00000000b001', 'admin', 'active', now()),
       ('00000000-0000-7000-8000-00000000a001', '00000000-0000-7000-8000-00000000b002', 'member', 'active', now())
ON CONFLICT DO NOTHING;

INSERT INTO channels (id, workspace_id, name, slug, visibility, topic, created_by)
VALUES ('00000000-0000-7000-8000-00000000c001', '00000000-0000-7000-8000-00000000a001', 'general', 'general',
        'public', 'Company-wide announcements and chat', '00000000-0000-7000-8000-00000000b001'),
       ('00000000-0000-7000-8000-00000000c002', '00000000-0000-7000-8000-00000000a001', 'engineering', 'engineering',
        'public', 'Building the product', '00000000-0000-7000-8000-00000000b001')
ON CONFLICT (id) DO NOTHING;

INSERT INTO channel_members (channel_id, user_id)
VALUES ('00000000-0000-7000-8000-00000000c001', '00000000-0000-7000-8000-00000000b001'),
       ('00000000-0000-7000-8000-00000000c002', '00000000-0000-7000-8000-00000000b001'),
       ('00000000-0000-7000-8000-00000000c001', '00000000-0000-7000-8000-00000000b002'),
       ('00000000-0000-7000-8000-00000000c002', '00000000-0000-7000-8000-00000000b002')
ON CONFLICT DO NOTHING;
