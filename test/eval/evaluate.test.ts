import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Region } from '../../knowledge/facts/schema.js';
import { EvalItemSchema } from './eval-item.js';
import { DEFAULT_EVAL_NOW, type EvalApp, askItem, itemNow, prepareEnvironment, runEvaluation } from './evaluate.js';
import { parseArgs } from './run-eval.js';

interface Call {
  question: string;
  opts?: { now?: Date; region?: Region; userId?: string };
}

/** A fake app that records what it is asked and answers from a table. */
function fakeApp(answers: Record<string, string>, calls: Call[] = []): EvalApp {
  return {
    async ask(question, opts) {
      calls.push({ question, opts });
      if (question === 'boom') throw new Error('engine exploded');
      const answer = answers[question] ?? '';
      return {
        question,
        answer,
        sources: [],
        tools: [{ name: 'echo', input: {}, output: { answer } }],
        trace: { route: 'tool', tools: [], sources: [], mode: 'offline', confidence: 1 },
      };
    },
    async close() {},
  };
}

describe('askItem', () => {
  it('asks a one-shot question in a fresh session with the item clock and region', async () => {
    const calls: Call[] = [];
    const item = EvalItemSchema.parse({ id: 'fee-001', category: 'fee', question: '学费', now: '2026-03-01', region: '浙江' });
    await askItem(fakeApp({}, calls), item);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.opts?.userId).toBeUndefined();
    expect(calls[0]?.opts?.region).toBe('浙江');
    expect(calls[0]?.opts?.now?.toISOString()).toBe('2026-02-28T16:00:00.000Z');
  });

  it('asks every turn in order under one user id and keeps the last answer', async () => {
    const calls: Call[] = [];
    const item = EvalItemSchema.parse({ id: 'follow-up-001', category: 'follow-up', turns: ['初级补贴', '中级呢'] });
    const record = await askItem(fakeApp({ 初级补贴: '1000元', 中级呢: '1300元' }, calls), item);
    expect(calls.map((c) => c.question)).toEqual(['初级补贴', '中级呢']);
    expect(new Set(calls.map((c) => c.opts?.userId)).size).toBe(1);
    expect(calls[0]?.opts?.userId).toBeDefined();
    expect(record.answer).toBe('1300元');
  });

  it('uses the default eval clock when the item gives none', () => {
    const item = EvalItemSchema.parse({ id: 'fee-001', category: 'fee', question: '学费' });
    expect(itemNow(item).toISOString()).toBe(new Date(`${DEFAULT_EVAL_NOW}T00:00:00+08:00`).toISOString());
  });

  it('turns an app that throws into a failed record', async () => {
    const item = EvalItemSchema.parse({ id: 'fee-001', category: 'fee', question: 'boom' });
    const record = await askItem(fakeApp({}), item);
    expect(record.error).toBe('engine exploded');
  });
});

describe('runEvaluation', () => {
  it('scores every item in order', async () => {
    const items = [
      EvalItemSchema.parse({ id: 'fee-001', category: 'fee', question: '初级学费', mustContain: ['3000'] }),
      EvalItemSchema.parse({ id: 'fee-002', category: 'fee', question: '中级学费', mustContain: ['3500'] }),
    ];
    const scores = await runEvaluation(fakeApp({ 初级学费: '3000元', 中级学费: '3000元' }), items);
    expect(scores.map((s) => [s.id, s.passed])).toEqual([
      ['fee-001', true],
      ['fee-002', false],
    ]);
  });
});

describe('prepareEnvironment', () => {
  it('builds an offline config with an in-memory database and a temporary index directory', () => {
    const env = prepareEnvironment({ llm: false, env: { LLM_BASE_URL: 'http://example.invalid' } });
    expect(env.ok).toBe(true);
    if (!env.ok) return;
    expect(env.value.config.DTE_DB).toBe(':memory:');
    expect(env.value.config.LLM_BASE_URL).toBeUndefined();
    expect(existsSync(env.value.config.DTE_INDEX_DIR)).toBe(true);
    env.value.cleanup();
    expect(existsSync(env.value.config.DTE_INDEX_DIR)).toBe(false);
  });

  it('passes the LLM settings through with --llm and refuses to run without LLM_BASE_URL', () => {
    expect(prepareEnvironment({ llm: true, env: {} }).ok).toBe(false);
    const env = prepareEnvironment({ llm: true, env: { LLM_BASE_URL: 'http://127.0.0.1:9/v1', LLM_MODEL: 'qwen' } });
    expect(env.ok).toBe(true);
    if (!env.ok) return;
    expect(env.value.config.LLM_BASE_URL).toBe('http://127.0.0.1:9/v1');
    expect(env.value.config.LLM_MODEL).toBe('qwen');
    env.value.cleanup();
  });
});

describe('parseArgs', () => {
  it('reads --llm, --json and --only with one or several categories', () => {
    expect(parseArgs(['--', '--llm', '--json', '--only', 'fee,refund'])).toEqual({
      ok: true,
      value: { llm: true, json: true, only: ['fee', 'refund'] },
    });
    expect(parseArgs(['--only=typo'])).toEqual({ ok: true, value: { llm: false, json: false, only: ['typo'] } });
  });

  it('rejects an unknown category or flag', () => {
    expect(parseArgs(['--only', 'weather']).ok).toBe(false);
    expect(parseArgs(['--fast']).ok).toBe(false);
  });
});
