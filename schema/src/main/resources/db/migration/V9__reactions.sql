-- Reactions (docs/decisions/0016-reactions.md): one row per person, message and emoji, so reacting twice is a no-op
-- and counts are exact; how many distinct emoji a message may carry is checked under the message's row lock.
CREATE TABLE message_reactions (
    message_id uuid        NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    emoji      text        NOT NULL CHECK (length(emoji) BETWEEN 1 AND 64),
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (message_id, emoji, user_id)
);
-- Removing a person's reactions with their account must not scan.
CREATE INDEX message_reactions_user_idx ON message_reactions (user_id);

ALTER TABLE outbox DROP CONSTRAINT outbox_event_type_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_event_type_check CHECK (event_type IN (
    'message.created', 'message.updated', 'message.deleted', 'reaction.added', 'reaction.removed',
    'conversation.created', 'conversation.updated', 'conversation.shared',
    'channel.created', 'channel.updated', 'channel.member_joined', 'channel.member_left',
    'member.invited', 'member.joined', 'member.removed', 'workspace.plan_changed'));
