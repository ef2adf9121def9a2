import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ChatApi } from "../api/chat";
import type { Channel, DirectMessage, Event, Me, Member } from "../generated/schemas";
import type { LiveConnection, RoomListener } from "../live/connection";
import { ChannelList } from "./ChannelList";
import { ChannelView } from "./ChannelView";
import { ConnectionStatus } from "./ConnectionStatus";
import { DirectMessageList, dmName } from "./DirectMessageList";
import { DirectoryContext } from "./Directory";
import { authorName } from "./MessageText";
import { MembersPanel } from "./MembersPanel";
import { checkoutOutcome, PlanPanel } from "./PlanPanel";
import { ProblemText } from "./ProblemText";
import type { TimelineItem } from "../model/timeline";
import { changed, isBefore, withNewMention, withNewMessage, withRead, type Unread } from "../model/unread";
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
  const [dms, setDms] = useState<DirectMessage[] | null>(null);
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
  const loadDms = useCallback(() => api.dms(workspace.id).then(setDms, setError), [api, workspace.id]);
  /** The lists' unread counts read again, once for a burst of (re)subscriptions. */
  const reloadSoon = useDebounced(() => void Promise.all([loadChannels(), loadDms()]), 200);
  const loadPeople = useCallback(
    () => api.members(workspace.id).then((list) => setPeople(new Map(list.map((m) => [m.user_id, m]))), setError),
    [api, workspace.id],
  );

  const path = usePath();
  const { channelId, conversationId } = parseChannelPath(path);
  /** Changes what is unread of a channel or DM, whichever it is. */
  const changeUnread = (id: string, change: <T extends Unread>(entry: T) => T) => {
    setChannels((list) => changed(list, id, change));
    setDms((list) => changed(list, id, change));
  };

  const applyEvent = (event: Event) => {
    switch (event.type) {
      case "channel.created":
      case "channel.updated":
        // The event carries the channel, not what the reader has left unread of it: that is kept.
        setChannels((list) => {
          const known = list?.find((c) => c.id === event.payload.id);
          return upsert(list, { ...known, ...event.payload, member: known?.member ?? false });
        });
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
        if (event.payload.channel_id !== channelId) changeUnread(event.payload.channel_id, withNewMention);
        return;
      case "channel.read": {
        const { channel_id, last_read_message_id, unread_count, mention_count } = event.payload;
        changeUnread(channel_id, (entry) => withRead(entry, last_read_message_id, unread_count, mention_count));
        return;
      }
      case "dm.created":
        setDms((list) => list === null || list.some((dm) => dm.id === event.payload.id) ? list : [event.payload, ...list]);
        return;
      default:
        return;
    }
  };
  const workspaceRoom = {
    sync: () => {
      void loadPeople();
      reloadSoon();
    },
    event: applyEvent,
    refused: (_code: string, message: string) => setError(new Error(message)),
  };
  useRoom(live, `workspace:${workspace.id}`, workspaceRoom);
  useRoom(live, `user:${me.user.id}`, workspaceRoom);

  /** Every channel and DM the reader is in is watched, so that what arrives where they are not looking shows. */
  const watcher: RoomListener = {
    sync: reloadSoon,
    event: (event) => {
      if (event.type !== "message.created") return;
      const message = event.payload;
      if (message.reply_to_message_id === null && message.author_id !== me.user.id && message.channel_id !== channelId) {
        changeUnread(message.channel_id, withNewMessage);
      }
    },
  };
  const watched = [...(channels ?? []).filter((c) => c.member), ...(dms ?? [])].map((c) => c.id);
  const dm = dms?.find((d) => d.id === channelId) ?? null;
  const channel = channels?.find((c) => c.id === channelId) ?? (dm ? dmAsChannel(dm, dmName(dm, people, me.user.id)) : null);
  /** Where a mention was made, as the sidebar names it: "#name", the people of a DM, or "a channel" not listed. */
  const whereMentioned = (id: string) => {
    const named = channels?.find((c) => c.id === id);
    const direct = dms?.find((d) => d.id === id);
    return named ? `#${named.name}` : direct ? dmName(direct, people, me.user.id) : "a channel";
  };
  /** The reader saw the conversation up to this message: the server and their other devices are told. */
  const markRead = (id: string, messageId: string) => {
    const entry: Unread | undefined = channels?.find((c) => c.id === id) ?? dms?.find((d) => d.id === id);
    if (!entry || entry.last_read_message_id === messageId || isBefore(messageId, entry.last_read_message_id)) return;
    changeUnread(id, (e) => withRead(e, messageId, 0, 0));
    api.markChannelRead(id, messageId).catch(setError);
  };
  const openDm = (userId: string) =>
    api.openDm(workspace.id, [userId]).then((opened) => {
      setDms((list) => [opened, ...(list ?? []).filter((d) => d.id !== opened.id)]);
      navigate(channelPath(opened.id));
    }, setError);
  useEffect(() => {
    if (channels && dms && !channel) {
      const general = channels.find((c) => c.slug === "general" && c.member) ?? channels.find((c) => c.member);
      if (general) navigate(channelPath(general.id));
    }
  }, [channels, dms, channel]);
  // A flat message's new thread belongs to the channel it was started in: another channel or a thread replaces it.
  const replyingTo = !conversationId && startingFrom?.channel_id === channel?.id ? startingFrom : null;
  const bySlug = useMemo(() => new Map((channels ?? []).map((c) => [c.slug, c])), [channels]);
  const directory = useMemo(() => ({ people, readerId: me.user.id }), [people, me.user.id]);
  const mentionedIn = mention ? whereMentioned(mention.channel_id) : "";
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
              {authorName(people, mention.message.author_id)} mentioned you in {mentionedIn}{" "}
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
        onChanged={(changed) => setChannels((list) => upsert(list, changed))}>
        <DirectMessageList dms={dms} people={people} readerId={me.user.id} current={channelId} onOpen={openDm} />
      </ChannelList>
      {watched.map((id) => <RoomWatch key={id} live={live} room={`channel:${id}`} listener={watcher} />)}
      {channel ? (
        <ChannelView key={channel.id} api={api} live={live} me={me} channel={channel} people={people} channels={bySlug}
          direct={dm !== null} onRead={(messageId) => markRead(channel.id, messageId)}
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

/** Holds a room for as long as it is rendered; shows nothing. */
function RoomWatch(props: { live: LiveConnection; room: string; listener: RoomListener }) {
  useRoom(props.live, props.room, props.listener);
  return null;
}

/** Calls {@code action} once, {@code ms} after the last of a burst of calls. */
function useDebounced(action: () => void, ms: number): () => void {
  const latest = useRef(action);
  latest.current = action;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);
  return useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(), ms);
  }, [ms]);
}

/** A DM shown where a channel would be: named after the others in it, with nothing of a channel's to change. */
function dmAsChannel(dm: DirectMessage, name: string): Channel {
  return {
    id: dm.id, workspace_id: dm.workspace_id, name, slug: "", visibility: "private", topic: "",
    created_at: dm.created_at, archived_at: null, member: true,
  };
}

function upsert(list: Channel[] | null, channel: Channel): Channel[] | null {
  if (list === null) return list;
  const others = list.filter((c) => c.id !== channel.id);
  if (channel.archived_at !== null || (channel.visibility === "private" && !channel.member)) return others;
  return [...others, channel].sort((a, b) => a.name.localeCompare(b.name));
}
