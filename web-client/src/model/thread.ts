import type { Conversation, Event, Message, MessagePage } from "../generated/schemas";
import { mineAfter, withCount } from "./reactions";
import type { Delivery } from "./timeline";

export interface Reply {
  readonly key: string;
  readonly message: Message;
  readonly delivery: Delivery;
  readonly clientMsgId: string | null;
}

/** A thread pane: the conversation (with its root message), and its replies oldest first as far as they were read. */
export interface Thread {
  readonly conversationId: string;
  readonly conversation: Conversation | null;
  readonly replies: readonly Reply[];
  /** The cursor of the next page of replies (newer than the last read), null once all were read. */
  readonly moreCursor: string | null;
}

export function emptyThread(conversationId: string): Thread {
  return { conversationId, conversation: null, replies: [], moreCursor: null };
}

const sent = (message: Message): Reply => ({ key: message.id, message, delivery: "sent", clientMsgId: null });

/**
 * A fresh read (after (re)subscribing): the conversation and the first page of replies. Replies being sent, and any
 * that arrived live and are not in the page, stay.
 */
export function withFirstPage(thread: Thread, conversation: Conversation, page: MessagePage): Thread {
  const inPage = new Set(page.items.map((message) => message.id));
  const kept = thread.replies.filter((reply) => !inPage.has(reply.key));
  return { ...thread, conversation, replies: ordered([...page.items.map(sent), ...kept]), moreCursor: page.next_cursor };
}

/** The next page of replies (they come oldest first). */
export function withMore(thread: Thread, page: MessagePage): Thread {
  const known = new Set(thread.replies.map((reply) => reply.key));
  const added = page.items.filter((message) => !known.has(message.id)).map(sent);
  return { ...thread, replies: ordered([...thread.replies, ...added]), moreCursor: page.next_cursor };
}

export function withSending(thread: Thread, clientMsgId: string, content: string, authorId: string, channelId: string, now: Date): Thread {
  const message: Message = {
    id: clientMsgId,
    channel_id: channelId,
    conversation_id: thread.conversationId,
    reply_to_message_id: thread.conversation?.root_message_id ?? null,
    content,
    author_id: authorId,
    created_at: now.toISOString(),
    edited_at: null,
    deleted: false,
  };
  return { ...thread, replies: [...thread.replies, { key: clientMsgId, message, delivery: "sending", clientMsgId }] };
}

export function confirmed(thread: Thread, clientMsgId: string, message: Message): Thread {
  const alreadyLive = thread.replies.some((reply) => reply.key === message.id);
  const replies = thread.replies.flatMap((reply) => {
    if (reply.clientMsgId !== clientMsgId || reply.delivery === "sent") return [reply];
    return alreadyLive ? [] : [{ ...sent(message), clientMsgId }];
  });
  return { ...thread, replies };
}

export function failed(thread: Thread, clientMsgId: string): Thread {
  return {
    ...thread,
    replies: thread.replies.map((reply) =>
      reply.clientMsgId === clientMsgId && reply.delivery === "sending" ? { ...reply, delivery: "failed" } : reply,
    ),
  };
}

/**
 * Events of the thread's room (open replies) and of the channel it is read in (replies restricted to it), as
 * {@code readerId} sees them.
 */
export function withEvent(thread: Thread, event: Event, readerId: string): Thread {
  switch (event.type) {
    case "message.created": {
      const message = event.payload;
      if (message.conversation_id !== thread.conversationId) return thread;
      if (thread.replies.some((reply) => reply.key === message.id)) return thread;
      return { ...thread, replies: ordered([...thread.replies, sent(message)]) };
    }
    case "message.updated":
      return event.payload.conversation_id === thread.conversationId ? edited(thread, event.payload) : thread;
    case "message.deleted":
      return event.payload.conversation_id === thread.conversationId ? deleted(thread, event.payload.id) : thread;
    case "reaction.added":
    case "reaction.removed": {
      const { message_id, emoji, count, user_id } = event.payload;
      return reacted(thread, message_id, emoji, count, mineAfter(event.type, user_id, readerId));
    }
    case "conversation.updated":
    case "conversation.shared": {
      if (event.payload.conversation_id !== thread.conversationId || !thread.conversation) return thread;
      const { reply_count, last_reply_at, participant_ids } = event.payload;
      const channel_ids =
        event.type === "conversation.shared" ? event.payload.channel_ids : thread.conversation.channel_ids;
      return { ...thread, conversation: { ...thread.conversation, reply_count, last_reply_at, participant_ids, channel_ids } };
    }
    default:
      return thread;
  }
}

/** The root's or a reply's new content (from the answer to an edit, or its event, which carry no reactions). */
export function edited(thread: Thread, message: Message): Thread {
  const { content, edited_at, conversation_id } = message;
  return withMessage(thread, message.id, (shown) => ({ ...shown, content, edited_at, conversation_id }));
}

/** An emoji's new count on the root or a reply, and whether the reader shows it when that is known. */
export function reacted(thread: Thread, messageId: string, emoji: string, count: number, me?: boolean): Thread {
  return withMessage(thread, messageId, (message) => ({
    ...message,
    reactions: withCount(message.reactions, emoji, count, me),
  }));
}

/** The root stays as a placeholder for the thread; a deleted reply goes. */
export function deleted(thread: Thread, id: string): Thread {
  const withoutReply = { ...thread, replies: thread.replies.filter((reply) => reply.key !== id) };
  return withMessage(withoutReply, id, (root) => ({ ...root, content: "", deleted: true }));
}

/** The thread with its root or one of its replies (whichever has that id) changed. */
function withMessage(thread: Thread, id: string, change: (message: Message) => Message): Thread {
  const conversation =
    thread.conversation && thread.conversation.root_message.id === id
      ? { ...thread.conversation, root_message: change(thread.conversation.root_message) }
      : thread.conversation;
  const replies = thread.replies.map((reply) => (reply.key === id ? { ...reply, message: change(reply.message) } : reply));
  return { ...thread, conversation, replies };
}

/** Sent replies in the order they were posted (ids are time-ordered), then those still being sent. */
function ordered(replies: Reply[]): Reply[] {
  const posted = replies
    .filter((reply) => reply.delivery === "sent")
    .sort((a, b) => a.message.created_at.localeCompare(b.message.created_at) || a.key.localeCompare(b.key));
  return [...posted, ...replies.filter((reply) => reply.delivery !== "sent")];
}
