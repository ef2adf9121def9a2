/**
 * How long to wait before reconnect attempt {@code attempt} (from 0): exponential backoff with full jitter, a random
 * time between 0 and min(30 s, 0.5 s × 2^attempt), so that a gateway restart does not bring every client back in the
 * same second (docs/protocol.md, "Resuming").
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000, 500 * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** A connection that lasted this long was healthy: the next failure starts the backoff again. */
export const HEALTHY_CONNECTION_MS = 60_000;
