import { describe, expect, it } from "vitest";
import type { TimelinePage } from "../src/generated/schemas";
import * as timeline from "../src/model/timeline";
import { ALICE, CHANNEL, OTHER_CHANNEL, event, id, message } from "./fixtures";

/** Events as Alice, the reader in these tests, sees them. */
const seen = (state: Parameters<typeof timeline.withEvent>[0], e: Parameters<typeof timeline.withEvent>[1]) =>
  timeline.withEvent(state, e, ALICE);

function item(overrides: Partial<timeline.TimelineItem> = {}): timeline.TimelineItem {
  return { ...message(), reply_to_message_id: null, reply_count: 0, last_reply_at: null, participant_ids: [],
    shared_into_channel: false, ...overrides };
}

const page = (items: timeline.TimelineItem[], next_cursor: string | null = null): TimelinePage => ({ items, next_cursor });
const contents = (t: timeline.Timeline) => t.entries.map((entry) => entry.item.content);

describe("a channel timeline", () => {
  it("shows the newest page oldest first, and older pages above", () => {
    const [a, b, c] = [item({ content: "a" }), item({ content: "b" }), item({ content: "c" })];
    let t = timeline.withLatestPage(timeline.emptyTimeline(CHANNEL), page([c, b], "cursor-1"));
    expect(contents(t)).toEqual(["b", "c"]);
    expect(t.olderCursor).toBe("cursor-1");
    t = timeline.withOlderPage(t, page([b, a]));
    expect(contents(t)).toEqual(["a", "b", "c"]);
    expect(t.olderCursor).toBeNull();
  });

  it("shows a message being sent at once and settles it with the server's answer", () => {
    let t = timeline.withLatestPage(timeline.emptyTimeline(CHANNEL), page([]));
    t = timeline.withSending(t, "client-1", "typed", ALICE, new Date());
    expect(t.entries.map((e) => e.delivery)).toEqual(["sending"]);
    const stored = message({ content: "typed" });
    t = timeline.confirmed(t, "client-1", stored);
    expect(t.entries.map((e) => [e.key, e.delivery])).toEqual([[stored.id, "sent"]]);
    // Its event comes after the answer: nothing is added twice.
    t = seen(t, event("message.created", stored));
    expect(t.entries).toHaveLength(1);
  });

  it("keeps one entry when the message's event arrives before the answer to the send", () => {
    let t = timeline.withSending(timeline.emptyTimeline(CHANNEL), "client-2", "quick", ALICE, new Date());
    const stored = message({ content: "quick" });
    t = seen(t, event("message.created", stored));
    t = timeline.confirmed(t, "client-2", stored);
    expect(t.entries.map((e) => e.key)).toEqual([stored.id]);
  });

  it("marks a failed send, and a retry sends it again", () => {
    let t = timeline.withSending(timeline.emptyTimeline(CHANNEL), "client-3", "lost", ALICE, new Date());
    t = timeline.failed(t, "client-3");
    expect(t.entries[0]!.delivery).toBe("failed");
    t = timeline.retrying(t, "client-3");
    expect(t.entries[0]!.delivery).toBe("sending");
  });

  it("turns a flat message into a thread root with its reply count, live", () => {
    const root = item({ content: "ship friday?" });
    let t = timeline.withLatestPage(timeline.emptyTimeline(CHANNEL), page([root]));
    const conversation = id();
    t = seen(t, event("conversation.created", { conversation_id: conversation, root_message_id: root.id, channel_ids: [CHANNEL] }));
    t = seen(t, event("conversation.updated", { conversation_id: conversation, root_message_id: root.id,
      reply_count: 1, last_reply_at: "2026-12-06T10:05:00Z", participant_ids: [ALICE] }));
    expect(t.entries[0]!.item).toMatchObject({ conversation_id: conversation, reply_count: 1, last_reply_at: "2026-12-06T10:05:00Z" });
  });

  it("shows a thread shared into this channel by a #tag, and ignores one shared elsewhere", () => {
    const root = message({ channel_id: OTHER_CHANNEL, conversation_id: id() });
    const shared = (channel: string) => event("conversation.shared", { conversation_id: root.conversation_id!,
      channel_id: channel, channel_ids: [OTHER_CHANNEL, channel], root_message: root, reply_count: 2,
      last_reply_at: "2026-12-06T10:06:00Z", participant_ids: [ALICE] });
    const empty = timeline.withLatestPage(timeline.emptyTimeline(CHANNEL), page([]));
    expect(seen(empty, shared(id())).entries).toHaveLength(0);
    const t = seen(empty, shared(CHANNEL));
    expect(t.entries[0]!.item).toMatchObject({ id: root.id, reply_count: 2, shared_into_channel: true });
  });

  it("keeps what arrived live after the page was read when the page is refetched", () => {
    const older = item({ content: "older" });
    let t = seen(timeline.emptyTimeline(CHANNEL), event("message.created", message({ content: "live" })));
    t = timeline.withLatestPage(t, page([older]));
    expect(contents(t)).toEqual(["older", "live"]);
  });

  it("shows an edit, removes a deleted message and keeps a deleted thread root as a placeholder", () => {
    const flat = item({ content: "helo" });
    const root = item({ content: "root", conversation_id: id(), reply_count: 2 });
    let t = timeline.withLatestPage(timeline.emptyTimeline(CHANNEL), page([root, flat]));
    t = seen(t, event("message.updated", { ...message(), id: flat.id, content: "hello",
      edited_at: "2026-12-06T10:08:00Z" }));
    expect(t.entries[0]!.item).toMatchObject({ content: "hello", edited_at: "2026-12-06T10:08:00Z" });
    t = seen(t, event("message.deleted", { id: flat.id, channel_id: CHANNEL, conversation_id: null }));
    t = seen(t, event("message.deleted", { id: root.id, channel_id: CHANNEL,
      conversation_id: root.conversation_id }));
    expect(t.entries.map((e) => e.item)).toMatchObject([{ id: root.id, deleted: true, content: "", reply_count: 2 }]);
  });
});
