import { useEffect, useRef, useState, type FormEvent } from "react";
import type { ChatApi } from "../api/chat";
import type { Channel, Me } from "../generated/schemas";
import type { LiveConnection } from "../live/connection";
import { mentions } from "../model/mentions";
import * as model from "../model/timeline";
import { MessageBody } from "./MessageBody";
import { authorName, MessageText, Time } from "./MessageText";
import { Composer } from "./Composer";
import { ProblemText } from "./ProblemText";
import { navigate } from "./router";
import { useRoom } from "./useRoom";
import type { People } from "./WorkspaceView";

/** A channel's timeline, newest at the bottom, older pages above on demand; live; with a composer. */
export function ChannelView(props: {
  api: ChatApi;
  live: LiveConnection;
  me: Me;
  channel: Channel;
  people: People;
  channels: ReadonlyMap<string, Channel>;
  openThread: string | null;
  /** A private channel's changes (topic, archived) come in its own room. */
  onChannelChanged: (channel: Channel) => void;
  /** Opens the thread of a root, or starts one on a flat message. */
  onReply: (item: model.TimelineItem) => void;
  /** A direct message: named after its people, with no topic to set and nothing to archive. */
  direct?: boolean;
  /** The newest message of the conversation on screen, as it changes: the reader has seen it. */
  onRead?: (messageId: string) => void;
}) {
  const { api, live, me, channel, people } = props;
  const [timeline, setTimeline] = useState(() => model.emptyTimeline(channel.id));
  const [error, setError] = useState<unknown>(null);
  const bottom = useRef<HTMLLIElement>(null);
  const admin = me.workspaces.some((w) => w.id === channel.workspace_id && w.role === "admin");

  useRoom(live, channel.member ? `channel:${channel.id}` : null, {
    sync: () => api.timeline(channel.id, null).then((page) => setTimeline((t) => model.withLatestPage(t, page)), setError),
    event: (event) => {
      if (event.type === "channel.updated") props.onChannelChanged(event.payload);
      else setTimeline((t) => model.withEvent(t, event, me.user.id));
    },
    refused: (_code, message) => setError(new Error(message)),
  });

  const newest = timeline.entries.at(-1)?.key;
  useEffect(() => {
    // A block, not an expression: Chromium's scrollIntoView returns a promise, which React would take for a cleanup.
    bottom.current?.scrollIntoView({ block: "end" });
  }, [newest]);
  // Threads shared in from elsewhere are not this channel's messages: its read position is one of its own.
  const newestOwn = [...timeline.entries].reverse().find((e) => e.delivery === "sent" && e.item.channel_id === channel.id)?.item.id;
  useEffect(() => {
    if (newestOwn && channel.member && document.visibilityState === "visible") props.onRead?.(newestOwn);
  }, [newestOwn]); // eslint-disable-line react-hooks/exhaustive-deps

  const loadOlder = () => {
    if (timeline.olderCursor === null) return;
    api.timeline(channel.id, timeline.olderCursor).then((page) => setTimeline((t) => model.withOlderPage(t, page)), setError);
  };

  /** Posts a message shown as being sent; the answer settles it. A retry reuses its client_msg_id: stored once. */
  const deliver = (clientMsgId: string, content: string) => {
    api.post({ channel_id: channel.id, content, client_msg_id: clientMsgId }).then(
      (message) => setTimeline((t) => model.confirmed(t, clientMsgId, message)),
      (failure) => {
        setTimeline((t) => model.failed(t, clientMsgId));
        setError(failure);
      },
    );
  };
  const send = (content: string) => {
    const clientMsgId = crypto.randomUUID();
    setTimeline((t) => model.withSending(t, clientMsgId, content, me.user.id, new Date()));
    deliver(clientMsgId, content);
  };
  const retry = (entry: model.Entry) => {
    setTimeline((t) => model.retrying(t, entry.clientMsgId!));
    deliver(entry.clientMsgId!, entry.item.content);
  };

  return (
    <main className="channel" aria-labelledby="channel-title">
      <h2 id="channel-title">{props.direct ? "" : channel.visibility === "private" ? "🔒 " : "# "}{channel.name}</h2>
      {!props.direct && (
        <ChannelDetails api={api} channel={channel} onChanged={props.onChannelChanged} onError={setError} />
      )}
      <ol className="timeline" aria-label={`Messages in ${channel.name}`} aria-busy={!timeline.loaded}>
        {timeline.olderCursor !== null && (
          <li className="older">
            <button type="button" onClick={loadOlder}>Show older messages</button>
          </li>
        )}
        {timeline.entries.map((entry) => (
          <li key={entry.key} data-message-id={entry.item.id}
            className={`message ${entry.delivery}${mentions(entry.item, me.user.id) ? " mentions-me" : ""}`}>
            <div className="meta">
              <strong>{authorName(people, entry.item.author_id)}</strong> <Time at={entry.item.created_at} />
              {entry.item.shared_into_channel && <span className="shared"> shared thread</span>}
              {entry.delivery === "sending" && <span className="delivery"> sending…</span>}
            </div>
            {entry.delivery === "sent" ? (
              <MessageBody api={api} message={entry.item} channels={props.channels}
                canEdit={entry.item.author_id === me.user.id} canDelete={entry.item.author_id === me.user.id || admin}
                onEdited={(message) => setTimeline((t) => model.edited(t, message))}
                onDeleted={(id) => setTimeline((t) => model.deleted(t, id))}
                onReacted={(emoji, count, mine) => setTimeline((t) => model.reacted(t, entry.item.id, emoji, count, mine))}
                onError={setError} />
            ) : (
              <MessageText content={entry.item.content} channels={props.channels} />
            )}
            {entry.delivery === "failed" && (
              <p className="delivery-failed">
                Not sent. <button type="button" onClick={() => retry(entry)}>Retry</button>
              </p>
            )}
            {entry.delivery === "sent" && !(entry.item.deleted && entry.item.reply_count === 0) && <ThreadLink item={entry.item} open={props.openThread} onOpen={props.onReply} />}
          </li>
        ))}
        <li ref={bottom} className="end" aria-hidden="true" />
      </ol>
      {error !== null && <ProblemText error={error} />}
      {channel.member ? (
        <Composer label={props.direct ? `Message ${channel.name}` : `Message #${channel.slug}`} channels={props.channels}
          onSend={send} />
      ) : (
        <p>Join this channel to post in it.</p>
      )}
    </main>
  );
}

