/**
 * With the real index (passages as well as facts): a region with no rule on the topic asked, whose
 * nearest clauses are on something else, gets those clauses as the closest ones, hedged, with whom
 * to ask; never as the answer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../bot/app.js';
import { parseConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/log.js';
import { realFacts } from './fake-ports.js';

let dir: string;
let app: App;
const facts = realFacts();

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'dte-hedges-'));
  const parsed = parseConfig({ DTE_DB: ':memory:', DTE_INDEX_DIR: path.join(dir, 'index'), DTE_NOW: '2026-03-01', DTE_LOG_LEVEL: 'silent' });
  if (!parsed.ok) throw new Error(parsed.message);
  app = await createApp(parsed.config, { logger: createLogger('silent') });
}, 120_000);

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

let user = 0;
const ask = async (q: string) => (await app.ask(q, { userId: `hedge-${++user}` })).answer;

describe('the closest clauses of another topic are hedged', () => {
  it('answers "浙江培训退费怎么规定的" without passing a subsidy clause off as the refund rule', async () => {
    expect(facts.ofKind('rule', (f) => f.region === '浙江' && f.topics.includes('refund'))).toHaveLength(0);
    const reply = await ask('浙江培训退费怎么规定的');
    expect(reply).toMatch(/没有直接回答|没有写明退款/);
    expect(reply).toContain('建议咨询');
  });

  it('answers "威海一个班多少人", which no 威海 clause states, as not directly stated', async () => {
    const reply = await ask('威海一个班多少人');
    expect(reply).toContain('没有直接回答');
    expect(reply).toContain('建议咨询');
  });

  it('still answers a count the notice states ("枣庄每期满多少人开班")', async () => {
    const reply = await ask('枣庄每期满多少人开班');
    expect(reply).not.toContain('没有直接回答');
    expect(reply).toMatch(/\d+人/);
  });
});

describe('details no residents’ notice states', () => {
  it('says "报名要交学历证书复印件不" is not stated (the institutions’ notice listing an applicant’s 法人登记证书复印件 does not count)', async () => {
    const reply = await ask('报名要交学历证书复印件不');
    expect(reply).toContain('没有关于证件复印件');
    expect(reply).toContain('建议咨询');
  });

  it('says the pass mark of the exam is not stated', async () => {
    const reply = await ask('等级考试多少分算及格');
    expect(reply).toContain('没有关于考试的及格分数');
  });
});

describe('what another notice states when the assumed one hands it on', () => {
  it('answers "等级考试考啥" with no region: the assumed notice hands it on, the notices that state it follow, each named', async () => {
    const stated = facts.ofKind('rule', (f) => f.region !== '枣庄' && f.topics[0] === 'exam' && /理论知识/.test(f.statement));
    expect(stated.length).toBeGreaterThan(0);
    const reply = await ask('等级考试考啥 理论还是实操');
    expect(reply).toMatch(/枣庄的通知(本身)?中?没有/);
    expect(stated.some((f) => reply.includes(f.statement.slice(0, 16)))).toBe(true);
    expect(reply).toContain(`【${stated[0]!.region}】`);
    expect(reply).toContain('建议咨询');
  });
});
