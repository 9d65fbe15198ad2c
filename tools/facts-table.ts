/**
 * In-memory, validated facts with typed look-ups. Pure: it never reads files
 * (knowledge/facts/load-facts.ts does) and never reads the clock.
 */
import type { Fact, FactKind, FactOf, FactsFile, Region } from '../knowledge/facts/schema.js';

export class FactsTable {
  readonly version: string;
  readonly defaultRegion: Region;
  readonly regions: FactsFile['regions'];
  readonly #all: readonly Fact[];
  readonly #byId: ReadonlyMap<string, Fact>;
  /** Facts per kind, in table order (the table never changes; tools ask for a kind many times a turn). */
  readonly #byKind = new Map<FactKind, Fact[]>();

  constructor(file: FactsFile) {
    this.version = file.version;
    this.defaultRegion = file.defaultRegion;
    this.regions = file.regions;
    this.#all = file.facts;
    this.#byId = new Map(file.facts.map((f) => [f.id, f]));
    for (const f of file.facts) {
      const list = this.#byKind.get(f.kind);
      if (list) list.push(f);
      else this.#byKind.set(f.kind, [f]);
    }
  }

  all(): readonly Fact[] {
    return this.#all;
  }

  byId(id: string): Fact | undefined {
    return this.#byId.get(id);
  }

  /** Facts of one kind, optionally narrowed by a predicate. */
  ofKind<K extends FactKind>(kind: K, where?: (f: FactOf<K>) => boolean): FactOf<K>[] {
    const ofKind = (this.#byKind.get(kind) ?? []) as FactOf<K>[];
    // A new array every call: callers may sort or extend what they get.
    if (!where) return ofKind.slice();
    const out: FactOf<K>[] = [];
    for (const f of ofKind) if (where(f)) out.push(f);
    return out;
  }

  /**
   * The regions whose facts apply to `region`, most specific first
   * (金华 -> [金华, 浙江]).
   */
  applicableRegions(region: Region): Region[] {
    const alias = this.regions.find((r) => r.region === region);
    return [region, ...(alias?.inherits ?? [])];
  }

  /** True when some fact of `region` (or a region it inherits from) is about `occupation`: the region offers it. */
  offersOccupation(region: Region, occupation: string): boolean {
    const scope = this.applicableRegions(region);
    return this.#all.some((f) => scope.includes(f.region) && 'occupation' in f && f.occupation === occupation);
  }

  /** Resolve a place name a resident wrote (滕州, 杭州, 沈阳) to a region. */
  resolveRegion(place: string): Region | undefined {
    for (const r of this.regions) if (r.names.some((n) => place.includes(n))) return r.region;
    return undefined;
  }
}
