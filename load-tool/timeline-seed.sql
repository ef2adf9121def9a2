-- Fills the channel "bench-timeline" of the local workspace for load-tool/timeline-bench, once: 1,000,000 messages
-- (900,000 top-level, every 100th a thread root, 100,000 replies), and 1,000 threads from #general shared into it.
-- Prints the channel id last.
\ir seed-common.sql

INSERT INTO channels (id, workspace_id, name, slug, visibility)
VALUES (:'ch', :'ws', 'bench-timeline', 'bench-timeline', 'public') ON CONFLICT DO NOTHING;

BEGIN;
CREATE TEMP TABLE gen ON COMMIT DROP AS
SELECT i, pg_temp.uuid7(ts) AS id, ts
FROM (SELECT i, timestamptz '2026-01-01 00:00:00Z' + i * interval '10 seconds' AS ts
      FROM generate_series(1, 900000) AS i) s
WHERE NOT EXISTS (SELECT 1 FROM messages WHERE channel_id = :'ch');

INSERT INTO messages (id, workspace_id, channel_id, author_id, content, created_at)
SELECT id, :'ws', :'ch', CASE WHEN i % 2 = 0 THEN :'alice'::uuid ELSE :'bob'::uuid END, 'message ' || i, ts
FROM gen;

CREATE TEMP TABLE roots ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY i) - 1 AS n, id AS root_id, ts, pg_temp.uuid7(ts) AS conversation_id
FROM gen WHERE i % 100 = 0;

INSERT INTO conversations (id, workspace_id, root_message_id, created_at)
SELECT conversation_id, :'ws', root_id, ts FROM roots;
UPDATE messages m SET conversation_id = r.conversation_id FROM roots r WHERE m.id = r.root_id;
INSERT INTO conversation_channels (conversation_id, channel_id, is_primary, created_at)
SELECT conversation_id, :'ch', true, ts FROM roots;

INSERT INTO messages (id, workspace_id, channel_id, conversation_id, reply_to_message_id, author_id, content,
                      created_at)
SELECT pg_temp.uuid7(r.ts + (k / 9000 + 1) * interval '1 second'), :'ws', :'ch', r.conversation_id, r.root_id,
       :'bob', 'reply ' || k, r.ts + (k / 9000 + 1) * interval '1 second'
FROM generate_series(0, 99999) AS k JOIN roots r ON r.n = k % 9000;

UPDATE conversations c SET reply_count = s.replies, last_reply_at = s.last, participant_ids = ARRAY[:'bob'::uuid]
FROM (SELECT conversation_id, count(*) AS replies, max(created_at) AS last FROM messages
      WHERE channel_id = :'ch' AND reply_to_message_id IS NOT NULL GROUP BY conversation_id) s
WHERE c.id = s.conversation_id;

-- 1,000 threads rooted in #general, shared into the bench channel at times spread over its history.
CREATE TEMP TABLE shared ON COMMIT DROP AS
SELECT pg_temp.uuid7(ts) AS root_id, pg_temp.uuid7(ts) AS conversation_id, ts,
       pg_temp.uuid7(ts + interval '1 hour') AS timeline_key
FROM (SELECT timestamptz '2026-01-01 00:00:00Z' + j * interval '9000 seconds' AS ts
      FROM generate_series(1, 1000) AS j) s
WHERE EXISTS (SELECT 1 FROM gen);
INSERT INTO messages (id, workspace_id, channel_id, author_id, content, created_at)
SELECT root_id, :'ws', :'general', :'alice', 'shared thread', ts FROM shared;
INSERT INTO conversations (id, workspace_id, root_message_id, created_at)
SELECT conversation_id, :'ws', root_id, ts FROM shared;
UPDATE messages m SET conversation_id = s.conversation_id FROM shared s WHERE m.id = s.root_id;
INSERT INTO conversation_channels (conversation_id, channel_id, is_primary, timeline_key, created_at)
SELECT conversation_id, :'general'::uuid, true, NULL::uuid, ts FROM shared
UNION ALL
SELECT conversation_id, :'ch'::uuid, false, timeline_key, ts + interval '1 hour' FROM shared;
COMMIT;

ANALYZE messages;
ANALYZE conversations;
ANALYZE conversation_channels;
SELECT :'ch';
