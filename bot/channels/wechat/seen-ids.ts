/**
 * A bounded set of recently seen ids (least recently added are forgotten
 * first), so a message delivered twice is handled once without the set
 * growing for ever.
 */
export interface SeenIds {
  /** True when `id` was already remembered; otherwise remembers it and returns false. */
  checkAndAdd(id: string): boolean;
  readonly size: number;
}

/** A SeenIds holding at most `capacity` ids (at least 1). */
export function createSeenIds(capacity: number): SeenIds {
  const cap = Math.max(1, Math.floor(capacity));
  const ids = new Set<string>();
  return {
    checkAndAdd(id) {
      if (ids.has(id)) return true;
      ids.add(id);
      if (ids.size > cap) {
        const oldest = ids.values().next().value;
        if (oldest !== undefined) ids.delete(oldest);
      }
      return false;
    },
    get size() {
      return ids.size;
    },
  };
}
