import { describe, expect, it } from 'vitest';
import { invokeTool } from '../../tools/define-tool.js';
import { titleRecognition } from '../../tools/title-recognition.js';
import { MARCH_FIRST, fixtureTable } from './load-fixture.js';

const ctx = { facts: fixtureTable(), now: MARCH_FIRST };

describe('title-recognition', () => {
  it.each([
    ['威海', '初级', '助理工程师'],
    ['荣成', '中级', '工程师'],
    ['浙江', '初级', '助理工程师'],
    ['金华', '初', '助理工程师'],
  ])('in %s a %s certificate leads to %s', (region, level, title) => {
    const r = invokeTool(titleRecognition, { region, level }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.titles.map((t) => t.title)).toEqual([title]);
  });

  it('says a Zhejiang 高级 certificate allows applying directly for 高级工程师, without a title of its own', () => {
    const r = invokeTool(titleRecognition, { region: '杭州', level: '高级' }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.titles[0]).toMatchObject({ title: undefined, statement: expect.stringContaining('可直接申报评审高级工程师') });
  });

  it('returns 枣庄’s rules and who recognises the title', () => {
    const r = invokeTool(titleRecognition, { region: '枣庄' }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.titles.map((t) => t.via).sort()).toEqual(['level-certificate', 'training-certificate']);
    expect(r.value.recognition.map((x) => x.factId)).toEqual(['zz26-title-recognition-authority']);
    expect(r.facts.map((f) => f.id)).toContain('zz26-title-recognition-authority');
  });

  it.each([
    [{ region: '北京', level: '初级' }, 'not-covered'],
    [{ region: '辽宁', level: '初级' }, 'not-found'],
    [{ region: '威海', level: '高级' }, 'not-found'],
    [{ region: '威海', level: '初中' }, 'invalid-input'],
  ])('returns an error value for %j (%s)', (input, kind) => {
    const r = invokeTool(titleRecognition, input, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe(kind);
  });
});
