-- The whole transaction api-service runs per flat message: the access check, then the write (see write-path.sql).
-- Needs: -M prepared -D channel=<uuid> -D workspace=<uuid> -D author=<uuid> -D subject=<idp subject of author>
BEGIN;
SELECT u.id AS user_id, c.id AS channel_id, c.workspace_id, c.visibility = 'private' AS private_channel,
       c.archived_at IS NOT NULL AS archived, wm.status AS member_status,
       EXISTS (SELECT 1 FROM channel_members cm WHERE cm.channel_id = c.id AND cm.user_id = u.id) AS channel_member
FROM (SELECT :channel::uuid AS requested_channel) r
LEFT JOIN users u ON u.idp_subject = :subject
LEFT JOIN channels c ON c.id = r.requested_channel
LEFT JOIN workspace_members wm ON wm.workspace_id = c.workspace_id AND wm.user_id = u.id;
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
