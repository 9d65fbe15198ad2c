/**
 * Text normalisation for the notices. The output keeps what a resident should
 * see (full-width Chinese punctuation, line breaks) and folds what is only an
 * artefact of the conversion from Word/PDF/Markdown: a BOM, zero-width
 * characters, odd spaces, `[bookmark: _GoBack]` anchors, markdown `#` and `**`
 * markers and horizontal rules.
 */

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/gu;
/** Every space that is not a plain space, tab or line break (NBSP, en/em spaces, ideographic space…). */
const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/gu;
const BOOKMARK = /\[bookmark:[^\]]*\]/gu;
const HORIZONTAL_RULE = /^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/u;
const MARKDOWN_HEADING = /^\s*#{1,6}\s+/u;
const MARKDOWN_BULLET = /^\s*[-*+]\s+/u;

/** One normalised line; `markdownHeading` remembers a `#` marker that was folded away. */
export interface NormalisedLine {
  text: string;
  markdownHeading: boolean;
}

/**
 * Normalise a whole notice (NFC, artefacts folded) and split it into lines.
 * Tabs are kept: they separate table cells. Leading/trailing spaces of a line
 * are trimmed, runs of spaces inside a line collapse to one.
 */
export function normaliseLines(raw: string): NormalisedLine[] {
  const text = raw.replace(/^\uFEFF/u, '').normalize('NFC').replace(/\r\n?/gu, '\n');
  return text.split('\n').map((line) => {
    let l = line.replace(ZERO_WIDTH, '').replace(ODD_SPACES, ' ').replace(BOOKMARK, '');
    if (HORIZONTAL_RULE.test(l)) return { text: '', markdownHeading: false };
    const markdownHeading = MARKDOWN_HEADING.test(l);
    if (markdownHeading) l = l.replace(MARKDOWN_HEADING, '');
    l = l.replace(/\*\*/gu, '').replace(MARKDOWN_BULLET, '');
    // Spaces around tabs are layout, not content; keep the tabs themselves.
    l = l.replace(/ *\t */gu, '\t').replace(/ {2,}/gu, ' ');
    // A line that is only tabs and spaces is blank unless it is an empty table cell.
    const trimmed = /\t/u.test(l) ? l.replace(/^ +| +$/gu, '') : l.trim();
    return { text: trimmed, markdownHeading };
  });
}

/** Normalise a short piece of text (a query, a cell) to one line with single spaces. */
export function normaliseInline(text: string): string {
  return text
    .normalize('NFC')
    .replace(ZERO_WIDTH, '')
    .replace(ODD_SPACES, ' ')
    .replace(BOOKMARK, '')
    .replace(/\s+/gu, ' ')
    .trim();
}
