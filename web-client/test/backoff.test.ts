import { describe, expect, it } from "vitest";
import { reconnectDelay } from "../src/live/backoff";

describe("reconnectDelay", () => {
  it("is a random time up to 0.5 s × 2^attempt", () => {
    expect(reconnectDelay(0, () => 0)).toBe(0);
    expect(reconnectDelay(0, () => 0.999)).toBe(499);
    expect(reconnectDelay(3, () => 0.5)).toBe(2000);
  });

  it("never waits more than 30 s", () => {
    expect(reconnectDelay(20, () => 0.999)).toBe(29_970);
  });
});
