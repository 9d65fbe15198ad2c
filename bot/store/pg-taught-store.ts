/**
 * Staff's taught answers on PostgreSQL (migration 2 of pg-migrations.ts): the
 * contract of bot/store/taught-store.ts — ids only, zod-checked input,
 * phrasings masked and normalised, a phrasing taught again moves to the
 * newer answer, retiring keeps the row, hits at real time, 问答 flags.
 * A teach is one transaction under an advisory lock, so two processes
 * teaching the same phrasing at once leave it on exactly one live answer
 * (SQLite gets the same from its IMMEDIATE transaction).
 */
import { maskPersonalData } from '../mask.js';
import { inTransaction, type PgPool } from './pg-pool.js';
import { ID, normalizedPhrasing, TeachInputSchema, toAnswer, type AnswerRow, type TaughtAnswer, type TaughtStore } from './taught-store.js';

type Row = AnswerRow<string>;

/** The advisory lock key teaches take (any fixed bigint; "dte-tch" in ASCII). */
const TEACH_LOCK = 0x6474652d746368n;

/** The taught-answer store over a pool; `now` is the real clock (never DTE_NOW). */
export function createPgTaughtStore(pool: PgPool, opts: { now?: () => Date } = {}): TaughtStore {
  const now = opts.now ?? (() => new Date());

  const get = async (id: string): Promise<TaughtAnswer | undefined> => {
    if (!ID.test(id)) return undefined;
    const row = (await pool.query<Row>('SELECT * FROM taught_answers WHERE id = $1', [id])).rows[0];
    if (!row) return undefined;
    const phrasings = await pool.query<{ question: string }>('SELECT question FROM taught_phrasings WHERE answer_id = $1 ORDER BY id', [row.id]);
    return toAnswer(row, phrasings.rows.map((r) => r.question));
  };

  return {
    async teach(raw) {
      const input = TeachInputSchema.parse(raw);
      const t = input.target;
      const id = await inTransaction(pool, async (db) => {
        await db.query('SELECT pg_advisory_xact_lock($1)', [TEACH_LOCK.toString()]);
        const inserted = await db.query<{ id: string }>(
          `INSERT INTO taught_answers (kind, fact_ids, chunk_id, contact_fact_id, created_by, created_at)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [
            t.kind,
            JSON.stringify(t.kind === 'facts' ? [...new Set(t.factIds)] : []),
            t.kind === 'passage' ? t.chunkId : null,
            t.kind === 'not-covered' ? t.contactFactId : null,
            input.actor,
            now().toISOString(),
          ],
        );
        const answerId = inserted.rows[0]!.id;
        for (const p of input.phrasings) {
          const question = maskPersonalData(p.trim());
          const normalized = normalizedPhrasing(question);
          if (!normalized) continue;
          // A phrasing leads to one live answer: teaching it again replaces the older answer's claim on it.
          await db.query(
            'DELETE FROM taught_phrasings WHERE normalized = $1 AND answer_id IN (SELECT id FROM taught_answers WHERE retired_at IS NULL)',
            [normalized],
          );
          await db.query('INSERT INTO taught_phrasings (answer_id, question, normalized) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
            answerId,
            question,
            normalized,
          ]);
        }
        return answerId;
      });
      return (await get(String(id)))!;
    },

    async retire(id, actor) {
      if (!ID.test(id)) return false;
      const r = await pool.query('UPDATE taught_answers SET retired_at = $1, retired_by = $2 WHERE id = $3 AND retired_at IS NULL', [now().toISOString(), actor, id]);
      return r.rowCount === 1;
    },

    async list(options = {}) {
      const answers = await pool.query<Row>(
        `SELECT * FROM taught_answers${options.retired ? '' : ' WHERE retired_at IS NULL'} ORDER BY id`,
      );
      const phrasings = await pool.query<{ answer_id: string; question: string }>('SELECT answer_id, question FROM taught_phrasings ORDER BY id');
      const byAnswer = new Map<string, string[]>();
      for (const p of phrasings.rows) byAnswer.set(String(p.answer_id), [...(byAnswer.get(String(p.answer_id)) ?? []), p.question]);
      return answers.rows.map((row) => toAnswer(row, byAnswer.get(String(row.id)) ?? []));
    },

    get,

    async recordHit(id) {
      if (ID.test(id)) await pool.query('UPDATE taught_answers SET hits = hits + 1, last_hit_at = $1 WHERE id = $2', [now().toISOString(), id]);
    },

    async flagQuestion(question, actor) {
      const normalized = normalizedPhrasing(maskPersonalData(question.trim()));
      if (!normalized) return;
      await pool.query(
        `INSERT INTO gap_flags (normalized, flagged_by, flagged_at) VALUES ($1, $2, $3)
         ON CONFLICT (normalized) DO UPDATE SET flagged_by = excluded.flagged_by, flagged_at = excluded.flagged_at`,
        [normalized, actor, now().toISOString()],
      );
    },

    async flagged() {
      return new Set((await pool.query<{ normalized: string }>('SELECT normalized FROM gap_flags')).rows.map((r) => r.normalized));
    },
  };
}
