import { describe, expect, it } from "vitest";
import type { Conversation, MessagePage } from "../src/generated/schemas";
import * as thread from "../src/model/thread";
import { ALICE, CHANNEL, event, id, message } from "./fixtures";

/** Events as Alice, the reader in these tests, sees them. */
const seen = (state: Parameters<typeof thread.withEvent>[0], e: Parameters<typeof thread.withEvent>[1]) =>
  thread.withEvent(state, e, ALICE);

const CONVERSATION = id();
const root = message({ conversation_id: CONVERSATION, content: "root" });
const conversation: Conversation = {
  id: CONVERSATION, root_message_id: root.id, root_message: root, channel_ids: [CHANNEL],
  created_at: root.created_at, reply_count: 1, last_reply_at: null, participant_ids: [],
  unread_count: 0, last_read_message_id: null,
};
const reply = (content: string) => message({ conversation_id: CONVERSATION, reply_to_message_id: root.id, content });
const page = (items: ReturnType<typeof reply>[], next_cursor: string | null = null): MessagePage => ({ items, next_cursor });
const contents = (t: thread.Thread) => t.replies.map((r) => r.message.content);

describe("a thread pane", () => {
  it("reads the first page, keeping a reply being sent and one that arrived live", () => {
    const first = reply("first");
    const live = reply("live");
    let t = thread.withSending(thread.emptyThread(CONVERSATION), "client-1", "mine", ALICE, CHANNEL, new Date());
    t = seen(t, event("message.created", live));
    t = thread.withFirstPage(t, conversation, page([first, live], "more"));
    expect(contents(t)).toEqual(["first", "live", "mine"]);
    expect(t.moreCursor).toBe("more");
    // A reply written once the thread is read answers its root.
    const next = thread.withSending(t, "client-4", "again", ALICE, CHANNEL, new Date());
    expect(next.replies.at(-1)!.message.reply_to_message_id).toBe(root.id);
  });

  it("applies replies of its own conversation only, once", () => {
    const t = thread.withFirstPage(thread.emptyThread(CONVERSATION), conversation, page([]));
    const mine = reply("here");
    let next = seen(t, event("message.created", mine));
    next = seen(next, event("message.created", mine));
    next = seen(next, event("message.created", message({ conversation_id: id(), content: "elsewhere" })));
    expect(contents(next)).toEqual(["here"]);
  });

  it("settles a reply with the server's answer, whichever comes first", () => {
    const stored = reply("sent");
    let t = thread.withSending(thread.emptyThread(CONVERSATION), "client-2", "sent", ALICE, CHANNEL, new Date());
    t = seen(t, event("message.created", stored));
    t = thread.confirmed(t, "client-2", stored);
    expect(t.replies.map((r) => [r.key, r.delivery])).toEqual([[stored.id, "sent"]]);
    const failed = thread.failed(thread.withSending(t, "client-3", "lost", ALICE, CHANNEL, new Date()), "client-3");
    expect(failed.replies.at(-1)!.delivery).toBe("failed");
  });

  it("follows the summary and the channels a tag shares it into", () => {
    let t = thread.withFirstPage(thread.emptyThread(CONVERSATION), conversation, page([]));
    const other = id();
    t = seen(t, event("conversation.shared", { conversation_id: CONVERSATION, channel_id: other,
      channel_ids: [CHANNEL, other], root_message: root, reply_count: 3, last_reply_at: "2026-12-06T10:07:00Z",
      participant_ids: [ALICE] }));
    expect(t.conversation).toMatchObject({ reply_count: 3, channel_ids: [CHANNEL, other] });
  });

  it("shows edits of the root and replies, drops a deleted reply and keeps a deleted root as a placeholder", () => {
    const first = reply("frist");
    let t = thread.withFirstPage(thread.emptyThread(CONVERSATION), conversation, page([first, reply("second")]));
    t = thread.reacted(t, first.id, "👀", 1, true);
    t = seen(t, event("message.updated", { ...first, content: "first", edited_at: "2026-12-06T10:09:00Z" }));
    expect(contents(t)).toEqual(["first", "second"]);
    expect(t.replies[0]!.message.reactions).toEqual([{ emoji: "👀", count: 1, me: true }]);
    t = seen(t, event("message.deleted", { id: first.id, channel_id: CHANNEL, conversation_id: CONVERSATION }));
    expect(contents(t)).toEqual(["second"]);
    t = seen(t, event("message.deleted", { id: root.id, channel_id: CHANNEL, conversation_id: CONVERSATION }));
    expect(t.conversation?.root_message).toMatchObject({ deleted: true, content: "" });
    // Another conversation's changes are not this thread's.
    const same = seen(t, event("message.deleted", { id: id(), channel_id: CHANNEL, conversation_id: id() }));
    expect(same).toBe(t);
  });
});
