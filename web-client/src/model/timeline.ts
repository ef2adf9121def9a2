import type { Event, Message, TimelinePage } from "../generated/schemas";
import { mineAfter, withCount } from "./reactions";

/** A channel timeline's item: a flat message or a thread root, with its thread's summary. */
export type TimelineItem = TimelinePage["items"][number];

export type Delivery = "sent" | "sending" | "failed";

export interface Entry {
  /** The message's id, or its client_msg_id while it is being sent. */
  readonly key: string;
  readonly item: TimelineItem;
  readonly delivery: Delivery;
  readonly clientMsgId: string | null;
}

/** What a channel view shows: entries oldest first, and the cursor of the page above them. */
export interface Timeline {
  readonly channelId: string;
  readonly entries: readonly Entry[];
  readonly olderCursor: string | null;
  readonly loaded: boolean;
}

export function emptyTimeline(channelId: string): Timeline {
  return { channelId, entries: [], olderCursor: null, loaded: false };
}

const sent = (item: TimelineItem): Entry => ({ key: item.id, item, delivery: "sent", clientMsgId: null });

/**
 * The newest page, fetched after (re)subscribing: it replaces what was known, keeping messages being sent and
 * anything that arrived live after the page was read (newer than its newest item).
 */
export function withLatestPage(timeline: Timeline, page: TimelinePage): Timeline {
  const fromPage = [...page.items].reverse().map(sent);
  const inPage = new Set(fromPage.map((entry) => entry.key));
  const newest = fromPage.at(-1)?.item.created_at ?? "";
  const kept = timeline.entries.filter(
    (entry) => !inPage.has(entry.key) && (entry.delivery !== "sent" || entry.item.created_at > newest),
  );
  return { ...timeline, entries: [...fromPage, ...kept], olderCursor: page.next_cursor, loaded: true };
}

/** A page further up (older), from {@link Timeline.olderCursor}. */
export function withOlderPage(timeline: Timeline, page: TimelinePage): Timeline {
  const known = new Set(timeline.entries.map((entry) => entry.key));
  const older = [...page.items].reverse().filter((item) => !known.has(item.id)).map(sent);
  return { ...timeline, entries: [...older, ...timeline.entries], olderCursor: page.next_cursor };
}

/** A message the user just sent, shown at once; {@link confirmed} or {@link failed} settles it. */
export function withSending(timeline: Timeline, clientMsgId: string, content: string, authorId: string, now: Date): Timeline {
  const item: TimelineItem = {
    id: clientMsgId,
    channel_id: timeline.channelId,
    conversation_id: null,
    reply_to_message_id: null,
    content,
    author_id: authorId,
    created_at: now.toISOString(),
    edited_at: null,
    deleted: false,
    reactions: [],
    reply_count: 0,
    last_reply_at: null,
    participant_ids: [],
    shared_into_channel: false,
  };
  return { ...timeline, entries: [...timeline.entries, { key: clientMsgId, item, delivery: "sending", clientMsgId }] };
}

/** The server's answer to a send: the entry becomes that message (or goes, if its event got here first). */
export function confirmed(timeline: Timeline, clientMsgId: string, message: Message): Timeline {
  const alreadyLive = timeline.entries.some((entry) => entry.key === message.id);
  const entries = timeline.entries.flatMap((entry) => {
    if (entry.clientMsgId !== clientMsgId || entry.delivery === "sent") return [entry];
    return alreadyLive ? [] : [{ ...sent(fromMessage(message)), clientMsgId }];
  });
  return { ...timeline, entries };
}

export function failed(timeline: Timeline, clientMsgId: string): Timeline {
  return mapEntries(timeline, (entry) =>
    entry.clientMsgId === clientMsgId && entry.delivery === "sending" ? { ...entry, delivery: "failed" } : entry,
  );
}

export function retrying(timeline: Timeline, clientMsgId: string): Timeline {
  return mapEntries(timeline, (entry) =>
    entry.clientMsgId === clientMsgId && entry.delivery === "failed" ? { ...entry, delivery: "sending" } : entry,
  );
}

