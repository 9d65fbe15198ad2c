import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHUNKING } from '../../knowledge/ingest/chunking-params.js';
import type { SourceChunk } from '../../knowledge/ingest/chunk-document.js';
import { ingestDocuments, type Ingested } from '../../knowledge/ingest/ingest-documents.js';
import { normaliseLines } from '../../knowledge/ingest/normalise-text.js';
import { searchableText } from '../../knowledge/index/hybrid-index.js';
import { matchKey } from '../../knowledge/text/match-key.js';

let ingested: Ingested;
let chunks: SourceChunk[];
const ofDoc = (doc: string) => chunks.filter((c) => c.doc === doc);

beforeAll(async () => {
  const result = await ingestDocuments('knowledge/docs');
  if (!result.ok) throw new Error(result.error);
  ingested = result.value;
  chunks = result.value.chunks;
});

describe('normalisation', () => {
  it('folds a BOM, zero-width characters, odd spaces, bookmarks and markdown markers', () => {
    const lines = normaliseLines('\uFEFF## **二、申请条件**\n[bookmark: _GoBack]联\u00A0系\u200B人：刘\u3000超群\n---');
    expect(lines.map((l) => l.text)).toEqual(['二、申请条件', '联 系人：刘 超群', '']);
    expect(lines[0]!.markdownHeading).toBe(true);
  });

  it('keeps full-width Chinese punctuation as it is', () => {
    expect(normaliseLines('（一）培训报名，请填写《报名表》；')[0]!.text).toBe('（一）培训报名，请填写《报名表》；');
  });
});

describe('chunks of the real notices', () => {
  it('gives every chunk a stable id, a section path and text within the size limit', () => {
    for (const doc of ingested.documents) {
      ofDoc(doc.id).forEach((c, i) => {
        expect(c.id).toBe(`${doc.id}#${i + 1}`);
        expect(c.section.trim()).not.toBe('');
        expect(c.text.trim()).not.toBe('');
        expect([...c.text].length).toBeLessThanOrEqual(CHUNKING.maxChars + CHUNKING.captionMaxChars + 1);
      });
    }
  });

  it('keeps the Liaoning opening once, dropping the repaired and flattened copies', () => {
    const opening = matchKey('为贯彻落实党的二十大精神和习近平总书记关于做好新时代人才工作的重要思想');
    expect(chunks.filter((c) => matchKey(c.text).includes(opening))).toHaveLength(1);
    const dropped = ingested.report.filter((a) => a.kind === 'duplicate-dropped' && a.doc === 'liaoning-2023');
    expect(dropped.length).toBeGreaterThanOrEqual(2);
  });

  it('puts every Zhejiang subsidy table row whole into one chunk, with its column names', () => {
    const raw = readFileSync('knowledge/docs/jinhua-2024.txt', 'utf8');
    const rows = raw.split('\n').filter((l) => /工程技术人员\t2-02-/u.test(l));
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const cells = row.split('\t').map((c) => c.trim());
      const holder = chunks.filter((c) => c.text.includes(`职业（工种）名称：${cells[0]}；`));
      expect(holder).toHaveLength(1);
      let at = 0;
      for (const cell of cells) {
        const found = holder[0]!.text.indexOf(cell, at);
        expect(found, `${cell} of ${cells[0]}`).toBeGreaterThanOrEqual(0);
        at = found + cell.length;
      }
      expect(holder[0]!.text).toContain('中级 补贴金额');
      expect(holder[0]!.section).toBe('附件2 数字技术工程师培训补贴标准目录（首批）');
    }
  });

  it('puts every Zaozhuang contacts line whole into one chunk', () => {
    const raw = readFileSync('knowledge/docs/zaozhuang-2026.txt', 'utf8');
    const lines = raw.split('\n').filter((l) => /\s\d{7,11}\s*$/u.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(11);
    for (const line of lines) {
      expect(chunks.some((c) => c.doc === 'zaozhuang-2026' && matchKey(c.text).includes(matchKey(line))), line).toBe(true);
    }
    const contacts = chunks.find((c) => c.text.includes('滕州市人力资源和社会保障局'));
    expect(contacts?.section).toBe('八、注意事项 > （二）政策咨询及报名电话');
  });

  it('keeps the section path of a rule, its inline title included', () => {
    const rule = chunks.find((c) => c.text.includes('取得初级培训合格证书的，可直接申报初级职称评审或考试，取得中级'));
    expect(rule?.section).toBe('六、培训结果及政策保障 > （三）享受职称评定政策');
    const fee = chunks.find((c) => c.text.includes('培训费3500元'));
    expect(fee?.section).toBe('附件2 中国石油大学（华东）招生简章（中级） > 六、收费标准及政策 > （一）收费标准');
  });

  it('never cuts a numbered rule in half', () => {
    const rule = '3.培训机构和评价机构一般应是2018年12月31日以前注册登记成立的，具有一定的技术技能人员培训、考核经验，达到年培训、考核技术技能人员2000人次以上的规模。';
    expect(chunks.some((c) => c.text.includes(rule))).toBe(true);
  });

  it('indexes each empty form template as one short chunk naming the form and its fields', () => {
    for (const section of ['附件1 数字技术工程师培育项目培训机构推荐表', '附件2 数字技术工程师培育项目评价机构推荐表']) {
      const form = ofDoc('liaoning-2023').filter((c) => c.section.startsWith(section));
      expect(form).toHaveLength(1);
      expect([...form[0]!.text].length).toBeLessThanOrEqual(CHUNKING.formSummaryMaxChars);
      expect(form[0]!.text).toContain('统一社会信用代码');
    }
    const registration = chunks.find((c) => c.section === '附件3 枣庄市数字化管理师培育项目报名表');
    expect(registration?.text).toContain('身份证号');
  });

  it('makes the short title searchable without putting it into the text', () => {
    const c = ofDoc('weihai-2023')[3]!;
    expect(c.text).not.toContain(c.docTitle);
    expect(searchableText(c)).toContain('威海市培育项目实施方案');
  });

  it('joins the hard-wrapped lines of the Weihai notice back into sentences', () => {
    expect(chunks.some((c) => c.text.includes('助力数字经济和实体经济深度融合'))).toBe(true);
  });
});

describe('near-duplicates in a small fixture', () => {
  it('drops a garbled and a flattened copy of the opening but keeps the rules', async () => {
    const result = await ingestDocuments('test/fixtures/docs/dup-notice');
    if (!result.ok) throw new Error(result.error);
    const opening = matchKey('为加快数字技术人才自主培养');
    expect(result.value.chunks.filter((c) => matchKey(c.text).includes(opening))).toHaveLength(1);
    expect(result.value.report.filter((a) => a.kind === 'duplicate-dropped')).toHaveLength(2);
    expect(result.value.report).toContainEqual(expect.objectContaining({ kind: 'mojibake-repaired' }));
    const deadline = result.value.chunks.find((c) => c.text.includes('2023年6月15日前'));
    expect(deadline?.section).toBe('一、申报范围 > （二）截止时间');
  });

  it('reports a missing documents.json as an error value naming it', async () => {
    const result = await ingestDocuments('test/fixtures/docs/no-such-dir');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('documents.json');
  });
});
