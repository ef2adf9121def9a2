-- The same write path with the NOTIFY inside the transaction (notify mode in-transaction,
-- docs/decisions/0001-outbox-wakeup.md): the same single statement (message row + outbox row) inside a
-- transaction. Compare with the API under the same load (docs/benchmarks.md).
-- Needs: -M prepared -D channel=<uuid> -D workspace=<uuid> -D author=<uuid>
BEGIN;
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
NOTIFY outbox_event;
COMMIT;
