-- Where each reader has read each thread up to (docs/decisions/0018-unread-counts.md). Never moves backwards.
CREATE TABLE conversation_reads (
    user_id              uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    conversation_id      uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    last_read_message_id uuid        NOT NULL,
    updated_at           timestamptz NOT NULL,
    PRIMARY KEY (user_id, conversation_id)
);

ALTER TABLE outbox DROP CONSTRAINT outbox_event_type_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_event_type_check CHECK (event_type IN (
    'message.created', 'message.updated', 'message.deleted', 'reaction.added', 'reaction.removed',
    'mention.created', 'channel.read', 'conversation.read', 'conversation.created', 'conversation.updated',
    'conversation.shared', 'channel.created', 'channel.updated', 'channel.member_joined', 'channel.member_left',
    'dm.created', 'member.invited', 'member.joined', 'member.removed', 'workspace.plan_changed'));
