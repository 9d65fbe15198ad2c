/**
 * Reads normalised lines into blocks along the notices' own structure:
 * attachments (附件N), part titles (markdown `#` lines without a number),
 * numbered headings (一、 / （一） / 1. / （1）), paragraphs (hard-wrapped lines
 * joined back) and tables (tab-separated cells).
 */
import { CHUNKING } from './chunking-params.js';
import type { NormalisedLine } from './normalise-text.js';

/** Heading levels, outermost first. An attachment resets the whole path. */
export const LEVEL = { attachment: 0, part: 1, chapter: 2, section: 3, item: 4, subitem: 5 } as const;

export type Block =
  | { kind: 'attachment'; number: string; titleLines: string[]; line: number }
  | { kind: 'heading'; level: number; title: string; line: number }
  /** The document's own title printed in the text: the root of the section path. */
  | { kind: 'title'; title: string; line: number }
  /** `marker` is the level of a numbered paragraph ("（一）……。……"), undefined for plain text. */
  | { kind: 'paragraph'; text: string; marker?: number; line: number }
  | { kind: 'table'; rows: string[][]; multiLineCells: boolean; line: number };

const MARKERS: { level: number; re: RegExp }[] = [
  { level: LEVEL.chapter, re: /^[一二三四五六七八九十]+、/u },
  { level: LEVEL.section, re: /^[（(][一二三四五六七八九十]+[）)]/u },
  { level: LEVEL.subitem, re: /^[（(]\d{1,2}[）)]/u },
  { level: LEVEL.item, re: /^\d{1,2}\s?[.．、](?!\d)/u },
];
const ATTACHMENT = /^附件\s*(\d*)$/u;
const ATTACHMENT_LIST = /^[-\s]*附件[：:]/u;
const TERMINAL = /[。；;！？!?：:]$/u;
/** "联系电话：…", "邮寄地址：…": a labelled line stands alone. */
const LABELLED = /^[^，,。：:]{1,10}[：:]/u;
/** Longest heading title (after its number). */
const HEADING_MAX = 24;

/** The heading level a line's number marks, if any. */
export function markerLevel(text: string): number | undefined {
  for (const m of MARKERS) if (m.re.test(text)) return m.level;
  return undefined;
}

function isTableLine(text: string): boolean {
  return text.includes('\t');
}

/** A numbered line that is only a title: short, no sentence punctuation. */
function isHeadingLine(text: string): boolean {
  const level = markerLevel(text);
  return level !== undefined && text.length <= HEADING_MAX + 4 && !/[。；;，,：:]/u.test(text);
}

/**
 * A numbered paragraph opening with a short sentence ("（三）享受职称评定政策。取得…")
 * carries its own title: that sentence.
 */
function inlineTitle(text: string): string | undefined {
  const level = markerLevel(text);
  if (level === undefined || level > LEVEL.section) return undefined;
  const end = text.indexOf('。');
  if (end < 0 || end > HEADING_MAX + 4 || end === text.length - 1) return undefined;
  const title = text.slice(0, end);
  return /[，,；;：:]/u.test(title) ? undefined : title;
}

