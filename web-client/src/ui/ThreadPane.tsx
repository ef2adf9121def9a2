import { useEffect, useState, type ReactNode } from "react";
import type { ChatApi } from "../api/chat";
import type { Channel, Me, Message } from "../generated/schemas";
import type { LiveConnection } from "../live/connection";
import { mentions } from "../model/mentions";
import * as model from "../model/thread";
import type { TimelineItem } from "../model/timeline";
import { Composer } from "./Composer";
import { MessageBody } from "./MessageBody";
import { authorName, MessageText, Time } from "./MessageText";
import { PaneHeader } from "./PaneHeader";
import { ProblemText } from "./ProblemText";
import { useRoom } from "./useRoom";
import type { People } from "./WorkspaceView";

interface Props {
  api: ChatApi;
  live: LiveConnection;
  me: Me;
  /** The channel the thread is read in: replies are posted there, and its restricted replies shown. */
  channel: Channel;
  /** The thread on screen; null while the first reply to {@link startingFrom} is being written. */
  conversationId: string | null;
  startingFrom: TimelineItem | null;
  people: People;
  channels: ReadonlyMap<string, Channel>;
  onStarted: (conversationId: string) => void;
  onClose: () => void;
}

/** A thread beside its channel: the root, its replies live, and a composer that replies in the thread. */
export function ThreadPane(props: Props) {
  return (
    <aside className="thread" aria-labelledby="thread-title">
      <PaneHeader id="thread-title" title="Thread" onClose={props.onClose} />
      {props.conversationId ? <LiveThread {...props} conversationId={props.conversationId} /> : <NewThread {...props} />}
    </aside>
  );
}

function LiveThread(props: Props & { conversationId: string }) {
  const { api, live, me, channel, conversationId, people } = props;
  const [thread, setThread] = useState(() => model.emptyThread(conversationId));
  const [error, setError] = useState<unknown>(null);

  const listener = {
    sync: () =>
      Promise.all([api.conversation(conversationId), api.replies(conversationId, null)]).then(
        ([conversation, page]) => setThread((t) => model.withFirstPage(t, conversation, page)),
        setError,
      ),
    event: (event: Parameters<typeof model.withEvent>[1]) => setThread((t) => model.withEvent(t, event, me.user.id)),
    refused: (_code: string, message: string) => setError(new Error(message)),
  };
  useRoom(live, `thread:${conversationId}`, listener);
  // Replies restricted to this channel come in its room, not the thread's.
  useRoom(live, channel.member ? `channel:${channel.id}` : null, { ...listener, sync: () => undefined });

  const admin = me.workspaces.some((w) => w.id === channel.workspace_id && w.role === "admin");
  const body = (message: Message) => (
    <MessageBody api={api} message={message} channels={props.channels}
      canEdit={message.author_id === me.user.id} canDelete={message.author_id === me.user.id || admin}
      onEdited={(changed) => setThread((t) => model.edited(t, changed))}
      onDeleted={(id) => setThread((t) => model.deleted(t, id))}
      onReacted={(emoji, count, mine) => setThread((t) => model.reacted(t, message.id, emoji, count, mine))}
      onError={setError} />
  );

  const loadMore = () => {
    if (thread.moreCursor === null) return;
    api.replies(conversationId, thread.moreCursor).then((page) => setThread((t) => model.withMore(t, page)), setError);
  };

  const reply = (content: string) => {
    const root = thread.conversation?.root_message_id;
    if (!root) return;
    const clientMsgId = crypto.randomUUID();
    setThread((t) => model.withSending(t, clientMsgId, content, me.user.id, channel.id, new Date()));
    api.post({ channel_id: channel.id, content, client_msg_id: clientMsgId, reply_to_message_id: root }).then(
      (message) => setThread((t) => model.confirmed(t, clientMsgId, message)),
      (failure) => {
        setThread((t) => model.failed(t, clientMsgId));
        setError(failure);
      },
    );
  };

  const conversation = thread.conversation;
  const count = conversation?.reply_count ?? 0;
  const newestSeen = [...thread.replies].reverse().find((r) => r.delivery === "sent")?.message.id ?? conversation?.root_message_id;
  const lastRead = conversation?.last_read_message_id;
  useEffect(() => {
    if (newestSeen && newestSeen !== lastRead && document.visibilityState === "visible") {
      api.markThreadRead(conversationId, newestSeen).catch(setError);
    }
  }, [api, conversationId, newestSeen]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <>
      {conversation && <Root message={conversation.root_message} people={people} body={body(conversation.root_message)} />}
      <p className="reply-count" aria-live="polite">{count === 1 ? "1 reply" : `${count} replies`}</p>
      <ol className="replies" aria-label="Replies" aria-busy={conversation === null}>
        {thread.replies.map((reply) => (
          <li key={reply.key} data-message-id={reply.message.id}
            className={`message ${reply.delivery}${mentions(reply.message, me.user.id) ? " mentions-me" : ""}`}>
            <div className="meta">
              <strong>{authorName(people, reply.message.author_id)}</strong> <Time at={reply.message.created_at} />
              {reply.delivery === "sending" && <span className="delivery"> sending…</span>}
              {reply.delivery === "failed" && <span className="delivery-failed"> not sent</span>}
            </div>
            {reply.delivery === "sent" ? body(reply.message) : <MessageText content={reply.message.content} channels={props.channels} />}
          </li>
        ))}
      </ol>
      {thread.moreCursor !== null && <button type="button" onClick={loadMore}>Show more replies</button>}
      {error !== null && <ProblemText error={error} />}
      {channel.member && <Composer label="Reply in thread" channels={props.channels} onSend={reply} />}
    </>
  );
}

/** A flat message's thread before its first reply: posting it makes the conversation. */
function NewThread(props: Props) {
  const { api, channel, startingFrom } = props;
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  if (!startingFrom) return null;
  const reply = (content: string) => {
    setSending(true);
    api.post({ channel_id: channel.id, content, client_msg_id: crypto.randomUUID(), reply_to_message_id: startingFrom.id })
      .then((message) => props.onStarted(message.conversation_id!), (failure) => {
        setSending(false);
        setError(failure);
      });
  };
  const root: Message = { ...startingFrom, reply_to_message_id: null };
  return (
    <>
      <Root message={root} people={props.people} body={<MessageText content={root.content} channels={props.channels} />} />
      <p className="reply-count">{sending ? "Sending…" : "No replies yet"}</p>
      {error !== null && <ProblemText error={error} />}
      <Composer label="Reply in thread" channels={props.channels} onSend={reply} />
    </>
  );
}

function Root({ message, people, body }: { message: Message; people: People; body: ReactNode }) {
  return (
    <div className="root message" data-message-id={message.id}>
      <div className="meta">
        <strong>{authorName(people, message.author_id)}</strong> <Time at={message.created_at} />
      </div>
      {body}
    </div>
  );
}
