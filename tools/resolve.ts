/**
 * Name resolution shared by the tools: what a resident (or the engine, or an
 * LLM) writes for a region, an occupation, a district or a level, mapped to
 * the canonical names the facts table uses. Every list comes from the facts
 * themselves (region aliases, occupation aliases, contact districts), so next
 * year's table brings its own names; nothing here is a list of places.
 */
import { LevelSchema, RegionSchema, type Fact, type Level, type Region } from '../knowledge/facts/schema.js';
import type { ToolError } from './define-tool.js';
import type { FactsTable } from './facts-table.js';

/** A resolution that may fail with a tool error (same shape as a failed ToolResult). */
export type Resolved<T> = { ok: true; value: T } | { ok: false; error: ToolError };

/** The level words residents write, mapped to the canonical level. */
const LEVEL_WORDS: Readonly<Record<string, Level>> = {
  初级: '初级',
  初: '初级',
  中级: '中级',
  中: '中级',
  高级: '高级',
  高: '高级',
};

/** Level words accepted in tool inputs (初级/中级/高级 and the short 初/中/高). */
export const LEVEL_INPUT_WORDS = Object.keys(LEVEL_WORDS) as [string, ...string[]];

/** 初/初级 -> 初级 and so on; undefined for anything else (never a guess). */
export function normalizeLevel(word: string): Level | undefined {
  return LEVEL_WORDS[word.trim()];
}

/** The regions a tool should look at, most specific first, plus the canonical region named. */
export interface RegionScope {
  region: Region;
  /** `region` followed by the regions it inherits (金华 -> [金华, 浙江]). */
  regions: Region[];
}

/**
 * Resolve a place name to a region covered by the notices: a canonical region
 * name first, then the longest alias contained in the text, the more specific region on a tie
 * (so "浙江金华" picks 金华, which inherits 浙江). A place the notices don't cover
 * (北京) is a `not-covered` error naming the covered regions.
 */
export function resolveRegionScope(facts: FactsTable, place: string): Resolved<RegionScope> {
  const text = place.trim();
  const region = findRegion(facts, text);
  if (!region) {
    return {
      ok: false,
      error: {
        kind: 'not-covered',
        field: 'region',
        message: `"${text}" is not covered by the notices; covered regions: ${coveredRegions(facts).join(', ')}`,
      },
    };
  }
  return { ok: true, value: { region, regions: facts.applicableRegions(region) } };
}

/**
 * Optional region input: undefined means "every region" (scope undefined);
 * a name that resolves nowhere is a `not-covered` error.
 */
export function resolveOptionalRegion(facts: FactsTable, place: string | undefined): Resolved<RegionScope | undefined> {
  if (place === undefined) return { ok: true, value: undefined };
  return resolveRegionScope(facts, place);
}

function findRegion(facts: FactsTable, text: string): Region | undefined {
  const exact = RegionSchema.safeParse(text);
  if (exact.success) return exact.data;
  // Longest name wins; on a tie the more specific region (one that inherits another) wins.
  let best: { region: Region; score: number } | undefined;
  for (const alias of facts.regions) {
    for (const name of alias.names) {
      const score = name.length * 2 + (alias.inherits?.length ? 1 : 0);
      if (name.length > 0 && text.includes(name) && (!best || score > best.score)) best = { region: alias.region, score };
    }
  }
  return best?.region ?? facts.resolveRegion(text);
}

/** Regions named in the facts file (aliases and facts), in schema order. */
export function coveredRegions(facts: FactsTable): Region[] {
  const seen = new Set<Region>([...facts.regions.map((r) => r.region), ...facts.all().map((f) => f.region)]);
  return RegionSchema.options.filter((r) => seen.has(r));
}

/** True when a fact belongs to the scope (every fact when the scope is undefined). */
export function inScope(fact: Pick<Fact, 'region'>, scope: RegionScope | undefined): boolean {
  return !scope || scope.regions.includes(fact.region);
}

/** Sort key: facts of the most specific region first (金华 before 浙江). */
export function byScope<F extends Pick<Fact, 'region'>>(scope: RegionScope | undefined): (a: F, b: F) => number {
  if (!scope) return () => 0;
  return (a, b) => scope.regions.indexOf(a.region) - scope.regions.indexOf(b.region);
}

/** Every occupation name the facts know, with the aliases their occupation facts list. */
export interface OccupationName {
  name: string;
  aliases: string[];
}

/**
 * Canonical occupation names with their aliases: occupation facts first,
 * then any other name a fee/subsidy/hours/eligibility fact uses.
 */
export function occupationNames(facts: FactsTable): OccupationName[] {
  let names = occupationNamesOf.get(facts);
  if (!names) occupationNamesOf.set(facts, (names = collectOccupationNames(facts)));
  // Copies: the table's names are kept, what callers get is theirs.
  return names.map((o) => ({ name: o.name, aliases: [...o.aliases] }));
}

/** occupationNames per facts table (a table never changes; the tools resolve occupations many times a turn). */
const occupationNamesOf = new WeakMap<FactsTable, OccupationName[]>();

function collectOccupationNames(facts: FactsTable): OccupationName[] {
  const byName = new Map<string, Set<string>>();
  for (const f of facts.ofKind('occupation')) {
    const set = byName.get(f.name) ?? new Set<string>();
    for (const a of f.aliases) set.add(a);
    byName.set(f.name, set);
  }
  for (const f of facts.all()) {
    if ('occupation' in f && typeof f.occupation === 'string' && !byName.has(f.occupation)) byName.set(f.occupation, new Set());
  }
  return [...byName].map(([name, aliases]) => ({ name, aliases: [...aliases] }));
}

