/**
 * Mojibake: Chinese text stored as GBK but decoded as Windows-1252/Latin-1
 * ("关于组织开展" shows as "¹ØÓÚ×éÖ¯¿ªÕ¹"). We detect it generically — runs
 * dense in Latin-1 supplement letters inside Chinese text — and repair a run by
 * re-encoding it as cp1252 bytes and decoding those bytes as GBK. A repair is
 * kept only when the result is clean Chinese; otherwise the run is dropped, so
 * garbage never reaches the index.
 */
import iconv from 'iconv-lite';

/**
 * Characters a cp1252 decoder produces for bytes 0x80–0xFF: the Latin-1
 * supplement plus the 0x80–0x9F specials (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ).
 */
const CP1252_HIGH = /[\u0080-\u00FF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018\u2019\u201A\u201C\u201D\u201E\u2020\u2021\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]/u;
/** Latin-1 letters and signs that start a run; `·` and `×` alone are legitimate in Chinese text. */
const LATIN1_SUPPLEMENT = /[\u00A1-\u00FF]/u;
const CJK = /[\u3400-\u9FFF\uF900-\uFAFF]/u;

/** Minimum number of Latin-1 supplement characters for a run to count as mojibake. */
export const MOJIBAKE_MIN_RUN = 4;
/** Minimum share of Latin-1 supplement characters among a run's non-ASCII characters. */
export const MOJIBAKE_MIN_DENSITY = 0.6;

export interface MojibakeRun {
  start: number;
  end: number;
  text: string;
}

/**
 * Find mojibake runs: maximal spans that start and end with a Latin-1
 * supplement character, contain no CJK, and hold at least MOJIBAKE_MIN_RUN
 * such characters at MOJIBAKE_MIN_DENSITY among the non-ASCII ones. ASCII
 * (digits, line breaks) inside a run belongs to it: GBK leaves ASCII as is.
 */
export function findMojibakeRuns(text: string): MojibakeRun[] {
  const runs: MojibakeRun[] = [];
  const chars = [...text];
  let offset = 0;
  let runStart = -1;
  let runEnd = -1;
  let latin = 0;
  let nonAscii = 0;
  const close = () => {
    if (runStart >= 0 && latin >= MOJIBAKE_MIN_RUN && latin / Math.max(1, nonAscii) >= MOJIBAKE_MIN_DENSITY) {
      runs.push({ start: runStart, end: runEnd, text: text.slice(runStart, runEnd) });
    }
    runStart = -1;
    latin = 0;
    nonAscii = 0;
  };
  for (const ch of chars) {
    const code = ch.codePointAt(0) ?? 0;
    if (LATIN1_SUPPLEMENT.test(ch)) {
      if (runStart < 0) runStart = offset;
      latin += 1;
      nonAscii += 1;
      runEnd = offset + ch.length;
    } else if (runStart >= 0 && (code < 0x80 || CP1252_HIGH.test(ch))) {
      if (code >= 0x80) {
        nonAscii += 1;
        runEnd = offset + ch.length;
      }
    } else if (runStart >= 0) {
      close();
    }
    offset += ch.length;
  }
  close();
  return runs;
}

/** True when the text holds at least one mojibake run. */
export function containsMojibake(text: string): boolean {
  return findMojibakeRuns(text).length > 0;
}

const gbk = new TextDecoder('gbk', { fatal: true });

/** Bytes a cp1252 (or Latin-1) decoder read to produce `text`; undefined when impossible. */
function toCp1252Bytes(text: string): Uint8Array | undefined {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code <= 0xff) {
      bytes.push(code);
      continue;
    }
    const encoded = iconv.encode(ch, 'cp1252');
    const byte = encoded[0];
    if (encoded.length !== 1 || byte === undefined || byte === 0x3f) return undefined;
    bytes.push(byte);
  }
  return Uint8Array.from(bytes);
}

/** True when text is clean Chinese: no replacement or Latin-1 characters, mostly CJK. */
export function isCleanChinese(text: string): boolean {
  if (/\uFFFD/u.test(text) || containsMojibake(text) || /[\u0080-\u00A0]/u.test(text)) return false;
  const significant = [...text.replace(/[\s\d\p{P}\p{S}A-Za-z]/gu, '')];
  // A line of punctuation only ("〕") is clean when it is CJK or ASCII punctuation.
  if (significant.length === 0) return /^[\s\x21-\x7E\u3000-\u303F\uFF00-\uFFEF]+$/u.test(text);
  const cjk = significant.filter((c) => CJK.test(c)).length;
  return cjk / significant.length >= 0.9;
}

export type RepairResult = { ok: true; value: string } | { ok: false; error: string };

/**
 * Repair one mojibake run line by line (a GBK character never spans a line
 * break). Lines that are blank or plain ASCII are kept; a line that does not
 * decode to clean Chinese makes the whole repair fail.
 */
export function repairMojibake(run: string): RepairResult {
  const out: string[] = [];
  for (const line of run.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || /^[\x20-\x7E]*$/u.test(trimmed)) {
      out.push(trimmed);
      continue;
    }
    const bytes = toCp1252Bytes(trimmed);
    if (!bytes) return { ok: false, error: `not cp1252-encodable: ${trimmed.slice(0, 20)}` };
    let decoded: string;
    try {
      decoded = gbk.decode(bytes);
    } catch {
      return { ok: false, error: `not valid GBK: ${trimmed.slice(0, 20)}` };
    }
    if (!isCleanChinese(decoded)) return { ok: false, error: `not clean Chinese: ${decoded.slice(0, 20)}` };
    out.push(decoded);
  }
  return { ok: true, value: out.join('\n') };
}

/** What happened to one run, for the ingestion report. */
export interface MojibakeAction {
  kind: 'mojibake-repaired' | 'mojibake-dropped';
  /** First characters of the garbled run. */
  garbled: string;
  /** First characters of the repair, or why it failed. */
  detail: string;
  length: number;
}

/**
 * Replace every mojibake run of `text` with its repair (white space inside the
 * repaired run removed: the garbled copy was broken into one word per line) or
 * with nothing when it cannot be repaired cleanly.
 */
export function repairMojibakeRuns(text: string): { text: string; actions: MojibakeAction[] } {
  const runs = findMojibakeRuns(text);
  if (runs.length === 0) return { text, actions: [] };
  const actions: MojibakeAction[] = [];
  let out = '';
  let last = 0;
  for (const run of runs) {
    out += text.slice(last, run.start);
    const repaired = repairMojibake(run.text);
    if (repaired.ok) {
      const flat = repaired.value.replace(/\s+/gu, '');
      out += `\n${flat}\n`;
      actions.push({ kind: 'mojibake-repaired', garbled: run.text.slice(0, 24), detail: flat.slice(0, 40), length: run.text.length });
    } else {
      out += '\n';
      actions.push({ kind: 'mojibake-dropped', garbled: run.text.slice(0, 24), detail: repaired.error, length: run.text.length });
    }
    last = run.end;
  }
  out += text.slice(last);
  return { text: out, actions };
}
