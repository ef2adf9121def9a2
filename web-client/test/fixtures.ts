import type { Event, Message } from "../src/generated/schemas";

let sequence = 0;
/** A time-ordered UUID-shaped id (version 7 layout), unique per call. */
export function id(): string {
  sequence += 1;
  const hex = sequence.toString(16).padStart(12, "0");
  return `0192f000-0000-7000-8000-${hex}`;
}

export const CHANNEL = "0192f000-0000-7000-8000-0000000000c1";
export const OTHER_CHANNEL = "0192f000-0000-7000-8000-0000000000c2";
export const WORKSPACE = "0192f000-0000-7000-8000-0000000000a1";
export const ALICE = "0192f000-0000-7000-8000-0000000000b1";

export function message(overrides: Partial<Message> = {}): Message {
  return {
    id: id(),
    channel_id: CHANNEL,
    conversation_id: null,
    reply_to_message_id: null,
    content: "hello",
    author_id: ALICE,
    created_at: new Date(Date.UTC(2026, 11, 6, 10, 0, sequence)).toISOString(),
    edited_at: null,
    deleted: false,
    ...overrides,
  };
}

export function event<T extends Event["type"]>(type: T, payload: Extract<Event, { type: T }>["payload"]): Event {
  return { id: id(), type, workspace_id: WORKSPACE, occurred_at: new Date().toISOString(), payload } as Event;
}
