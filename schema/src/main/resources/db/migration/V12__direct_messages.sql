-- Direct messages (docs/decisions/0019-direct-messages.md): a DM is a channel of kind 'dm', private, whose members are
-- fixed when it is made. Everything a channel has (messages, threads, reactions, read positions, its room, and who may
-- read it through readable_channels) a DM has as it is; only what is a channel's alone (a name, a slug #tags find, a
-- topic, joining and leaving) it has not.
ALTER TABLE channels ADD COLUMN kind text NOT NULL DEFAULT 'channel' CHECK (kind IN ('channel', 'dm'));
-- The DM's people, sorted: the key that makes one DM per set of people in a workspace, even when two are made at
-- once (the unique index below). channel_members holds the same people, for the read rule.
ALTER TABLE channels ADD COLUMN dm_members uuid[];
ALTER TABLE channels ALTER COLUMN name DROP NOT NULL;
ALTER TABLE channels ALTER COLUMN slug DROP NOT NULL;
ALTER TABLE channels ADD CONSTRAINT channels_kind_fields CHECK (CASE kind
    WHEN 'dm' THEN dm_members IS NOT NULL AND cardinality(dm_members) BETWEEN 2 AND 9 AND name IS NULL
                   AND slug IS NULL AND visibility = 'private' AND topic = ''
    ELSE dm_members IS NULL AND name IS NOT NULL AND slug IS NOT NULL END);
CREATE UNIQUE INDEX channels_dm_members_key ON channels (workspace_id, dm_members) WHERE kind = 'dm';

ALTER TABLE outbox DROP CONSTRAINT outbox_event_type_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_event_type_check CHECK (event_type IN (
    'message.created', 'message.updated', 'message.deleted', 'reaction.added', 'reaction.removed',
    'mention.created', 'channel.read', 'conversation.created', 'conversation.updated', 'conversation.shared',
    'channel.created', 'channel.updated', 'channel.member_joined', 'channel.member_left', 'dm.created',
    'member.invited', 'member.joined', 'member.removed', 'workspace.plan_changed'));
