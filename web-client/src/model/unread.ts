/**
 * What the reader has not read of a channel or a DM, as the lists carry it (docs/decisions/0018-unread-counts.md), and
 * how live events change it. Counts stop at COUNTED, shown as "99+".
 */
export type Unread = { unread_count?: number; mention_count?: number; last_read_message_id?: string | null };

export const COUNTED = 100;

/** "3", or "99+" once the server stopped counting. */
export function badge(count: number): string {
  return count >= COUNTED ? "99+" : String(count);
}

/** A new message of the conversation, not the reader's, arrived while it was not on screen. */
export function withNewMessage<T extends Unread>(entry: T): T {
  return { ...entry, unread_count: Math.min(COUNTED, (entry.unread_count ?? 0) + 1) };
}

/** A message mentioning the reader arrived while the conversation was not on screen. */
export function withNewMention<T extends Unread>(entry: T): T {
  return { ...entry, mention_count: Math.min(COUNTED, (entry.mention_count ?? 0) + 1) };
}

/** The reader read it up to a message (here or on another device); the counts are what is left. */
export function withRead<T extends Unread>(entry: T, lastRead: string, unread: number, mentions: number): T {
  if (isBefore(lastRead, entry.last_read_message_id)) return entry;
  return { ...entry, last_read_message_id: lastRead, unread_count: unread, mention_count: mentions };
}

/** Whether message {@code id} is older than {@code than}: ids are time-ordered (UUID version 7). */
export function isBefore(id: string, than: string | null | undefined): boolean {
  return than != null && id < than;
}

/** The entry with this id changed by {@code change}; the list as it was when none has it. */
export function changed<T extends { id: string }>(list: T[] | null, id: string, change: (entry: T) => T): T[] | null {
  if (list === null || !list.some((entry) => entry.id === id)) return list;
  return list.map((entry) => (entry.id === id ? change(entry) : entry));
}
