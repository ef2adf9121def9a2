-- The newest page of a channel's timeline as api-service reads it (ReadRepository.TIMELINE, first page, 50 items + 1).
-- Needs: -M prepared -D channel=<uuid> -D subject=<idp subject of a reader>
WITH access AS (
    SELECT r.member_status
    FROM users u JOIN readable_channels(u.id, true) r ON r.channel_id = :channel::uuid
    WHERE u.idp_subject = :subject
), allowed AS (
    SELECT 1 FROM access WHERE member_status = 'active'
), entries AS (
    (SELECT m.id AS sort_key, m.id AS message_id, false AS shared
     FROM messages m
     WHERE m.channel_id = :channel::uuid AND m.reply_to_message_id IS NULL AND m.id < 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid
       AND EXISTS (SELECT 1 FROM allowed)
     ORDER BY m.id DESC LIMIT 51)
    UNION ALL
    (SELECT cc.timeline_key, c.root_message_id, true
     FROM conversation_channels cc JOIN conversations c ON c.id = cc.conversation_id
     WHERE cc.channel_id = :channel::uuid AND NOT cc.is_primary AND cc.timeline_key < 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid
       AND EXISTS (SELECT 1 FROM allowed)
     ORDER BY cc.timeline_key DESC LIMIT 51)
    ORDER BY sort_key DESC LIMIT 51
)
SELECT a.member_status, e.sort_key, e.shared,
       m.id, m.channel_id, m.conversation_id, m.reply_to_message_id, m.content, m.author_id, m.created_at,
       c.reply_count, c.last_reply_at, c.participant_ids, v.restricted_reply_count,
       v.restricted_last_reply_at, v.restricted_participant_ids
FROM access a
LEFT JOIN entries e ON true
LEFT JOIN messages m ON m.id = e.message_id
LEFT JOIN conversations c ON c.id = m.conversation_id
LEFT JOIN conversation_channels v ON v.conversation_id = c.id AND v.channel_id = :channel::uuid
ORDER BY e.sort_key DESC;
