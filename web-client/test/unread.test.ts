import { describe, expect, it } from "vitest";
import { badge, changed, COUNTED, withNewMention, withNewMessage, withRead } from "../src/model/unread";

const OLDER = "01900000-0000-7000-8000-000000000001";
const NEWER = "01900000-0000-7000-8000-000000000002";

describe("unread counts", () => {
  it("show 99+ once the server stopped counting", () => {
    expect(badge(3)).toBe("3");
    expect(badge(COUNTED)).toBe("99+");
  });

  it("grow with live messages and mentions, no further than the server counts", () => {
    const entry = { id: "c", unread_count: COUNTED - 1, mention_count: 0, last_read_message_id: null };
    const once = withNewMention(withNewMessage(entry));
    expect(once).toMatchObject({ unread_count: COUNTED, mention_count: 1 });
    expect(withNewMessage(once).unread_count).toBe(COUNTED);
  });

  it("take a read position only forwards, whichever device's news arrives last", () => {
    const read = withRead({ id: "c", unread_count: 5, mention_count: 2, last_read_message_id: OLDER }, NEWER, 0, 0);
    expect(read).toMatchObject({ last_read_message_id: NEWER, unread_count: 0, mention_count: 0 });
    expect(withRead(read, OLDER, 4, 1)).toBe(read);
  });

  it("change only the entry named, and leave a list without it as it was", () => {
    const list: { id: string; unread_count?: number }[] = [{ id: "a", unread_count: 1 }, { id: "b", unread_count: 0 }];
    expect(changed(list, "b", withNewMessage)).toEqual([{ id: "a", unread_count: 1 }, { id: "b", unread_count: 1 }]);
    expect(changed(list, "z", withNewMessage)).toBe(list);
    expect(changed<{ id: string; unread_count?: number }>(null, "a", withNewMessage)).toBe(null);
  });
});
