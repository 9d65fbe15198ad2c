import { describe, expect, it } from 'vitest';
import { RETRIEVAL_MAX_CHARS, createRetrievalTool, searchNotices } from '../../../bot/engine/llm/retrieval-tool.js';
import { loadFactsTable } from '../../../knowledge/facts/load-facts.js';
import type { KnowledgeBase, Passage, SearchOptions } from '../../../knowledge/types.js';

const loaded = loadFactsTable('knowledge/facts/facts.json');
if (!loaded.ok) throw new Error(loaded.error);
const facts = loaded.table;

function kbWith(passages: Passage[]) {
  const queries: Array<{ query: string; options?: SearchOptions }> = [];
  const kb: KnowledgeBase = {
    async search(query, options) {
      queries.push({ query, options });
      return passages;
    },
    chunks: () => passages,
    version: () => 'v',
  };
  return { kb, queries };
}

const passage = (text: string): Passage => ({
  id: 'jinhua-2024#3',
  doc: 'jinhua-2024',
  section: '三、补贴标准',
  text,
  region: '浙江',
  score: 0.87654,
  keywordScore: 3,
  vectorScore: 0.5,
});

describe('searchNotices', () => {
  it('resolves a place to its region and the regions it inherits', async () => {
    const { kb, queries } = kbWith([passage('按学时给予补贴')]);
    const out = await searchNotices({ query: '补贴标准', region: '金华' }, { kb, facts });
    expect(queries[0]?.options?.regions).toEqual(facts.applicableRegions('金华'));
    expect(out).toEqual({ ok: true, value: { passages: [{ doc: 'jinhua-2024', section: '三、补贴标准', quote: '按学时给予补贴', score: 0.877 }] } });
  });

  it('searches every region when none is named', async () => {
    const { kb, queries } = kbWith([]);
    await searchNotices({ query: '退款' }, { kb, facts });
    expect(queries[0]?.options).toEqual({ k: 4, regions: undefined });
  });

  it('refuses a region the notices do not cover instead of searching elsewhere', async () => {
    const { kb, queries } = kbWith([passage('x')]);
    const out = await searchNotices({ query: '补贴', region: '北京' }, { kb, facts });
    expect(out).toMatchObject({ ok: false, error: { kind: 'not-covered' } });
    expect(queries).toEqual([]);
  });

  it('shortens long passages', async () => {
    const { kb } = kbWith([passage('字'.repeat(RETRIEVAL_MAX_CHARS + 50))]);
    const out = await searchNotices({ query: '补贴' }, { kb, facts });
    expect(out.ok && out.value.passages[0]?.quote.length).toBe(RETRIEVAL_MAX_CHARS);
  });
});

describe('createRetrievalTool', () => {
  it('returns the search as JSON text', async () => {
    const { kb } = kbWith([passage('按学时给予补贴')]);
    const tool = createRetrievalTool({ kb, facts });
    const out = await tool.invoke({ query: '补贴' });
    expect(JSON.parse(String(out))).toMatchObject({ ok: true, value: { passages: [{ quote: '按学时给予补贴' }] } });
  });

  it('rejects an empty query before searching', async () => {
    const { kb, queries } = kbWith([]);
    const tool = createRetrievalTool({ kb, facts });
    await expect(tool.invoke({ query: '' })).rejects.toThrow();
    expect(queries).toEqual([]);
  });
});