/** "Reply", or "N replies · last reply at" for a thread root; opens the thread pane. */
function ThreadLink(props: { item: model.TimelineItem; open: string | null; onOpen: (item: model.TimelineItem) => void }) {
  const { item } = props;
  const count = item.reply_count;
  const label = count === 0 ? "Reply" : count === 1 ? "1 reply" : `${count} replies`;
  return (
    <p className="thread-link">
      <button type="button" onClick={() => props.onOpen(item)}
        aria-expanded={item.conversation_id !== null && item.conversation_id === props.open}>
        {label}
      </button>
      {count > 0 && item.last_reply_at && <> · last reply <Time at={item.last_reply_at} /></>}
    </p>
  );
}

/** The topic, editable by the channel's members, and archiving (admins and the creator; the server decides). */
function ChannelDetails(props: {
  api: ChatApi;
  channel: Channel;
  onChanged: (channel: Channel) => void;
  onError: (error: unknown) => void;
}) {
  const { api, channel } = props;
  const [editing, setEditing] = useState(false);
  const [topic, setTopic] = useState(channel.topic);
  const save = (event: FormEvent) => {
    event.preventDefault();
    api.setTopic(channel.id, topic.trim()).then((changed) => {
      props.onChanged(changed);
      setEditing(false);
    }, props.onError);
  };
  const archive = () => {
    if (!confirm(`Archive #${channel.slug}? It will take no new messages.`)) return;
    api.archiveChannel(channel.id).then((archived) => {
      props.onChanged(archived);
      navigate("/");
    }, props.onError);
  };
  if (editing) {
    return (
      <form className="topic" onSubmit={save}>
        <label htmlFor="channel-topic">Topic</label>
        <input id="channel-topic" value={topic} onChange={(e) => setTopic(e.target.value)} maxLength={250} autoFocus />
        <button type="submit">Save topic</button>
        <button type="button" onClick={() => setEditing(false)}>Cancel</button>
      </form>
    );
  }
  return (
    <p className="topic">
      {channel.topic || "No topic"}{" "}
      {channel.member && (
        <button type="button" className="quiet" onClick={() => { setTopic(channel.topic); setEditing(true); }}>
          Edit topic
        </button>
      )}
      {channel.member && channel.slug !== "general" && (
        <button type="button" className="quiet" onClick={archive}>Archive channel</button>
      )}
    </p>
  );
}
