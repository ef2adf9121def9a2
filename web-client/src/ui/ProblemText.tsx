import { ApiProblem } from "../api/http";

/** Words for the refusals a person can act on; any other problem shows the server's own detail. */
const WORDS: Record<string, string> = {
  invite_not_found: "This invite link is not valid. Ask for a new one.",
  invite_expired: "This invite has expired. Ask an admin for a new one.",
  invite_revoked: "This invite was revoked. Ask an admin for a new one.",
  invite_used_up: "This invite link has been used as many times as it allows. Ask an admin for a new one.",
  invite_wrong_email: "This invite was sent to another email address. Sign in with that address, or ask for a new invite.",
  seat_limit_reached: "The workspace has no free seat. An admin can add seats or free one.",
  billing_not_configured: "Billing is not set up on this server, so the plan cannot be changed here.",
  workspace_exists: "Your organization already has a workspace. Ask one of its admins for an invite.",
  channel_exists: "A channel with this name exists already.",
  channel_archived: "This channel is archived; it takes no new messages.",
  channel_protected: "#general is where everyone meets: it cannot be archived.",
  admin_required: "Only an admin (or, for a channel, the person who created it) can do that.",
  not_in_channel: "Join the channel first.",
  try_again: "The server was busy; try again.",
};

export function problemWords(error: unknown): string {
  if (error instanceof ApiProblem) return WORDS[error.code] ?? error.detail;
  return error instanceof Error ? error.message : String(error);
}

export function ProblemText({ error }: { error: unknown }) {
  return <p role="alert" className="problem">{problemWords(error)}</p>;
}
