-- Invites and seats, channel and membership events.

-- An email invite holds a seat for an address that may never have signed in: such a user has an email and no
-- subject until they first sign in with that (verified) address and take the row over (UserRepository).
ALTER TABLE users ALTER COLUMN idp_subject DROP NOT NULL;

-- Stored lower-cased, so the invited address is matched case-insensitively.
ALTER TABLE invites ADD CONSTRAINT invites_email_lower CHECK (email = lower(email));
-- Finding an invite's pending seat, and refusing a second pending invite for one address.
CREATE UNIQUE INDEX invites_one_pending_email_idx ON invites (workspace_id, email)
    WHERE kind = 'email' AND revoked_at IS NULL AND use_count = 0;

ALTER TABLE outbox DROP CONSTRAINT outbox_event_type_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_event_type_check CHECK (event_type IN (
    'message.created', 'conversation.created', 'conversation.updated', 'conversation.shared',
    'channel.created', 'channel.updated', 'channel.member_joined', 'channel.member_left',
    'member.invited', 'member.joined', 'member.removed', 'workspace.plan_changed'));
