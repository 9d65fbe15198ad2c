import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { containsMojibake, findMojibakeRuns, repairMojibake, repairMojibakeRuns } from '../../knowledge/ingest/mojibake.js';
import { ingestDocuments } from '../../knowledge/ingest/ingest-documents.js';

const fixture = readFileSync('test/fixtures/docs/mojibake-line.txt', 'utf8');

describe('mojibake detection', () => {
  it('finds the GBK-as-cp1252 line of a small fixture and nothing else', () => {
    const runs = findMojibakeRuns(fixture);
    expect(runs.map((r) => r.text)).toEqual(['¹ØÓÚ×éÖ¯¿ªÕ¹']);
  });

  it('does not flag Chinese text with legitimate Latin-1 signs such as × and ·', () => {
    expect(containsMojibake('正文第一段，乘号×与间隔号·都是合法字符。温度25°C，面积10m²。')).toBe(false);
  });

  it('flags the tail of the real Liaoning notice', () => {
    expect(containsMojibake(readFileSync('knowledge/docs/liaoning-2023.txt', 'utf8'))).toBe(true);
  });
});

describe('mojibake repair', () => {
  it('re-encodes a run as cp1252 and decodes it as GBK', () => {
    expect(repairMojibake('¹ØÓÚ×éÖ¯¿ªÕ¹')).toEqual({ ok: true, value: '关于组织开展' });
  });

  it('refuses a run that does not decode to clean Chinese', () => {
    expect(repairMojibake('ÀÀÀÀÀ').ok).toBe(false);
  });

  it('drops a run it cannot repair and reports it', () => {
    const { text, actions } = repairMojibakeRuns('前文。\nÀÀÀÀÀ\n后文。');
    expect(containsMojibake(text)).toBe(false);
    expect(text).toContain('前文。');
    expect(actions).toMatchObject([{ kind: 'mojibake-dropped' }]);
  });

  it('replaces the fixture line with its repair', () => {
    const { text, actions } = repairMojibakeRuns(fixture);
    expect(text).toContain('关于组织开展');
    expect(actions).toMatchObject([{ kind: 'mojibake-repaired', detail: '关于组织开展' }]);
  });
});

describe('ingestion of the real notices', () => {
  it('indexes no chunk containing mojibake and reports the Liaoning repair', async () => {
    const ingested = await ingestDocuments('knowledge/docs');
    if (!ingested.ok) throw new Error(ingested.error);
    const garbled = ingested.value.chunks.filter((c) => containsMojibake(c.text) || containsMojibake(c.section));
    expect(garbled.map((c) => c.id)).toEqual([]);
    expect(ingested.value.report).toContainEqual(expect.objectContaining({ kind: 'mojibake-repaired', doc: 'liaoning-2023' }));
  });
});
