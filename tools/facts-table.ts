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

  constructor(file: FactsFile) {
    this.version = file.version;
    this.defaultRegion = file.defaultRegion;
    this.regions = file.regions;
    this.#all = file.facts;
    this.#byId = new Map(file.facts.map((f) => [f.id, f]));
  }

  all(): readonly Fact[] {
    return this.#all;
  }

  byId(id: string): Fact | undefined {
    return this.#byId.get(id);
  }

  /** Facts of one kind, optionally narrowed by a predicate. */
  ofKind<K extends FactKind>(kind: K, where?: (f: FactOf<K>) => boolean): FactOf<K>[] {
    const out: FactOf<K>[] = [];
    for (const f of this.#all) {
      if (f.kind === kind && (!where || where(f as FactOf<K>))) out.push(f as FactOf<K>);
    }
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

  /** Resolve a place name a resident wrote (滕州, 杭州, 沈阳) to a region. */
  resolveRegion(place: string): Region | undefined {
    for (const r of this.regions) if (r.names.some((n) => place.includes(n))) return r.region;
    return undefined;
  }
}
