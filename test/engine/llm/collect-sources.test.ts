import { describe, expect, it } from 'vitest';
import { collectSources } from '../../../bot/engine/llm/collect-sources.js';
import type { DocumentMeta } from '../../../knowledge/facts/schema.js';

const DOCS: DocumentMeta[] = [
  {
    id: 'weihai-2023',
    file: 'weihai-2023.txt',
    title: '关于印发威海市数字工程师培育项目实施方案的通知',
    shortTitle: '威海市培育项目实施方案',
    issuer: '威海市人力资源和社会保障局',
    region: '威海',
    docNumber: null,
    issued: null,
    effective: null,
    attachments: [],
    audience: 'residents',
  },
];

describe('collectSources', () => {
  it('keeps the offline sources first, adds the facts and passages of tool outputs, and drops duplicates', () => {
    const offline = [{ doc: 'weihai-2023', title: '威海市培育项目实施方案', section: '一', quote: '原文甲' }];
    const calls = [
      { name: 'fee-lookup', input: {}, output: { ok: true, facts: [{ doc: 'weihai-2023', section: '一', quote: '原文甲' }, { doc: 'weihai-2023', section: '二', quote: '原文乙' }] } },
      { name: 'search-notices', input: {}, output: { ok: true, value: { passages: [{ doc: 'other-doc', section: '三', quote: '原文丙', score: 1 }] } } },
      { name: 'broken', input: {}, output: 'not json' },
    ];
    expect(collectSources(offline, calls, DOCS)).toEqual([
      offline[0],
      { doc: 'weihai-2023', title: '威海市培育项目实施方案', section: '二', quote: '原文乙' },
      { doc: 'other-doc', title: 'other-doc', section: '三', quote: '原文丙' },
    ]);
  });
});
