import { describe, expect, it } from "vitest";
import { mentionOf, mentions, parts } from "../src/model/mentions";
import { ALICE, id } from "./fixtures";

const OTHER = id();

describe("mentions", () => {
  it("split content into text, people and the whole channel", () => {
    expect(parts(`hi <@${ALICE}>, and <!channel>: <@not-an-id>`)).toEqual([
      { text: "hi " }, { userId: ALICE }, { text: ", and " }, { channel: true }, { text: ": <@not-an-id>" },
    ]);
  });

  it("tell whether the reader is mentioned", () => {
    const from = (content: string, author_id = "someone-else") => ({ content, author_id });
    expect(mentions(from(`${mentionOf(ALICE)} look`), ALICE)).toBe(true);
    expect(mentions(from(`${mentionOf(null)} look`), ALICE)).toBe(true);
    expect(mentions(from(`${mentionOf(OTHER)} look`), ALICE)).toBe(false);
    expect(mentions(from(`${mentionOf(null)} look`, ALICE), ALICE)).toBe(false);
  });
});
