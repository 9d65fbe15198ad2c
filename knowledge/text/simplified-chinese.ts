/**
 * Traditional → simplified conversion with opencc-js, skipped for text it
 * cannot change. Residents mostly type simplified Chinese, and a converter
 * call walks its tries character by character (a few microseconds a
 * message, several times per answer); a text none of whose characters the
 * dictionaries rewrite comes back unchanged from every converter, so it is
 * returned as it is.
 *
 * Why that is exact: a dictionary entry K → V changes text only where a
 * character of K differs from V's character at the same place (or anywhere
 * in K when the lengths differ). Those characters of every dictionary the
 * converters load (normalisation, segmentation and conversion chains) are
 * collected once; an entry whose characters are all outside that set maps
 * to itself, so with none of them in the text every match the converter
 * makes is the identity, and so is the chain. Surrogate pairs and anything
 * else unusual take the converter.
 */
import * as OpenCC from 'opencc-js';

/** The locales converted from: Hong Kong and Taiwan variants. */
export type TraditionalLocale = 'hk' | 'tw';

type Dict = string | ReadonlyArray<readonly [string, string]>;

/** Every dictionary of a nested dictionary group (strings or [source, replacement] lists). */
function* dictsOf(group: unknown): Generator<Dict> {
  if (typeof group === 'string') yield group;
  else if (Array.isArray(group)) {
    // A pair is two strings without spaces; a dictionary string always holds "K V" entries.
    const isPair = (e: unknown) => Array.isArray(e) && e.length === 2 && e.every((x) => typeof x === 'string' && !x.includes(' '));
    if (group.length > 0 && group.every(isPair)) {
      yield group as ReadonlyArray<readonly [string, string]>;
    } else for (const g of group) yield* dictsOf(g);
  }
}

/**
 * Mark in `mask` the code units of `from` that an entry from → to may change:
 * those differing from `to` at the same place, or all of them when the
 * lengths differ.
 */
function markEntry(mask: Uint8Array, dict: string, from: number, fromEnd: number, to: number, toEnd: number): void {
  if (fromEnd - from !== toEnd - to) {
    for (let i = from; i < fromEnd; i++) mask[dict.charCodeAt(i)] = 1;
    return;
  }
  for (let i = 0; i < fromEnd - from; i++) {
    const c = dict.charCodeAt(from + i);
    if (c !== dict.charCodeAt(to + i)) mask[c] = 1;
  }
}

/** Mark a dictionary's entries, read as the converter reads them: "K V|K V" (first replacement only), or pairs. */
function markDict(mask: Uint8Array, dict: Dict): void {
  if (typeof dict !== 'string') {
    for (const [from, to] of dict) {
      const joined = `${from} ${to}`;
      markEntry(mask, joined, 0, from.length, from.length + 1, joined.length);
    }
    return;
  }
  let at = 0;
  while (at <= dict.length) {
    let end = dict.indexOf('|', at);
    if (end < 0) end = dict.length;
    const space = dict.indexOf(' ', at);
    if (space < 0 || space >= end) markEntry(mask, dict, at, end, end, end);
    else {
      let toEnd = dict.indexOf(' ', space + 1);
      if (toEnd < 0 || toEnd > end) toEnd = end;
      markEntry(mask, dict, at, space, space + 1, toEnd);
    }
    at = end + 1;
  }
}

/**
 * BMP code units a dictionary of `locales` may rewrite (1 = may change).
 * Built from every dictionary the converter for the locale can load: the
 * locale's config (hk2s, tw2s) and, should the config be absent, the plain
 * from/to locale dictionaries.
 */
function rewritable(locales: readonly TraditionalLocale[]): Uint8Array {
  const mask = new Uint8Array(0x10000);
  const locale = OpenCC.Locale as unknown as { configs?: Record<string, unknown>; from: Record<string, unknown>; to: Record<string, unknown> };
  const groups: unknown[] = [locale.to.cn];
  for (const l of locales) groups.push(locale.configs?.[`${l}2s`], locale.from[l]);
  for (const group of groups) {
    if (group === undefined) continue;
    const parts = typeof group === 'object' && group !== null && !Array.isArray(group) ? Object.values(group) : [group];
    for (const part of parts) {
      for (const dict of dictsOf(part)) markDict(mask, dict);
    }
  }
  return mask;
}

/** True when some code unit of `text` may be rewritten (surrogates always may). */
function mayChange(text: string, mask: Uint8Array): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (mask[c] === 1 || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}

/**
 * A converter from the given traditional locales to simplified Chinese,
 * applied in order (["hk", "tw"]: Hong Kong's, then Taiwan's), giving
 * exactly what opencc-js's converters give. The converters and the mask
 * are built on first use.
 */
export function simplifiedConverter(locales: readonly TraditionalLocale[]): (text: string) => string {
  let mask: Uint8Array | undefined;
  let convert: ((text: string) => string) | undefined;
  return (text) => {
    mask ??= rewritable(locales);
    if (!mayChange(text, mask)) return text;
    if (!convert) {
      const chain = locales.map((from) => OpenCC.Converter({ from, to: 'cn' }));
      convert = (t) => chain.reduce((s, c) => c(s), t);
    }
    return convert(text);
  };
}
