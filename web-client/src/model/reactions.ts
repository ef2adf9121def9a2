import type { Reaction } from "../generated/schemas";

/**
 * A message's reactions after one emoji's count changed: from an event (whose `user_id` says whether the reader's
 * own reaction changed) or from the answer to the reader's own call. An emoji whose count reaches 0 goes; a new one
 * goes last, as the server orders them (by first use).
 */
export function withCount(
  reactions: readonly Reaction[] | undefined,
  emoji: string,
  count: number,
  me: boolean | undefined,
): Reaction[] {
  const list = reactions ?? [];
  const existing = list.find((reaction) => reaction.emoji === emoji);
  if (count === 0) return list.filter((reaction) => reaction.emoji !== emoji);
  if (!existing) return [...list, { emoji, count, me: me ?? false }];
  return list.map((reaction) => (reaction.emoji === emoji ? { emoji, count, me: me ?? reaction.me } : reaction));
}

/** What a reaction event means for this reader's `me`: known when it was their own, unchanged otherwise. */
export function mineAfter(type: "reaction.added" | "reaction.removed", userId: string, readerId: string): boolean | undefined {
  return userId === readerId ? type === "reaction.added" : undefined;
}
