-- Invited members whose email invite ran out give their seat back (Seats, ExpiredInvitations): finding them reads
-- only the invited rows, a small part of a workspace's members.
CREATE INDEX workspace_members_invited_idx ON workspace_members (workspace_id) WHERE status = 'invited';
