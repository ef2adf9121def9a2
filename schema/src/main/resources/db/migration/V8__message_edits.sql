-- Editing and deleting messages (docs/decisions/0015-editing-and-deleting-messages.md).

-- A deleted message keeps its row, so that a deleted thread root stays in place for its replies and a retried post
-- still finds its client_msg_id; its content is emptied, and every earlier version goes with it.
ALTER TABLE messages
    ADD COLUMN edited_at  timestamptz,
    ADD COLUMN deleted_at timestamptz;
ALTER TABLE messages DROP CONSTRAINT messages_content_check;
ALTER TABLE messages ADD CONSTRAINT messages_content_check CHECK (
    CASE WHEN deleted_at IS NULL THEN length(content) BETWEEN 1 AND 40000 ELSE content = '' END);

-- What a message said before each edit, for its author: version 1 is the text as first posted.
CREATE TABLE message_versions (
    message_id uuid        NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    version    integer     NOT NULL CHECK (version > 0),
    content    text        NOT NULL,
    -- When this text was written: the message's created_at for version 1, the edit's time for later ones.
    written_at timestamptz NOT NULL,
    PRIMARY KEY (message_id, version)
);

ALTER TABLE outbox DROP CONSTRAINT outbox_event_type_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_event_type_check CHECK (event_type IN (
    'message.created', 'message.updated', 'message.deleted',
    'conversation.created', 'conversation.updated', 'conversation.shared',
    'channel.created', 'channel.updated', 'channel.member_joined', 'channel.member_left',
    'member.invited', 'member.joined', 'member.removed', 'workspace.plan_changed'));
