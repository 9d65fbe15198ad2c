/**
 * One notice to chunks: normalise, repair or drop mojibake, parse the
 * structure, drop near-duplicate passages, collapse empty form templates, and
 * pack what is left into chunks that never cut a rule or a table row in half.
 */
import type { DocumentMeta } from '../facts/schema.js';
import type { Chunk } from '../types.js';
import { CHUNKING } from './chunking-params.js';
import { repairMojibakeRuns, type MojibakeAction } from './mojibake.js';
import { SeenText } from './near-duplicates.js';
import { normaliseLines } from './normalise-text.js';
import { LEVEL, parseBlocks, type Block } from './parse-blocks.js';

/** A chunk plus the document's short title, which is searchable but not part of `text`. */
export interface SourceChunk extends Chunk {
  docTitle: string;
}

/** Something ingestion changed or threw away, for the ingestion report. */
export type IngestAction =
  | (MojibakeAction & { doc: string })
  | { kind: 'duplicate-dropped'; doc: string; section: string; text: string; duplicateOf: string }
  | { kind: 'form-summarised'; doc: string; section: string; cells: number };

interface Unit {
  path: string[];
  kind: 'text' | 'row' | 'form';
  text: string;
  /** A numbered rule or a list lead-in starts a new chunk. */
  startsChunk: boolean;
  table?: number;
  caption?: string;
  attachment?: number;
}

interface AttachmentInfo {
  title: string;
  cells: number;
  labels: string[];
  lines: string[];
}

const SEP = ' > ';

/** Title of attachment `number` from the metadata list, else "附件N" + the title lines printed under it. */
function attachmentTitle(meta: DocumentMeta, number: string, titleLines: string[]): string {
  for (const a of meta.attachments) {
    const m = /^附件(\d*)\s+(.+)$/u.exec(a);
    if (m && m[1] === number) return `附件${number} ${m[2]}`;
  }
  return `附件${number} ${titleLines.join('')}`.trim();
}

/** Header cells flattened into one label per column ("初级 学时要求"). */
function columnLabels(headerRows: string[][], width: number): string[] {
  const labels: string[][] = Array.from({ length: width }, () => []);
  headerRows.forEach((row, r) => {
    let carried = '';
    for (let j = 0; j < width; j += 1) {
      let cell = row[j] ?? '';
      // In an upper header row an empty cell continues the merged cell to its left.
      if (cell === '' && r < headerRows.length - 1) cell = carried;
      else carried = cell;
      if (cell !== '') labels[j]!.push(cell);
    }
  });
  return labels.map((l) => l.join(' '));
}

/** Table rows rendered as "column：cell；column：cell", merged (empty) cells filled from the row above. */
function renderRows(rows: string[][], multiLineCells: boolean): string[] {
  if (rows.length === 0) return [];
  const width = Math.max(...rows.map((r) => r.length));
  let headerCount = 1;
  if (!multiLineCells) {
    while (headerCount < rows.length && (rows[headerCount]![0] ?? '') === '' && !/\d/u.test(rows[headerCount]!.join(''))) {
      headerCount += 1;
    }
  }
  const labels = columnLabels(rows.slice(0, headerCount), width);
  const out: string[] = [];
  let previous: string[] = [];
  for (const row of rows.slice(headerCount)) {
    const filled = Array.from({ length: width }, (_, j) => (row[j] ?? '') || (previous[j] ?? ''));
    previous = filled;
    const cells = filled
      .map((cell, j) => (cell === '' ? '' : labels[j] ? `${labels[j]}：${cell}` : cell))
      .filter((c) => c !== '');
    if (cells.length) out.push(cells.join('；'));
  }
  return out;
}

function formLabel(cell: string): string {
  return cell.replace(/[□√]/gu, '').replace(/（请打）/gu, '').replace(/\s+/gu, ' ').trim();
}

/** The sentences of a text, each with its closing mark (。！？；). */
export function sentencesOf(text: string): string[] {
  return text.match(/[^。！？；;!?]+[。！？；;!?]*|[。！？；;!?]+/gu) ?? [text];
}

