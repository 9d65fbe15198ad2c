import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKnowledgeBase } from '../../knowledge/knowledge-base.js';
import { HnswGraph, graphFor } from '../../knowledge/index/hnsw-graph.js';
import type { HybridKnowledgeBase } from '../../knowledge/index/hybrid-index.js';
import type { LexicalEmbeddings } from '../../knowledge/index/lexical-embeddings.js';
import { QUESTIONS_PATH, loadQuestions } from '../eval/eval-item.js';

let root: string;
let kb: HybridKnowledgeBase;
let bytes: Buffer;
let questions: string[];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dte-graph-'));
  const opened = await openKnowledgeBase({ docsDir: 'knowledge/docs', indexDir: join(root, 'index'), now: () => new Date('2026-03-01T00:00:00Z') });
  if (!opened.ok) throw new Error(opened.error);
  kb = opened.value.knowledgeBase;
  bytes = await readFile(join(root, 'index/hnswlib/hnswlib.index'));
  const loaded = loadQuestions(QUESTIONS_PATH);
  if (!loaded.ok) throw new Error(loaded.error);
  questions = loaded.value.flatMap((i) => (i.question ? [i.question] : [])).slice(0, 120);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the JS replay of the HNSW search', () => {
  it('finds the same neighbours at the same float32 distances as hnswlib-node, with and without a filter', async () => {
    const graph = HnswGraph.parse(bytes, kb.store.index.getNumDimensions())!;
    expect(graph.count).toBe(kb.chunks().length);
    const filters = [undefined, (l: number) => l < 40, (l: number) => l % 5 === 0, (l: number) => l === 7 || l === 90];
    let compared = 0;
    for (const q of questions) {
      const vector = await kb.embeddings.embedQuery(q);
      if (!vector.some((x) => x !== 0)) continue;
      for (const k of [1, 5, 40]) {
        for (const filter of filters) {
          const native = kb.store.index.searchKnn(vector, k, filter);
          const mine = graph.search(vector, k, filter);
          expect(mine.labels).toEqual(native.neighbors);
          expect(mine.distances).toEqual(native.distances);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('searches a sparse query (its non-zero entries) and a label mask exactly as the dense vector and a predicate', async () => {
    const graph = HnswGraph.parse(bytes, kb.store.index.getNumDimensions())!;
    const emb = kb.embeddings as LexicalEmbeddings;
    const mask = new Uint8Array(graph.count).map((_, label) => (label % 5 === 0 ? 1 : 0));
    let compared = 0;
    for (const q of questions) {
      const vector = await emb.embedQuery(q);
      const sparse = emb.embedSparse(q);
      for (const k of [1, 5, 40]) {
        expect(graph.searchSparse(sparse, k)).toEqual(graph.search(vector, k));
        expect(graph.searchSparse(sparse, k, mask)).toEqual(graph.search(vector, k, (l) => l % 5 === 0));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(300);
    expect(() => graph.searchSparse({ index: [3, 2], value: [0.5, 0.5] }, 5)).toThrow(/out of order/u);
  });

  it('serves the saved index, and its passages are those the library search gives', async () => {
    const viaGraph = kb as unknown as { graph?: HnswGraph };
    const graph = viaGraph.graph;
    expect(graph).toBeInstanceOf(HnswGraph);
    const withGraph = [];
    for (const q of questions.slice(0, 40)) withGraph.push(await kb.search(q), await kb.search(q, { regions: ['威海'] }));
    (kb as unknown as { graph?: HnswGraph }).graph = undefined;
    try {
      const withLibrary = [];
      for (const q of questions.slice(0, 40)) withLibrary.push(await kb.search(q), await kb.search(q, { regions: ['威海'] }));
      expect(withGraph).toEqual(withLibrary);
    } finally {
      (kb as unknown as { graph?: HnswGraph }).graph = graph;
    }
  });

  it('refuses bytes that are not an index it can replay, so the library is searched instead', () => {
    expect(HnswGraph.parse(bytes.subarray(0, 500), 1024)).toBeUndefined();
    expect(HnswGraph.parse(bytes, 1000)).toBeUndefined();
    expect(HnswGraph.parse(new Uint8Array(96), 1024)).toBeUndefined();
    const other = { ...kb.store.index, getNumDimensions: () => 1024, getCurrentCount: () => 3 } as unknown as Parameters<typeof graphFor>[0];
    expect(graphFor(other, bytes)).toBeUndefined();
  });
});
