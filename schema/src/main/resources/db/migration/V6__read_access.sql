-- Who may read what, defined once (docs/decisions/0007-authorization-from-the-database.md). The API and the gateway
-- meet only through the database, so the rule lives here and every query that needs it calls these functions.
--
-- They are set-returning LANGUAGE sql STABLE functions, neither STRICT nor SECURITY DEFINER: PostgreSQL inlines such
-- a function into the calling query like a view with parameters, so the caller's conditions reach the indexes (a
-- scalar function whose body has a subquery is never inlined, and the planner could not see into it).

-- The channels a user may read: the public channels of every workspace they are an active member of, and the private
-- channels they are a member of. With include_invited, also what they could read once they accept their invite (the
-- API answers such a member "accept first" rather than "no such channel").
CREATE FUNCTION readable_channels(reader uuid, include_invited boolean DEFAULT false)
    RETURNS TABLE (channel_id uuid, member_status text)
    LANGUAGE sql STABLE
AS $$
    SELECT c.id, wm.status
    FROM workspace_members wm
    JOIN channels c ON c.workspace_id = wm.workspace_id
    WHERE wm.user_id = reader
      AND (wm.status = 'active' OR include_invited)
      AND (c.visibility = 'public'
           OR EXISTS (SELECT 1 FROM channel_members cm WHERE cm.channel_id = c.id AND cm.user_id = reader))
$$;

-- The channels of a conversation a user may read. Whoever reads at least one of them reads the conversation.
CREATE FUNCTION readable_conversation_channels(reader uuid, conversation uuid)
    RETURNS SETOF conversation_channels
    LANGUAGE sql STABLE
AS $$
    SELECT cc.*
    FROM conversation_channels cc
    WHERE cc.conversation_id = conversation
      AND EXISTS (SELECT 1 FROM readable_channels(reader) r WHERE r.channel_id = cc.channel_id)
$$;
