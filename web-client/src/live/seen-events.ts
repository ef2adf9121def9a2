/**
 * The ids of the latest events applied, to apply each once: delivery is at-least-once across reconnects and refetches.
 * Bounded: the oldest ids are forgotten first (a resume replays at most a few hundred events per room).
 */
export class SeenEvents {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity: number) {}

  /** Records {@code id}; false when it was seen already. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }
}
