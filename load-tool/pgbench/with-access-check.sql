-- The whole transaction api-service runs per flat message: the access check, then the write (see write-path.sql).
-- Needs: -M prepared -D channel=<uuid> -D workspace=<uuid> -D author=<uuid> -D subject=<idp subject of author>
BEGIN;
SELECT u.id AS user_id, c.id AS channel_id, c.workspace_id, c.visibility = 'private' AS private_channel,
       c.archived_at IS NOT NULL AS archived, r.member_status
FROM users u
JOIN readable_channels(u.id, true) r ON r.channel_id = :channel::uuid
JOIN channels c ON c.id = r.channel_id
WHERE u.idp_subject = :subject;
WITH inserted AS (
    INSERT INTO messages (id, workspace_id, channel_id, author_id, content, client_msg_id, created_at)
    VALUES (gen_random_uuid(), :workspace, :channel, :author, 'pgbench message', NULL, now())
    ON CONFLICT (author_id, client_msg_id) DO NOTHING
    RETURNING id
), event AS (
    INSERT INTO outbox (event_id, event_type, workspace_id, rooms, payload)
    SELECT gen_random_uuid(), 'message.created', :workspace, ARRAY['channel:' || :channel::text],
           '{"id":"00000000-0000-0000-0000-000000000000","type":"message.created","payload":{"content":"pgbench message"}}'::json
    FROM inserted
)
SELECT id FROM inserted;
COMMIT;
