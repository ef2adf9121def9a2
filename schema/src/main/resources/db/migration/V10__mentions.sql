-- Mentions (docs/decisions/0017-mentions.md): who was notified of which message, once each, kept for the counts of
-- unread mentions per channel.
CREATE TABLE message_mentions (
    message_id uuid        NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The channel the message was posted in.
    channel_id uuid        NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (message_id, user_id)
);
-- A member's mentions in a channel after a position (unread mentions), newest first.
CREATE INDEX message_mentions_user_channel_idx ON message_mentions (user_id, channel_id, message_id);

-- When each author last mentioned a whole channel: <!channel> is limited to once a minute per author and channel.
CREATE TABLE channel_wide_mentions (
    channel_id uuid        NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    author_id  uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    last_at    timestamptz NOT NULL,
    PRIMARY KEY (channel_id, author_id)
);

ALTER TABLE outbox DROP CONSTRAINT outbox_event_type_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_event_type_check CHECK (event_type IN (
    'message.created', 'message.updated', 'message.deleted', 'reaction.added', 'reaction.removed',
    'mention.created', 'conversation.created', 'conversation.updated', 'conversation.shared',
    'channel.created', 'channel.updated', 'channel.member_joined', 'channel.member_left',
    'member.invited', 'member.joined', 'member.removed', 'workspace.plan_changed'));
