import { Embeddings } from '@langchain/core/embeddings';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestDocuments } from '../../knowledge/ingest/ingest-documents.js';
import { buildKnowledgeBase, describeEmbeddings, embeddingsFromConfig, LexicalEmbeddings, type HybridKnowledgeBase } from '../../knowledge/knowledge-base.js';
import { analyseQuery, normaliseQuery } from '../../knowledge/index/text-analysis.js';

let kb: HybridKnowledgeBase;

beforeAll(async () => {
  const ingested = await ingestDocuments('knowledge/docs');
  if (!ingested.ok) throw new Error(ingested.error);
  kb = await buildKnowledgeBase(ingested.value.chunks);
});

describe('lexical embeddings', () => {
  const emb = LexicalEmbeddings.fit(['培训费3000元', '补贴1000元', '报名截止时间', '职称认定']);

  it('are deterministic, L2-normalised vectors of the fixed dimension', async () => {
    const [a] = await emb.embedDocuments(['培训费多少']);
    const b = await emb.embedQuery('培训费多少');
    expect(a).toEqual(b);
    expect(b).toHaveLength(1024);
    expect(Math.hypot(...b)).toBeCloseTo(1, 6);
  });

  it('rank a Chinese text closer to one sharing its words than to an unrelated one', () => {
    const dot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i]!, 0);
    const q = emb.embed('培训费');
    expect(dot(q, emb.embed('培训费3000元'))).toBeGreaterThan(dot(q, emb.embed('职称认定')));
  });

  it('embed exactly alike after a round trip through their saved state', () => {
    expect(new LexicalEmbeddings(emb.state()).embed('报名截止')).toEqual(emb.embed('报名截止'));
  });

  it('give the zero vector for text without letters or digits', () => {
    expect(emb.embed('？！。').every((x) => x === 0)).toBe(true);
  });
});

describe('embeddings from configuration', () => {
  it('uses the lexical default without constructing anything', () => {
    expect(embeddingsFromConfig({ DTE_EMBEDDINGS: 'lexical' })).toEqual({ ok: true, value: undefined });
  });

  it('refuses the OpenAI-compatible option without a base URL or model', () => {
    expect(embeddingsFromConfig({ DTE_EMBEDDINGS: 'openai', EMBEDDINGS_MODEL: 'bge-m3' }).ok).toBe(false);
  });

  it('builds an OpenAI-compatible client pointed at the configured endpoint (no request made)', () => {
    const result = embeddingsFromConfig({ DTE_EMBEDDINGS: 'openai', EMBEDDINGS_BASE_URL: 'http://127.0.0.1:9/v1', EMBEDDINGS_MODEL: 'bge-m3' });
    expect(result.ok && result.value instanceof Embeddings).toBe(true);
    expect(result.ok && describeEmbeddings(result.value)).toEqual({ kind: 'openai', model: 'bge-m3' });
  });
});

describe('query analysis', () => {
  it('converts traditional characters and expands colloquial words', () => {
    expect(normaliseQuery('補貼多少錢')).toBe('补贴多少钱');
    const terms = analyseQuery(normaliseQuery('能退钱吗'));
    expect(terms.get('退款')).toBe(0.5);
    expect(terms.has('吗')).toBe(false);
  });
});

describe('hybrid search', () => {
  it('returns passages with a fused score in [0, 1], best first, and the raw scores', async () => {
    const passages = await kb.search('大数据 中级 学时', { k: 5 });
    expect(passages).toHaveLength(5);
    for (const p of passages) {
      expect(p.score).toBeGreaterThan(0);
      expect(p.score).toBeLessThanOrEqual(1);
      expect(p.vectorScore).toBeGreaterThanOrEqual(-1);
      expect(p.vectorScore).toBeLessThanOrEqual(1);
    }
    expect(passages.map((p) => p.score)).toEqual([...passages.map((p) => p.score)].sort((a, b) => b - a));
    expect(passages[0]!.keywordScore).toBeGreaterThan(0);
  });

  it('keeps only the regions asked for', async () => {
    const passages = await kb.search('职称认定', { k: 8, regions: ['威海'] });
    expect(passages.length).toBeGreaterThan(0);
    expect(passages.every((p) => p.region === '威海')).toBe(true);
  });

  it('keeps only the documents asked for', async () => {
    const passages = await kb.search('补贴', { k: 8, docs: ['zaozhuang-2023', 'jinhua-2024'] });
    expect(passages.length).toBeGreaterThan(0);
    expect(new Set(passages.map((p) => p.doc))).toEqual(new Set(['zaozhuang-2023', 'jinhua-2024']));
  });

  it('returns nothing for a filter no chunk matches or an empty query', async () => {
    expect(await kb.search('补贴', { regions: ['金华'] })).toEqual([]);
    expect(await kb.search('   ')).toEqual([]);
  });

  it('puts a region named in the query first', async () => {
    const passages = await kb.search('辽宁 补贴', { k: 3 });
    expect(passages[0]!.region).toBe('辽宁');
  });

  it('lists every chunk in document order and a version string', () => {
    const ids = kb.chunks().map((c) => c.id);
    expect(ids[0]).toBe('zaozhuang-2026#1');
    expect(new Set(ids).size).toBe(ids.length);
    expect(kb.version()).toMatch(/^[0-9a-f]{12}$/u);
  });
});
