import { describe, expect, it } from "vitest";
import { mineAfter, withCount } from "../src/model/reactions";
import * as timeline from "../src/model/timeline";
import { ALICE, CHANNEL, event, id, message } from "./fixtures";

const BOB = "0192f000-0000-7000-8000-0000000000b2";

describe("reactions", () => {
  it("follow counts, keep the order of first use, and drop an emoji at zero", () => {
    let list = withCount([], "👍", 1, undefined);
    list = withCount(list, "🎉", 1, true);
    list = withCount(list, "👍", 2, true);
    expect(list).toEqual([{ emoji: "👍", count: 2, me: true }, { emoji: "🎉", count: 1, me: true }]);
    expect(withCount(list, "👍", 0, false)).toEqual([{ emoji: "🎉", count: 1, me: true }]);
  });

  it("change the reader's own mark only for the reader's own reaction", () => {
    expect(mineAfter("reaction.added", ALICE, ALICE)).toBe(true);
    expect(mineAfter("reaction.removed", ALICE, ALICE)).toBe(false);
    expect(mineAfter("reaction.added", BOB, ALICE)).toBeUndefined();
  });

  it("reach a timeline's message live", () => {
    const shown = { ...message(), reply_to_message_id: null, reactions: [], reply_count: 0, last_reply_at: null,
      participant_ids: [], shared_into_channel: false };
    let t = timeline.withLatestPage(timeline.emptyTimeline(CHANNEL), { items: [shown], next_cursor: null });
    t = timeline.withEvent(t, event("reaction.added", { message_id: shown.id, emoji: "👀", user_id: BOB, count: 1 }), ALICE);
    t = timeline.withEvent(t, event("reaction.added", { message_id: shown.id, emoji: "👀", user_id: ALICE, count: 2 }), ALICE);
    expect(t.entries[0]!.item.reactions).toEqual([{ emoji: "👀", count: 2, me: true }]);
    t = timeline.withEvent(t, event("reaction.removed", { message_id: id(), emoji: "👀", user_id: BOB, count: 0 }), ALICE);
    expect(t.entries[0]!.item.reactions).toHaveLength(1);
  });
});
