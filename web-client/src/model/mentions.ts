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

/** Whether the content mentions the reader, by name or with the whole channel. */
export function mentions(content: string, readerId: string): boolean {
  return content.includes(`<@${readerId}>`) || content.includes("<!channel>");
}

/** What the composer writes when a person (or, with null, the whole channel) is chosen. */
export function mentionOf(userId: string | null): string {
  return userId === null ? "<!channel>" : `<@${userId}>`;
}