/** Split a long paragraph at sentence ends, then at commas, so each piece fits `max`. */
export function splitSentences(text: string, max: number): string[] {
  if ([...text].length <= max) return [text];
  const sentences = sentencesOf(text);
  const pieces: string[] = [];
  for (const s of sentences) {
    if ([...s].length <= max) {
      pieces.push(s);
      continue;
    }
    const clauses = s.match(/[^，,、：:]+[，,、：:]*/gu) ?? [s];
    for (const c of clauses) {
      const chars = [...c];
      for (let i = 0; i < chars.length; i += max) pieces.push(chars.slice(i, i + max).join(''));
    }
  }
  const packed: string[] = [];
  let current = '';
  for (const p of pieces) {
    if (current !== '' && [...current].length + [...p].length > max) {
      packed.push(current);
      current = '';
    }
    current += p;
  }
  if (current !== '') packed.push(current);
  return packed;
}

/** Turn one notice into chunks (ids `${doc}#${n}`, n from 1) and report what was changed. */
export function chunkDocument(meta: DocumentMeta, raw: string): { chunks: SourceChunk[]; actions: IngestAction[] } {
  const actions: IngestAction[] = [];
  const repaired = repairMojibakeRuns(raw.replace(/^\uFEFF/u, ''));
  for (const a of repaired.actions) actions.push({ ...a, doc: meta.id });
  const blocks = parseBlocks(normaliseLines(repaired.text), meta.title);

  const units: Unit[] = [];
  const attachments: AttachmentInfo[] = [];
  const seen = new SeenText<Unit | undefined>();
  let stack: { level: number; title: string }[] = [];
  let attachment: number | undefined;
  let tableCount = 0;

  const currentPath = (): string[] => {
    const head = attachment !== undefined ? [attachments[attachment]!.title] : [];
    const titles = stack.map((s) => s.title);
    return head.length + titles.length ? [...head, ...titles] : [meta.title];
  };
  const relative = (u: Unit): string => (u.attachment !== undefined ? u.path.slice(1) : u.path).join(SEP);

  const onBlock = (block: Block) => {
    switch (block.kind) {
      case 'attachment': {
        stack = [];
        attachments.push({ title: attachmentTitle(meta, block.number, block.titleLines), cells: 0, labels: [], lines: [] });
        attachment = attachments.length - 1;
        return;
      }
      case 'title': {
        stack = [];
        seen.add(block.title, undefined);
        return;
      }
      case 'heading': {
        while (stack.length && stack[stack.length - 1]!.level >= block.level) stack.pop();
        stack.push({ level: block.level, title: block.title });
        seen.add(block.title, undefined);
        return;
      }
      case 'paragraph': {
        const unit: Unit = {
          path: currentPath(),
          kind: 'text',
          text: block.text,
          startsChunk:
            (block.marker !== undefined && block.marker <= LEVEL.section) || /[：:]$/u.test(block.text) || /^附件[：:]/u.test(block.text),
          attachment,
        };
        const { ratio, source } = seen.containment(block.text);
        if (ratio >= CHUNKING.dedupContainment) {
          // A repeat under the same heading in a sibling attachment (the 初级 and 中级 brochures) is a parallel text, not an artefact.
          const parallel = source !== undefined && source.attachment !== attachment && relative(source) === relative(unit);
          if (!parallel) {
            actions.push({
              kind: 'duplicate-dropped',
              doc: meta.id,
              section: unit.path.join(SEP),
              text: block.text.slice(0, 60),
              duplicateOf: source ? source.path.join(SEP) : '(heading)',
            });
            return;
          }
        }
        seen.add(block.text, unit);
        units.push(unit);
        if (attachment !== undefined) attachments[attachment]!.lines.push(block.text);
        return;
      }
      case 'table': {
        tableCount += 1;
        const path = currentPath();
        if (attachment !== undefined) {
          const info = attachments[attachment]!;
          for (const row of block.rows) {
            for (const cell of row) {
              info.cells += 1;
              if (cell !== '') info.labels.push(cell);
            }
          }
        }
        let caption: string | undefined;
        const last = units[units.length - 1];
        if (last && last.kind === 'text' && last.path.join(SEP) === path.join(SEP) && [...last.text].length <= CHUNKING.captionMaxChars) {
          caption = last.text;
          units.pop();
        }
        for (const row of renderRows(block.rows, block.multiLineCells)) {
          units.push({ path, kind: 'row', text: row, startsChunk: false, table: tableCount, caption, attachment });
          seen.add(row, undefined);
        }
        return;
      }
    }
  };
  for (const b of blocks) onBlock(b);

  // Empty form templates (推荐表, 报名表, 情况表) become one chunk naming the form and its fields.
  const formUnits = new Map<number, Unit>();
  attachments.forEach((info, index) => {
    const name = info.title.replace(/^附件\d*\s*/u, '');
    const isForm = /表$/u.test(name.replace(/[（(][^）)]*[）)]$/u, ''));
    if (!isForm) return;
    const source = info.labels.length ? info.labels : info.lines.filter((l) => [...l].length <= 30);
    const labels = [...new Set(source.map(formLabel).filter((l) => l !== '' && [...l].length <= 20 && /\p{Script=Han}/u.test(l)))];
    let text = `${name}：${labels.join('、')}`;
    if ([...text].length > CHUNKING.formSummaryMaxChars) text = `${[...text].slice(0, CHUNKING.formSummaryMaxChars - 1).join('')}…`;
    formUnits.set(index, { path: [info.title], kind: 'form', text, startsChunk: true, attachment: index });
    actions.push({ kind: 'form-summarised', doc: meta.id, section: info.title, cells: info.cells });
  });
  const kept: Unit[] = [];
  const emitted = new Set<number>();
  for (const u of units) {
    const form = u.attachment !== undefined ? formUnits.get(u.attachment) : undefined;
    if (u.attachment !== undefined && form) {
      if (!emitted.has(u.attachment)) kept.push(form);
      emitted.add(u.attachment);
      continue;
    }
    kept.push(u);
  }
  // A form attachment none of whose content survived still gets its chunk.
  for (const [index, form] of formUnits) if (!emitted.has(index)) kept.push(form);

  const texts: { path: string[]; text: string }[] = [];
  let buffer: { path: string[]; parts: string[]; size: number; kind: Unit['kind']; table?: number; caption?: string } | undefined;
  const flush = () => {
    if (buffer && buffer.parts.length) {
      const body = buffer.parts.join('\n');
      texts.push({ path: buffer.path, text: buffer.caption ? `${buffer.caption}\n${body}` : body });
    }
    buffer = undefined;
  };
  for (const u of kept) {
    const size = [...u.text].length;
    const limit = u.kind === 'row' ? CHUNKING.tableChunkMaxChars : CHUNKING.maxChars;
    const sameGroup =
      buffer !== undefined &&
      buffer.kind === u.kind &&
      u.kind !== 'form' &&
      buffer.path.join(SEP) === u.path.join(SEP) &&
      buffer.table === u.table &&
      !u.startsChunk &&
      buffer.size + size <= limit;
    if (!sameGroup) flush();
    if (u.kind === 'text' && size > CHUNKING.maxChars) {
      for (const piece of splitSentences(u.text, CHUNKING.maxChars)) {
        texts.push({ path: u.path, text: piece });
      }
      continue;
    }
    if (!buffer) buffer = { path: u.path, parts: [], size: 0, kind: u.kind, table: u.table, caption: u.caption };
    buffer.parts.push(u.text);
    buffer.size += size;
  }
  flush();

  const chunks = texts.map((t, i) => ({
    id: `${meta.id}#${i + 1}`,
    doc: meta.id,
    section: t.path.join(SEP),
    text: t.text,
    region: meta.region,
    docTitle: meta.shortTitle,
  }));
  return { chunks, actions };
}
