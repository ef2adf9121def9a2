import { useCallback, useEffect, useState, type FormEvent } from "react";
import type { ChatApi } from "../api/chat";
import type { Invite, InviteCreated, Me } from "../generated/schemas";
import { PaneHeader } from "./PaneHeader";
import { ProblemText } from "./ProblemText";
import type { People } from "./WorkspaceView";

type Membership = Me["workspaces"][number];

/** Who is in the workspace; admins also invite (by link or email), see pending invites, revoke and remove. */
export function MembersPanel(props: {
  api: ChatApi;
  me: Me;
  workspace: Membership;
  people: People;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { api, me, workspace, people } = props;
  const admin = workspace.role === "admin";
  const [invites, setInvites] = useState<Invite[]>([]);
  const [created, setCreated] = useState<InviteCreated | null>(null);
  const [email, setEmail] = useState("");
  const [maxUses, setMaxUses] = useState("");
  const [error, setError] = useState<unknown>(null);

  const loadInvites = useCallback(() => {
    if (admin) api.invites(workspace.id).then(setInvites, setError);
  }, [admin, api, workspace.id]);
  useEffect(loadInvites, [loadInvites]);

  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      loadInvites();
      props.onChanged();
    } catch (failure) {
      setError(failure);
    }
  };
  const invite = (event: FormEvent, byEmail: boolean) => {
    event.preventDefault();
    void act(async () => {
      setCreated(await api.createInvite(workspace.id,
        byEmail ? { email: email.trim() } : { maxUses: maxUses === "" ? null : Number(maxUses) }));
      setEmail("");
    });
  };

  const members = [...people.values()].sort((a, b) => (a.email ?? "").localeCompare(b.email ?? ""));
  return (
    <aside className="panel" aria-labelledby="members-title">
      <PaneHeader id="members-title" title="Members" onClose={props.onClose} />
      <ul aria-label="Members">
        {members.map((member) => (
          <li key={member.user_id}>
            {member.name ?? member.email ?? "Someone invited"}
            {member.name && member.email && <span className="email"> ({member.email})</span>}
            {member.role === "admin" && <span className="badge"> admin</span>}
            {member.status === "invited" && <span className="badge"> invited</span>}
            {admin && member.user_id !== me.user.id && (
              <button type="button" className="quiet" aria-label={`Remove ${member.email ?? member.name ?? "member"}`}
                onClick={() => void act(() => api.removeMember(workspace.id, member.user_id))}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {admin && (
        <section aria-labelledby="invite-title">
          <h3 id="invite-title">Invite people</h3>
          <form onSubmit={(e) => invite(e, false)}>
            <label htmlFor="invite-uses">Uses</label>
            <select id="invite-uses" value={maxUses} onChange={(e) => setMaxUses(e.target.value)}>
              <option value="">Unlimited</option>
              <option value="1">1</option>
              <option value="5">5</option>
              <option value="25">25</option>
              <option value="100">100</option>
            </select>
            <button type="submit">Create an invite link</button>
          </form>
          <form onSubmit={(e) => invite(e, true)}>
            <label htmlFor="invite-email">Email</label>
            <input id="invite-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
            <button type="submit">Send invite</button>
          </form>
          {created && (
            <p role="status">
              {created.url ? (
                <>Invite link (shown once): <output className="invite-url">{created.url}</output></>
              ) : (
                <>Invite sent to {created.email}.</>
              )}
            </p>
          )}
          <h3 id="pending-title">Pending invites</h3>
          <ul aria-labelledby="pending-title">
            {invites.length === 0 && <li>None</li>}
            {invites.map((pending) => (
              <li key={pending.id}>
                {pending.kind === "email" ? pending.email : `Link (${pending.use_count}${pending.max_uses ? "/" + pending.max_uses : ""} used)`}
                {new Date(pending.expires_at) < new Date() && <span className="badge"> expired</span>}
                <button type="button" className="quiet" onClick={() => void act(() => api.revokeInvite(workspace.id, pending.id))}>
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {error !== null && <ProblemText error={error} />}
    </aside>
  );
}
