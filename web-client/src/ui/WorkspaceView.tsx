import { useCallback, useEffect, useMemo, useState } from "react";
import type { ChatApi } from "../api/chat";
import type { Channel, Event, Me, Member } from "../generated/schemas";
import type { LiveConnection } from "../live/connection";
import { ChannelList } from "./ChannelList";
import { ChannelView } from "./ChannelView";
import { ConnectionStatus } from "./ConnectionStatus";
import { DirectoryContext } from "./Directory";
import { authorName } from "./MessageText";
import { MembersPanel } from "./MembersPanel";
import { checkoutOutcome, PlanPanel } from "./PlanPanel";
import { ProblemText } from "./ProblemText";
import type { TimelineItem } from "../model/timeline";
import { channelPath, navigate, parseChannelPath, threadPath, usePath } from "./router";
import { ThreadPane } from "./ThreadPane";
import { useRoom } from "./useRoom";

type Membership = Me["workspaces"][number];
export type People = ReadonlyMap<string, Member>;

/** One workspace: its channels, the channel and thread on screen, and its members and plan. */
export function WorkspaceView(props: {
  api: ChatApi;
  live: LiveConnection;
  me: Me;
  workspace: Membership;
  onSignOut: () => void;
}) {
  const { api, live, me, workspace } = props;
  const [channels, setChannels] = useState<Channel[] | null>(null);
  const [people, setPeople] = useState<People>(new Map());
  // Stripe sends an admin back to /billing (from Checkout with ?checkout=success or cancelled): show the plan.
  const [stripeReturn, setStripeReturn] = useState(() =>
    location.pathname === "/billing" ? checkoutOutcome(location.search) : null);
  const [panel, setPanel] = useState<"members" | "plan" | null>(stripeReturn ? "plan" : null);
  const showPanel = (next: "members" | "plan" | null) => {
    setStripeReturn(null); // what the return from Stripe said is shown until the panel changes
    setPanel(next);
  };
  /** Bumped when the plan or the seats in use may have changed, so the plan shown is read again. */
  const [planVersion, setPlanVersion] = useState(0);
  /** A flat message being replied to: its thread starts with the first reply. */
  const [startingFrom, setStartingFrom] = useState<TimelineItem | null>(null);
  const [error, setError] = useState<unknown>(null);
  /** The latest mention of the reader, announced until they open it or another arrives. */
  const [mention, setMention] = useState<Extract<Event, { type: "mention.created" }>["payload"] | null>(null);

  const loadChannels = useCallback(() => api.channels(workspace.id).then(setChannels, setError), [api, workspace.id]);
  const loadPeople = useCallback(
    () => api.members(workspace.id).then((list) => setPeople(new Map(list.map((m) => [m.user_id, m]))), setError),
    [api, workspace.id],
  );

  const applyEvent = (event: Event) => {
    switch (event.type) {
      case "channel.created":
      case "channel.updated":
        setChannels((list) => upsert(list, { ...event.payload, member: memberOf(list, event.payload.id) }));
        return;
      case "channel.member_joined":
      case "channel.member_left":
        if (event.payload.user_id === me.user.id) {
          const member = event.type === "channel.member_joined";
          setChannels((list) => upsert(list, { ...event.payload.channel, member }));
        }
        return;
      case "member.invited":
      case "member.joined":
        setPeople((map) => new Map(map).set(event.payload.user_id, event.payload));
        setPlanVersion((n) => n + 1);
        return;
      case "member.removed":
        setPeople((map) => {
          const next = new Map(map);
          next.delete(event.payload.user_id);
          return next;
        });
        setPlanVersion((n) => n + 1);
        return;
      case "workspace.plan_changed":
        setPlanVersion((n) => n + 1);
        return;
      case "mention.created":
        setMention(event.payload);
        return;
      default:
        return;
    }
  };
  const workspaceRoom = {
    sync: () => void Promise.all([loadChannels(), loadPeople()]),
    event: applyEvent,
    refused: (_code: string, message: string) => setError(new Error(message)),
  };
  useRoom(live, `workspace:${workspace.id}`, workspaceRoom);
  useRoom(live, `user:${me.user.id}`, workspaceRoom);

  const path = usePath();
  const { channelId, conversationId } = parseChannelPath(path);
  const channel = channels?.find((c) => c.id === channelId) ?? null;
  useEffect(() => {
    if (channels && !channel) {
      const general = channels.find((c) => c.slug === "general" && c.member) ?? channels.find((c) => c.member);
      if (general) navigate(channelPath(general.id));
    }
  }, [channels, channel]);
  // A flat message's new thread belongs to the channel it was started in: another channel or a thread replaces it.
  const replyingTo = !conversationId && startingFrom?.channel_id === channel?.id ? startingFrom : null;
  const bySlug = useMemo(() => new Map((channels ?? []).map((c) => [c.slug, c])), [channels]);
  const directory = useMemo(() => ({ people, readerId: me.user.id }), [people, me.user.id]);
  const mentionedIn = mention ? channels?.find((c) => c.id === mention.channel_id) : undefined;
  const openMention = () => {
    if (!mention) return;
    navigate(mention.conversation_id ? threadPath(mention.channel_id, mention.conversation_id) : channelPath(mention.channel_id));
    setMention(null);
  };

  return (
    <DirectoryContext.Provider value={directory}>
    <div className="workspace">
      <header className="topbar">
        <h1>{workspace.name}</h1>
        <ConnectionStatus live={live} />
        {error !== null && <ProblemText error={error} />}
        <p role="status" className="mention-notice">
          {mention && (
            <>
              {authorName(people, mention.message.author_id)} mentioned you in #{mentionedIn?.name ?? "a channel"}{" "}
              <button type="button" className="quiet" onClick={openMention}>Open</button>
            </>
          )}
        </p>
        <nav aria-label="Workspace">
          <button type="button" aria-pressed={panel === "members"} onClick={() => showPanel(panel === "members" ? null : "members")}>
            Members
          </button>
          <button type="button" aria-pressed={panel === "plan"} onClick={() => showPanel(panel === "plan" ? null : "plan")}>
            Plan
          </button>
          <span className="whoami">{me.user.email ?? me.user.name}</span>
          <button type="button" onClick={props.onSignOut}>Sign out</button>
        </nav>
      </header>
      <ChannelList api={api} workspaceId={workspace.id} channels={channels} current={channelId}
        onChanged={(changed) => setChannels((list) => upsert(list, changed))} />
      {channel ? (
        <ChannelView key={channel.id} api={api} live={live} me={me} channel={channel} people={people} channels={bySlug}
          onChannelChanged={(changed) => setChannels((list) => upsert(list, { ...changed, member: channel.member }))}
          openThread={conversationId}
          onReply={(item) => {
            if (item.conversation_id) {
              setStartingFrom(null);
              navigate(threadPath(channel.id, item.conversation_id));
            } else {
              setStartingFrom(item);
              navigate(channelPath(channel.id));
            }
          }} />
      ) : (
        <main className="channel" aria-busy={channels === null}>
          {channels !== null && <p>Join a channel to start.</p>}
        </main>
      )}
      {channel && (conversationId || replyingTo) && (
        <ThreadPane key={conversationId ?? replyingTo!.id} api={api} live={live} me={me} channel={channel}
          conversationId={conversationId} startingFrom={replyingTo} people={people}
          channels={bySlug}
          onStarted={(started) => { setStartingFrom(null); navigate(threadPath(channel.id, started)); }}
          onClose={() => { setStartingFrom(null); navigate(channelPath(channel.id)); }} />
      )}
      {panel === "members" && (
        <MembersPanel api={api} me={me} workspace={workspace} people={people} onClose={() => showPanel(null)}
          onChanged={loadPeople} />
      )}
      {panel === "plan" && (
        <PlanPanel api={api} workspace={workspace} version={planVersion} checkout={stripeReturn?.checkout ?? null}
          onClose={() => showPanel(null)} />
      )}
    </div>
    </DirectoryContext.Provider>
  );
}

function memberOf(list: Channel[] | null, id: string): boolean {
  return list?.find((c) => c.id === id)?.member ?? false;
}

function upsert(list: Channel[] | null, channel: Channel): Channel[] | null {
  if (list === null) return list;
  const others = list.filter((c) => c.id !== channel.id);
  if (channel.archived_at !== null || (channel.visibility === "private" && !channel.member)) return others;
  return [...others, channel].sort((a, b) => a.name.localeCompare(b.name));
}
