-- Where each member has read each channel up to (docs/decisions/0018-unread-counts.md). Never moves backwards.
CREATE TABLE channel_reads (
    user_id              uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel_id           uuid        NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    last_read_message_id uuid        NOT NULL,
    updated_at           timestamptz NOT NULL,
    PRIMARY KEY (user_id, channel_id)
);

-- The smallest time-ordered (version 7) id of a moment: message ids after it were made after it. A member who has
-- never marked a channel read has read it up to when they joined it.
CREATE FUNCTION uuid7_floor(at timestamptz) RETURNS uuid
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT (substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7000-8000-000000000000')::uuid
    FROM (SELECT lpad(to_hex(floor(extract(epoch FROM at) * 1000)::bigint), 12, '0') AS h) ms
$$;

ALTER TABLE outbox DROP CONSTRAINT outbox_event_type_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_event_type_check CHECK (event_type IN (
    'message.created', 'message.updated', 'message.deleted', 'reaction.added', 'reaction.removed',
    'mention.created', 'channel.read', 'conversation.created', 'conversation.updated', 'conversation.shared',
    'channel.created', 'channel.updated', 'channel.member_joined', 'channel.member_left',
    'member.invited', 'member.joined', 'member.removed', 'workspace.plan_changed'));
