/**
 * Answers staff taught on 缺口 (migration 4). A taught answer is made of ids
 * only — facts of the facts table, one chunk of the knowledge base, or a
 * contact fact for "通知未涉及，请咨询 X" — never free text, so whatever the
 * bot says from it is rendered from facts and quotes (the number check and
 * the start-up fact checks still hold). Each answer has the phrasings that
 * lead to it (masked again here), a hit count and when it was last used.
 * Retiring ("untaught") keeps the row, so the audit log still names it.
 * Questions staff send from 问答 to 缺口 are flags on their normalised text.
 *
 * The interface is async (Promises) so a PostgreSQL implementation can stand
 * in for this SQLite one; this one runs synchronously underneath.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { maskPersonalData } from '../mask.js';

export const TAUGHT_KINDS = ['facts', 'passage', 'not-covered'] as const;
export type TaughtKind = (typeof TAUGHT_KINDS)[number];

/** What staff attach to a question: ids only. */
export type TaughtTarget =
  | { kind: 'facts'; factIds: string[] }
  | { kind: 'passage'; chunkId: string }
  | { kind: 'not-covered'; contactFactId: string };

/** The input of `teach`, checked with this schema before anything is written. */
export const TeachInputSchema = z.object({
  target: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('facts'), factIds: z.array(z.string().min(1).max(120)).min(1).max(8) }),
    z.object({ kind: z.literal('passage'), chunkId: z.string().min(1).max(200) }),
    z.object({ kind: z.literal('not-covered'), contactFactId: z.string().min(1).max(120) }),
  ]),
  /** The question's wordings (a gap group's representative and variants). */
  phrasings: z.array(z.string().trim().min(1).max(500)).min(1).max(20),
  /** Who taught it (account name, `token` or `open`). */
  actor: z.string().min(1).max(80),
});
export type TeachInput = z.infer<typeof TeachInputSchema>;

export interface TaughtAnswer {
  id: string;
  target: TaughtTarget;
  phrasings: string[];
  createdBy: string;
  /** Real time (ISO). */
  createdAt: string;
  retiredAt?: string;
  retiredBy?: string;
  hits: number;
  lastHitAt?: string;
}

export interface TaughtStore {
  /** Store a taught answer with its phrasings; a phrasing already taught elsewhere moves to this one. */
  teach(input: TeachInput): Promise<TaughtAnswer>;
  /** Retire a taught answer (no longer served); false when there is no such live answer. */
  retire(id: string, actor: string): Promise<boolean>;
  /** Live answers (oldest first); `retired: true` lists the retired ones too. */
  list(options?: { retired?: boolean }): Promise<TaughtAnswer[]>;
  get(id: string): Promise<TaughtAnswer | undefined>;
  /** One more use of a taught answer, at real time. */
  recordHit(id: string): Promise<void>;
  /** Send a question (asked on 问答) to 缺口. */
  flagQuestion(question: string, actor: string): Promise<void>;
  /** Normalised texts of the questions sent to 缺口. */
  flagged(): Promise<Set<string>>;
}

/** NFKC, lower case, letters and digits only (the same key 缺口 groups by). */
export function normalizedPhrasing(text: string): string {
  return [...text.normalize('NFKC').toLowerCase()].filter((c) => /[\p{L}\p{N}*]/u.test(c)).join('');
}

/** A taught_answers row (PostgreSQL gives its BIGINT ids as strings). */
export interface AnswerRow<Id extends number | string = number> {
  id: Id;
  kind: TaughtKind;
  fact_ids: string;
  chunk_id: string | null;
  contact_fact_id: string | null;
  created_by: string;
  created_at: string;
  retired_at: string | null;
  retired_by: string | null;
  hits: number;
  last_hit_at: string | null;
}

function targetOf(row: AnswerRow<number | string>): TaughtTarget {
  if (row.kind === 'passage') return { kind: 'passage', chunkId: row.chunk_id! };
  if (row.kind === 'not-covered') return { kind: 'not-covered', contactFactId: row.contact_fact_id! };
  const ids = z.array(z.string()).safeParse(JSON.parse(row.fact_ids));
  return { kind: 'facts', factIds: ids.success ? ids.data : [] };
}

/** What a taught answer's id looks like (anything else names no answer). */
export const ID = /^[1-9]\d{0,12}$/;

/** A row and its phrasings as the TaughtAnswer both stores return. */
export function toAnswer(row: AnswerRow<number | string>, phrasings: string[]): TaughtAnswer {
  return {
    id: String(row.id),
    target: targetOf(row),
    phrasings,
    createdBy: row.created_by,
    createdAt: row.created_at,
    ...(row.retired_at ? { retiredAt: row.retired_at } : {}),
    ...(row.retired_by ? { retiredBy: row.retired_by } : {}),
    hits: row.hits,
    ...(row.last_hit_at ? { lastHitAt: row.last_hit_at } : {}),
  };
}

