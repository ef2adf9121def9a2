-- Fills the local workspace for load-tool/unread-bench, once: a reader (bench-reader@example.com) in 300 channels of
-- 150 messages each (half of them read up to their 100th message) and in the 1,000,000-message channel of
-- timeline-seed.sql (never marked read, joined before its first message, mentioned in 900 of its messages); and 1,000
-- other members in the same 300 channels, each with a read position there and mentioned in one message in a thousand,
-- so that the tables the list reads have the size a real workspace gives them (and the planner plans for that).
\ir seed-common.sql
\set reader '00000000-0000-7000-8000-0000000be001'

BEGIN;
INSERT INTO users (id, idp_subject, email, name) VALUES (:'reader', 'bench-reader@example.com',
    'bench-reader@example.com', 'Bench Reader') ON CONFLICT DO NOTHING;
INSERT INTO workspace_members (workspace_id, user_id, role, status, joined_at)
VALUES (:'ws', :'reader', 'member', 'active', timestamptz '2025-12-31 00:00:00Z') ON CONFLICT DO NOTHING;
INSERT INTO channel_members (channel_id, user_id, created_at)
VALUES (:'ch', :'reader', timestamptz '2025-12-31 00:00:00Z') ON CONFLICT DO NOTHING;

CREATE TEMP TABLE bench_channels ON COMMIT DROP AS
SELECT n, pg_temp.uuid7(timestamptz '2025-12-31 00:00:00Z' + n * interval '1 second') AS id
FROM generate_series(1, 300) AS n
WHERE NOT EXISTS (SELECT 1 FROM channels WHERE workspace_id = :'ws' AND slug = 'bench-unread-001');

INSERT INTO channels (id, workspace_id, name, slug, visibility, created_at)
SELECT id, :'ws', 'bench-unread-' || lpad(n::text, 3, '0'), 'bench-unread-' || lpad(n::text, 3, '0'), 'public',
       timestamptz '2025-12-31 00:00:00Z'
FROM bench_channels;
INSERT INTO channel_members (channel_id, user_id, created_at)
SELECT id, :'reader', timestamptz '2025-12-31 00:00:00Z' FROM bench_channels;

CREATE TEMP TABLE bench_messages ON COMMIT DROP AS
SELECT c.id AS channel_id, c.n, k,
       pg_temp.uuid7(timestamptz '2026-06-01 00:00:00Z' + (c.n * 1000 + k) * interval '1 second') AS id
FROM bench_channels c, generate_series(1, 150) AS k;
INSERT INTO messages (id, workspace_id, channel_id, author_id, content, created_at)
SELECT id, :'ws', channel_id, :'alice', 'message ' || k,
       timestamptz '2026-06-01 00:00:00Z' + (n * 1000 + k) * interval '1 second'
FROM bench_messages;
INSERT INTO channel_reads (user_id, channel_id, last_read_message_id, updated_at)
SELECT :'reader', channel_id, id, now() FROM bench_messages WHERE k = 100 AND n % 2 = 0;

INSERT INTO message_mentions (message_id, user_id, channel_id, created_at)
SELECT m.id, :'reader', m.channel_id, m.created_at
FROM (SELECT id, channel_id, created_at, row_number() OVER (ORDER BY id) AS i
      FROM messages WHERE channel_id = :'ch' AND reply_to_message_id IS NULL) m
WHERE m.i % 1000 = 0 AND EXISTS (SELECT 1 FROM bench_channels);

CREATE TEMP TABLE others ON COMMIT DROP AS
SELECT ('00000000-0000-7000-8001-' || lpad(to_hex(g), 12, '0'))::uuid AS id, g
FROM generate_series(1, 1000) g
WHERE EXISTS (SELECT 1 FROM bench_channels);
INSERT INTO users (id, idp_subject) SELECT id, 'bench-other-' || g FROM others;
INSERT INTO workspace_members (workspace_id, user_id, role, status, joined_at)
SELECT :'ws', id, 'member', 'active', now() FROM others;
INSERT INTO channel_members (channel_id, user_id, created_at) SELECT c.id, o.id, now() FROM others o, bench_channels c;
INSERT INTO channel_reads (user_id, channel_id, last_read_message_id, updated_at)
SELECT o.id, c.id, uuid7_floor(now()), now() FROM others o, bench_channels c;
INSERT INTO message_mentions (message_id, user_id, channel_id, created_at)
SELECT m.id, o.id, m.channel_id, now()
FROM (SELECT id, channel_id, row_number() OVER (ORDER BY id) AS i FROM bench_messages) m
JOIN others o ON o.g = 1 + m.i % 1000;
COMMIT;

VACUUM ANALYZE users;
VACUUM ANALYZE workspace_members;
VACUUM ANALYZE messages;
VACUUM ANALYZE channel_members;
VACUUM ANALYZE channel_reads;
VACUUM ANALYZE message_mentions;
