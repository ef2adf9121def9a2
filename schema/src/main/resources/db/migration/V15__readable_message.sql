-- Who may read a message, defined once beside readable_channels (docs/decisions/0007-authorization-from-the-database.md):
-- whoever reads its channel; for a thread root or an open reply, also whoever reads any channel of its conversation.
-- A reply restricted to the private channel it was posted in (a thread shared into that channel, answered there) stays
-- that channel's. One row when the reader may read it, saying whether it is such a restricted reply; none otherwise.
-- With include_invited, an invited member counts as reading their channels (the API then answers "accept first").
--
-- Set-returning, LANGUAGE sql STABLE, neither STRICT nor SECURITY DEFINER: PostgreSQL inlines it into the calling
-- query, as it does readable_channels (V6).
CREATE FUNCTION readable_message(reader uuid, message uuid, include_invited boolean DEFAULT false)
    RETURNS TABLE (restricted boolean)
    LANGUAGE sql STABLE
AS $$
    SELECT shown.restricted
    FROM messages m
    JOIN channels c ON c.id = m.channel_id
    CROSS JOIN LATERAL (
        SELECT m.reply_to_message_id IS NOT NULL AND c.visibility = 'private' AND EXISTS (
            SELECT 1 FROM conversation_channels cc
            WHERE cc.conversation_id = m.conversation_id AND cc.channel_id = m.channel_id AND NOT cc.is_primary
        ) AS restricted) shown
    WHERE m.id = message
      AND (EXISTS (SELECT 1 FROM readable_channels(reader, include_invited) r WHERE r.channel_id = m.channel_id)
           OR (m.conversation_id IS NOT NULL AND NOT shown.restricted
               AND EXISTS (SELECT 1 FROM readable_conversation_channels(reader, m.conversation_id))))
$$;