/** An event of the channel's room, applied (once: the connection drops repeats), as {@code readerId} sees it. */
export function withEvent(timeline: Timeline, event: Event, readerId: string): Timeline {
  switch (event.type) {
    case "message.created": {
      const message = event.payload;
      if (message.channel_id !== timeline.channelId || message.conversation_id !== null) return timeline;
      if (timeline.entries.some((entry) => entry.key === message.id)) return timeline;
      return { ...timeline, entries: [...timeline.entries, sent(fromMessage(message))] };
    }
    case "message.updated":
      return edited(timeline, event.payload);
    case "message.deleted":
      return deleted(timeline, event.payload.id);
    case "reaction.added":
    case "reaction.removed": {
      const { message_id, emoji, count, user_id } = event.payload;
      return reacted(timeline, message_id, emoji, count, mineAfter(event.type, user_id, readerId));
    }
    case "conversation.created":
      return updateRoot(timeline, event.payload.root_message_id, { conversation_id: event.payload.conversation_id });
    case "conversation.updated": {
      const { conversation_id, root_message_id, reply_count, last_reply_at, participant_ids } = event.payload;
      return updateRoot(timeline, root_message_id, { conversation_id, reply_count, last_reply_at, participant_ids });
    }
    case "conversation.shared": {
      const shared = event.payload;
      const summary = {
        conversation_id: shared.conversation_id,
        reply_count: shared.reply_count,
        last_reply_at: shared.last_reply_at,
        participant_ids: shared.participant_ids,
      };
      if (timeline.entries.some((entry) => entry.key === shared.root_message.id)) {
        return updateRoot(timeline, shared.root_message.id, summary);
      }
      if (shared.channel_id !== timeline.channelId) return timeline;
      const root: TimelineItem = { ...fromMessage(shared.root_message), ...summary, shared_into_channel: true };
      return { ...timeline, entries: [...timeline.entries, sent(root)] };
    }
    default:
      return timeline;
  }
}

/** A message's new content (from the answer to an edit, or its event). */
export function edited(timeline: Timeline, message: Message): Timeline {
  const { content, edited_at, conversation_id } = message;
  return updateRoot(timeline, message.id, { content, edited_at, conversation_id });
}

/** An emoji's new count on a message, and whether the reader shows it when that is known. */
export function reacted(timeline: Timeline, messageId: string, emoji: string, count: number, me?: boolean): Timeline {
  return mapEntries(timeline, (entry) =>
    entry.key === messageId
      ? { ...entry, item: { ...entry.item, reactions: withCount(entry.item.reactions, emoji, count, me) } }
      : entry,
  );
}

/** A deleted thread root stays, as a placeholder for its thread; any other message goes. */
export function deleted(timeline: Timeline, id: string): Timeline {
  const entries = timeline.entries.flatMap((entry) => {
    if (entry.key !== id) return [entry];
    return entry.item.conversation_id === null ? [] : [{ ...entry, item: { ...entry.item, content: "", deleted: true } }];
  });
  return { ...timeline, entries };
}

function fromMessage(message: Message): TimelineItem {
  return {
    id: message.id,
    channel_id: message.channel_id,
    conversation_id: message.conversation_id,
    reply_to_message_id: null,
    content: message.content,
    author_id: message.author_id,
    created_at: message.created_at,
    edited_at: message.edited_at,
    deleted: message.deleted,
    reactions: message.reactions ?? [],
    reply_count: 0,
    last_reply_at: null,
    participant_ids: [],
    shared_into_channel: false,
  };
}

function updateRoot(timeline: Timeline, rootId: string, changes: Partial<TimelineItem>): Timeline {
  return mapEntries(timeline, (entry) => (entry.key === rootId ? { ...entry, item: { ...entry.item, ...changes } } : entry));
}

function mapEntries(timeline: Timeline, change: (entry: Entry) => Entry): Timeline {
  return { ...timeline, entries: timeline.entries.map(change) };
}