function titleKey(text: string): string {
  return text.normalize('NFKC').replace(/[\s《》〈〉<>“”"]/gu, '');
}

/**
 * Parse one document's lines into blocks. A line that is the document's title
 * (or a part of it, at least 8 characters) is a part heading, never joined
 * with the line after it.
 */
export function parseBlocks(lines: readonly NormalisedLine[], documentTitle = ''): Block[] {
  const title = titleKey(documentTitle);
  const isTitleLine = (text: string) => {
    const key = titleKey(text);
    return title !== '' && key.length >= 8 && title.includes(key);
  };
  const blocks: Block[] = [];
  let para: { lines: string[]; line: number } | undefined;

  const flushPara = () => {
    if (!para) return;
    const text = para.lines.join('');
    const line = para.line;
    para = undefined;
    const level = markerLevel(text);
    const title = inlineTitle(text);
    if (title !== undefined && level !== undefined) blocks.push({ kind: 'heading', level, title, line });
    blocks.push({ kind: 'paragraph', text, marker: level, line });
  };

  const canContinue = (next: string): boolean => {
    if (!para) return false;
    const last = para.lines[para.lines.length - 1] ?? '';
    if (last.length < CHUNKING.wrapMinLineChars || TERMINAL.test(last) || LABELLED.test(last) || LABELLED.test(next)) return false;
    return markerLevel(next) === undefined && !ATTACHMENT.test(next) && !isTableLine(next) && !ATTACHMENT_LIST.test(next) && !isTitleLine(next);
  };

  let i = 0;
  while (i < lines.length) {
    const { text, markdownHeading } = lines[i]!;
    if (text === '') {
      i += 1;
      continue;
    }
    if (isTableLine(text)) {
      flushPara();
      const start = i;
      const tableLines: string[] = [];
      // A table runs over blank lines as long as the next non-blank line is a table line too.
      while (i < lines.length) {
        const t = lines[i]!.text;
        if (t === '') {
          let j = i;
          while (j < lines.length && lines[j]!.text === '') j += 1;
          if (j < lines.length && isTableLine(lines[j]!.text)) {
            tableLines.push('');
            i = j;
            continue;
          }
          break;
        }
        if (!isTableLine(t)) break;
        tableLines.push(t);
        i += 1;
      }
      blocks.push(toTable(tableLines, start + 1));
      continue;
    }
    const attachment = ATTACHMENT.exec(text);
    if (attachment) {
      flushPara();
      const titleLines: string[] = [];
      let j = i + 1;
      while (j < lines.length && lines[j]!.text === '') j += 1;
      while (
        j < lines.length &&
        titleLines.length < 3 &&
        lines[j]!.text !== '' &&
        !isTableLine(lines[j]!.text) &&
        markerLevel(lines[j]!.text) === undefined &&
        lines[j]!.text.length <= 40
      ) {
        titleLines.push(lines[j]!.text);
        j += 1;
      }
      blocks.push({ kind: 'attachment', number: attachment[1] ?? '', titleLines, line: i + 1 });
      i = j;
      continue;
    }
    if (ATTACHMENT_LIST.test(text)) {
      // "附件：1.… 2.…" lists the attachments; the numbered lines after it are not headings.
      flushPara();
      const items = [text];
      let j = i + 1;
      while (j < lines.length) {
        const t = lines[j]!.text;
        if (t === '') {
          j += 1;
          continue;
        }
        if (markerLevel(t) !== LEVEL.item || t.length > 40) break;
        items.push(t);
        j += 1;
      }
      blocks.push({ kind: 'paragraph', text: items.join('\n'), line: i + 1 });
      i = j;
      continue;
    }
    if (isTitleLine(text) && markerLevel(text) === undefined) {
      // The title may be printed over several lines.
      let heading = text;
      let j = i + 1;
      for (;;) {
        let k = j;
        while (k < lines.length && lines[k]!.text === '') k += 1;
        const next = lines[k]?.text;
        if (next === undefined || isTableLine(next) || !title.includes(titleKey(heading + next))) break;
        heading += next;
        j = k + 1;
      }
      // A signature line ("金华市财政局") is part of the title too; a title line covers most of it.
      if (titleKey(heading).length >= title.length * 0.6) {
        flushPara();
        blocks.push({ kind: 'title', title: heading, line: i + 1 });
        i = j;
        continue;
      }
    }
    if (markdownHeading && markerLevel(text) === undefined) {
      flushPara();
      blocks.push({ kind: 'heading', level: LEVEL.part, title: text, line: i + 1 });
      i += 1;
      continue;
    }
    if (isHeadingLine(text)) {
      flushPara();
      blocks.push({ kind: 'heading', level: markerLevel(text)!, title: text, line: i + 1 });
      i += 1;
      continue;
    }
    if (para && canContinue(text)) {
      para.lines.push(text);
    } else {
      flushPara();
      para = { lines: [text], line: i + 1 };
    }
    i += 1;
  }
  flushPara();
  return blocks;
}

/**
 * Two table layouts occur: one line per row with tab-separated cells, and one
 * tab-indented line per cell with rows separated by blank lines (tables pasted
 * from Word). Empty strings in `lines` are those blank separators.
 */
function toTable(lines: string[], line: number): Block {
  const nonBlank = lines.filter((l) => l !== '');
  const multiLineCells = nonBlank.every((l) => l.startsWith('\t') && l.indexOf('\t', 1) < 0);
  const rows: string[][] = [];
  if (multiLineCells) {
    let row: string[] = [];
    for (const l of lines) {
      if (l === '') {
        if (row.length) rows.push(row);
        row = [];
      } else {
        row.push(l.slice(1).trim());
      }
    }
    if (row.length) rows.push(row);
  } else {
    for (const l of nonBlank) rows.push(l.split('\t').map((c) => c.trim()));
  }
  return { kind: 'table', rows, multiLineCells, line };
}
