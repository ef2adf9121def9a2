/**
 * Mentions as the server reads them (decision 0017): `<@USER_ID>` for one member, `<!channel>` for everyone in the
 * channel. Display and highlighting only; who is notified is the server's rule.
 */
const MENTION = /(<@[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}>|<!channel>)/;

export type Part = { text: string } | { userId: string } | { channel: true };

/** The content split into plain text and mentions, in order. */
export function parts(content: string): Part[] {
  return content
    .split(MENTION)
    .filter((piece) => piece !== "")
    .map((piece) =>
      piece === "<!channel>" ? { channel: true as const } : MENTION.test(piece) ? { userId: piece.slice(2, -1) } : { text: piece },
    );
}

/** Whether a message mentions the reader, by name or with the whole channel; never their own. */
export function mentions(message: { content: string; author_id: string }, readerId: string): boolean {
  if (message.author_id === readerId) return false;
  return message.content.includes(`<@${readerId}>`) || message.content.includes("<!channel>");
}

/** What the composer writes when a person (or, with null, the whole channel) is chosen. */
export function mentionOf(userId: string | null): string {
  return userId === null ? "<!channel>" : `<@${userId}>`;
}