/** The taught-answer store over an open database; `now` is the real clock (never DTE_NOW). */
export function createTaughtStore(db: Database.Database, opts: { now?: () => Date } = {}): TaughtStore {
  const now = opts.now ?? (() => new Date());
  const q = {
    insert: db.prepare(
      `INSERT INTO taught_answers (kind, fact_ids, chunk_id, contact_fact_id, created_by, created_at)
       VALUES (@kind, @factIds, @chunkId, @contactFactId, @createdBy, @createdAt) RETURNING id`,
    ),
    // A phrasing leads to one live answer: teaching it again replaces the older answer's claim on it.
    dropPhrasing: db.prepare<[string]>(
      'DELETE FROM taught_phrasings WHERE normalized = ? AND answer_id IN (SELECT id FROM taught_answers WHERE retired_at IS NULL)',
    ),
    addPhrasing: db.prepare<[number, string, string]>(
      'INSERT OR IGNORE INTO taught_phrasings (answer_id, question, normalized) VALUES (?, ?, ?)',
    ),
    retire: db.prepare<[string, string, number]>('UPDATE taught_answers SET retired_at = ?, retired_by = ? WHERE id = ? AND retired_at IS NULL'),
    hit: db.prepare<[string, number]>('UPDATE taught_answers SET hits = hits + 1, last_hit_at = ? WHERE id = ?'),
    one: db.prepare<[number], AnswerRow>('SELECT * FROM taught_answers WHERE id = ?'),
    live: db.prepare<[], AnswerRow>('SELECT * FROM taught_answers WHERE retired_at IS NULL ORDER BY id'),
    all: db.prepare<[], AnswerRow>('SELECT * FROM taught_answers ORDER BY id'),
    phrasings: db.prepare<[], { answer_id: number; question: string }>('SELECT answer_id, question FROM taught_phrasings ORDER BY id'),
    phrasingsOf: db.prepare<[number], { question: string }>('SELECT question FROM taught_phrasings WHERE answer_id = ? ORDER BY id'),
    flag: db.prepare<[string, string, string]>(
      `INSERT INTO gap_flags (normalized, flagged_by, flagged_at) VALUES (?, ?, ?)
       ON CONFLICT (normalized) DO UPDATE SET flagged_by = excluded.flagged_by, flagged_at = excluded.flagged_at`,
    ),
    flags: db.prepare<[], { normalized: string }>('SELECT normalized FROM gap_flags'),
  };

  const teach = db.transaction((input: TeachInput): number => {
    const t = input.target;
    const { id } = q.insert.get({
      kind: t.kind,
      factIds: JSON.stringify(t.kind === 'facts' ? [...new Set(t.factIds)] : []),
      chunkId: t.kind === 'passage' ? t.chunkId : null,
      contactFactId: t.kind === 'not-covered' ? t.contactFactId : null,
      createdBy: input.actor,
      createdAt: now().toISOString(),
    }) as { id: number };
    for (const p of input.phrasings) {
      const question = maskPersonalData(p.trim());
      const normalized = normalizedPhrasing(question);
      if (!normalized) continue;
      q.dropPhrasing.run(normalized);
      q.addPhrasing.run(id, question, normalized);
    }
    return id;
  });

  const get = (id: string): TaughtAnswer | undefined => {
    if (!ID.test(id)) return undefined;
    const row = q.one.get(Number(id));
    return row ? toAnswer(row, q.phrasingsOf.all(row.id).map((r) => r.question)) : undefined;
  };

  return {
    async teach(raw) {
      const input = TeachInputSchema.parse(raw);
      return get(String(teach.immediate(input)))!;
    },
    async retire(id, actor) {
      if (!ID.test(id)) return false;
      return q.retire.run(now().toISOString(), actor, Number(id)).changes === 1;
    },
    async list(options = {}) {
      const byAnswer = new Map<number, string[]>();
      for (const p of q.phrasings.all()) byAnswer.set(p.answer_id, [...(byAnswer.get(p.answer_id) ?? []), p.question]);
      return (options.retired ? q.all : q.live).all().map((row) => toAnswer(row, byAnswer.get(row.id) ?? []));
    },
    async get(id) {
      return get(id);
    },
    async recordHit(id) {
      if (ID.test(id)) q.hit.run(now().toISOString(), Number(id));
    },
    async flagQuestion(question, actor) {
      const normalized = normalizedPhrasing(maskPersonalData(question.trim()));
      if (normalized) q.flag.run(normalized, actor, now().toISOString());
    },
    async flagged() {
      return new Set(q.flags.all().map((r) => r.normalized));
    },
  };
}
