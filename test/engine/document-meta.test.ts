/**
 * Questions about a notice itself (文号, issue and effective dates): the facts that state them, or —
 * for a notice whose metadata records none — that this notice does not state it, naming it, with a
 * hotline; never another notice's number or date.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fakePorts } from './fake-ports.js';
import { dialogue, text } from '../fixtures/dialogues/converse.js';
import { defaultUnderstandingLanguage } from '../../knowledge/language/understanding-schema.js';
import { useUnderstandingLanguage } from '../../bot/engine/understand/lexicon.js';

const say = async (message: string) => dialogue(fakePorts()).say(message);
afterEach(() => useUnderstandingLanguage(defaultUnderstandingLanguage()));

describe("a notice's own metadata", () => {
  it('gives the fact that states a 文号, cited', async () => {
    const r = await say('威海方案文号多少');
    expect(text(r)).toContain('威人社函〔2023〕25号');
    expect(r.trace.sources.map((s) => s.doc)).toContain('weihai-2023');
  });

  it('says the notice named by its year prints no issue date or 文号, with a hotline, and gives the other notice’s date nowhere', async () => {
    const r = await say('枣庄2026年度的通知是哪天发的 文号是多少');
    const reply = text(r);
    expect(reply).toContain('《枣庄2026年度培育项目通知》没有写明文号');
    expect(reply).toContain('没有写明印发日期');
    expect(reply).toContain('0632-');
    expect(reply).not.toContain('2023年7月26日');
    expect(r.trace.sources.map((s) => s.doc)).toContain('zaozhuang-2026');
  });

  it('answers the year named: the 2023 plan’s issue date', async () => {
    expect(text(await say('枣庄2023方案哪天印发的'))).toContain('2023年7月26日');
  });

  it('leaves a question that is not about a notice to the usual answers ("补贴什么时候发")', async () => {
    expect(text(await say('补贴什么时候发'))).not.toContain('印发日期');
  });

  it('reads how the field is asked from the language data', async () => {
    expect(text(await say('威海方案的编号是啥'))).not.toContain('威人社函');
    const data = structuredClone(defaultUnderstandingLanguage());
    const number = data.documentMeta!.fields.find((f) => f.field === 'docNumber')!;
    number.ask = `${number.ask}|编号`;
    useUnderstandingLanguage(data);
    expect(text(await say('威海方案的编号是啥'))).toContain('威人社函〔2023〕25号');
  });
});