/**
 * Resolve what someone wrote ("大数据", "数字化管理", "AI", "区块链工程技术人员")
 * to a canonical occupation name, or undefined. Exact name or alias wins;
 * then the longest name or alias contained in the text; then a name that
 * contains the text (at least two characters). Latin letters compare
 * case-insensitively.
 */
export function resolveOccupation(facts: FactsTable, written: string): string | undefined {
  const text = written.trim().toLowerCase();
  if (text.length === 0) return undefined;
  const names = occupationNames(facts);
  for (const o of names) {
    if (o.name.toLowerCase() === text || o.aliases.some((a) => a.toLowerCase() === text)) return o.name;
  }
  let best: { name: string; length: number } | undefined;
  for (const o of names) {
    for (const term of [o.name, ...o.aliases]) {
      const t = term.toLowerCase();
      if (t.length > 0 && text.includes(t) && (!best || t.length > best.length)) best = { name: o.name, length: t.length };
    }
  }
  if (best) return best.name;
  if ([...text].length >= 2) {
    const containing = names.filter((o) => o.name.toLowerCase().includes(text));
    if (containing.length === 1) return containing[0]!.name;
  }
  return undefined;
}

/**
 * Optional occupation input: undefined means "every occupation"; a name that
 * resolves to nothing is a `not-found` error listing the known occupations.
 */
export function resolveOptionalOccupation(facts: FactsTable, written: string | undefined): Resolved<string | undefined> {
  if (written === undefined) return { ok: true, value: undefined };
  const name = resolveOccupation(facts, written);
  if (name) return { ok: true, value: name };
  return {
    ok: false,
    error: {
      kind: 'not-found',
      field: 'occupation',
      message: `no occupation "${written.trim()}" in the notices; known: ${occupationNames(facts)
        .map((o) => o.name)
        .join(', ')}`,
    },
  };
}

/** Words for the city-level office (市直) that no district name contains. */
const CITY_LEVEL_WORDS = ['市直', '市里', '市级', '市本级', '市属'];
const CITY_LEVEL = '市直';

/** Districts named by contact facts, in table order. */
export function knownDistricts(facts: FactsTable): string[] {
  const out: string[] = [];
  for (const c of facts.ofKind('contact')) if (c.district && !out.includes(c.district)) out.push(c.district);
  return out;
}

/** "滕州市" -> "滕州", "台儿庄区" -> "台儿庄": the part residents write. */
function districtStem(district: string): string {
  return district.length > 2 ? district.replace(/[市区县]$/u, '') : district;
}

/**
 * Resolve a district as written (滕州, 台儿庄, 高新, 市里, 薛城区人社局) to a
 * district name of the contact facts, or undefined. "市直" and its everyday
 * words (市里, 市级) select the city office when the table has one.
 */
export function resolveDistrict(facts: FactsTable, written: string): string | undefined {
  const text = written.trim();
  if (text.length === 0) return undefined;
  const districts = knownDistricts(facts);
  const exact = districts.find((d) => d === text);
  if (exact) return exact;
  let best: { district: string; length: number } | undefined;
  for (const d of districts) {
    const stem = districtStem(d);
    const hit = [...stem].length >= 2 && (text.includes(stem) || (d.startsWith(text) && [...text].length >= 2));
    if (hit && (!best || stem.length > best.length)) best = { district: d, length: stem.length };
  }
  if (best) return best.district;
  if (districts.includes(CITY_LEVEL) && CITY_LEVEL_WORDS.some((w) => text.includes(w))) return CITY_LEVEL;
  return undefined;
}

/** Parse a level that already passed the input schema (the schema only admits known words). */
export function levelOf(word: string): Level {
  return normalizeLevel(word) ?? LevelSchema.parse(word);
}

/** Fact kinds that carry an occupation and a level (fees, hours). */
type CourseFactKind = 'fee' | 'hours';

/**
 * The facts of a course kind matching an optional region (with the regions
 * it inherits), occupation and level, most specific region first — or a
 * tool error: a place or occupation that doesn't resolve, or `not-found`
 * naming what the notices do state (`what` says what was looked for).
 */
export function findCourseFacts<K extends CourseFactKind>(
  facts: FactsTable,
  kind: K,
  input: { region?: string; occupation?: string; level?: Level },
  what: string,
): Resolved<Array<Extract<Fact, { kind: K }>>> {
  const scope = resolveOptionalRegion(facts, input.region);
  if (!scope.ok) return scope;
  const occupation = resolveOptionalOccupation(facts, input.occupation);
  if (!occupation.ok) return occupation;
  // Both kinds carry region, occupation and level; TypeScript can't see that through the generic.
  const all = facts.ofKind(kind) as Array<Extract<Fact, { kind: CourseFactKind }>>;
  const found = all
    .filter((f) => inScope(f, scope.value) && (!occupation.value || f.occupation === occupation.value) && (!input.level || f.level === input.level))
    .sort(byScope(scope.value));
  if (found.length === 0) {
    const where = [...new Set(all.map((f) => `${f.region} ${f.occupation} ${f.level}`))];
    return { ok: false, error: { kind: 'not-found', message: `the notices state no ${what} for this request; ${what} exist for: ${where.join(', ') || 'none'}` } };
  }
  return { ok: true, value: found as Array<Extract<Fact, { kind: K }>> };
}
