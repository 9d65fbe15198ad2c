import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskJsonLine, maskPersonalData, maskPhone } from '../../bot/mask.js';
import { createLogger } from '../../bot/log.js';
import { openStore } from '../../bot/store/store.js';
import { realFacts } from '../engine/fake-ports.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('maskPersonalData masks residents’ numbers however they are typed', () => {
  it.each([
    ['手机13906325566', '手机139****5566'],
    ['手机号码是 139 0632 5566', '手机号码是 139****5566'],
    ['139-0632-5566', '139****5566'],
    ['139 - 0632 - 5566', '139****5566'],
    ['1390 632 5566', '139****5566'],
    ['139－0632－5566', '139****5566'],
    ['139\u30000632\u30005566', '139****5566'],
    ['１３９０６３２５５６６', '139****5566'],
    ['１３９ ０６３２ ５５６６', '139****5566'],
    ['+86 139 0632 5566', '+86 139****5566'],
    ['+8613906325566', '+86139****5566'],
    ['＋86-139-0632-5566', '＋86-139****5566'],
    ['008613906325566', '0086139****5566'],
    ['0086 139 0632 5566', '0086 139****5566'],
    ['8613906325566', '86139****5566'],
    ['(+86)13906325566', '(+86)139****5566'],
    ['身份证370402199001011234', '身份证3704**********1234'],
    ['3704 0219 9001 011234', '3704**********1234'],
    ['370402-19900101-1234', '3704**********1234'],
    ['37040219900101123X', '3704**********123X'],
    ['37040219900101123x', '3704**********123X'],
    ['3704 0219 9001 01123x', '3704**********123X'],
    ['３７０４０２１９９００１０１１２３４', '3704**********1234'],
    ['3704021990010112３Ｘ', '3704**********123X'],
    ['370402900101123', '3704*******1123'],
    ['370402 900101 123', '3704*******1123'],
    ['370402199013011234', '3704**********1234'],
    ['身份证370402199001011234手机13906325566', '身份证3704**********1234手机139****5566'],
    ['370402199001011234 13906325566', '3704**********1234 139****5566'],
    ['电话13912345678 2人报名', '电话139****5678 2人报名'],
    ['我叫李明，13906325566，想报中级', '我叫李明，139****5566，想报中级'],
  ])('%s -> %s', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });
});

describe('maskPersonalData leaves what is not personal readable', () => {
  it.each([
    ['0632-3312345'],
    ['0632 3312345'],
    ['06323312345'],
    ['滕州市人社局 0632-5513165'],
    ['市中区人力资源和社会保障局  3921736'],
    ['联系电话：024-22904752  22959125'],
    ['办公电话：0532-86980900'],
    ['12333'],
    ['400-123-4567'],
    ['报名截止2026-04-20'],
    ['2026-03-15T09:00:00.000Z'],
    ['职业编码2-02-30-11'],
    ['ZJGC13-2024-0001'],
    ['培训费3500元，补贴1300元'],
    ['初级 1000 中级 1300 高级 3500'],
    ['1390632556'],
    ['139063255661'],
    ['2022—2030'],
  ])('%s', (text) => {
    expect(maskPersonalData(text)).toBe(text);
  });

  it('masks no phone number the notices print, given the notices’ published mobiles as public', () => {
    const publicNumbers = new Set(
      realFacts()
        .ofKind('contact')
        .flatMap((f) => (f.phone && /^1[3-9]\d{9}$/u.test(f.phone) ? [f.phone] : [])),
    );
    expect(publicNumbers.size).toBe(3);
    for (const file of ['zaozhuang-2026.txt', 'zaozhuang-2023.txt', 'weihai-2023.txt', 'jinhua-2024.txt', 'liaoning-2023.txt']) {
      const text = readFileSync(path.join(root, 'knowledge/docs', file), 'utf8');
      expect(maskPersonalData(text, { publicNumbers }), file).toBe(text);
    }
  });

  it('masks only mobile-format numbers in the notices when no public numbers are given: landlines never', () => {
    const text = readFileSync(path.join(root, 'knowledge/docs/zaozhuang-2026.txt'), 'utf8');
    const masked = maskPersonalData(text);
    for (const landline of ['5513165', '3921736', '0532-86980900', '2-02-30-11']) expect(masked).toContain(landline);
    expect(masked).not.toContain('15315546026');
    expect(masked).toContain('153****6026');
  });

  it('masks a published mobile that a resident retypes in another format only when it is not public', () => {
    expect(maskPersonalData('153 1554 6026', { publicNumbers: new Set(['15315546026']) })).toBe('153 1554 6026');
    expect(maskPersonalData('153 1554 6026')).toBe('153****6026');
  });

  it('handles a long run of digits and spaces quickly', () => {
    const started = performance.now();
    maskPersonalData('1 '.repeat(5000));
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('maskIdNumber and maskPhone', () => {
  it('keep four and four of an ID, three and four of a phone', () => {
    expect(maskIdNumber('370402199001011234')).toBe('3704**********1234');
    expect(maskPhone('13906325566')).toBe('139****5566');
  });
});

describe('the logger', () => {
  it('masks every format in message and field strings, through maskPersonalData', () => {
    const lines: string[] = [];
    const logger = createLogger('info', (l) => lines.push(l));
    logger.info('question 139 0632 5566', {
      question: '身份证 3704 0219 9001 011234，手机 +86 139-0632-5566，全角１３９０６３２５５６６',
      nested: { phone: '0086 13906325566', hotline: '0632-3312345' },
      error: new Error('failed for 370402199001011234'),
    });
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    for (const clear of ['0632 5566', '0219 9001', '139-0632', '１３９０', '13906325566', '370402199001011234']) expect(line).not.toContain(clear);
    const record = JSON.parse(line) as Record<string, unknown>;
    expect(record.msg).toBe('question 139****5566');
    expect(record.question).toBe('身份证 3704**********1234，手机 +86 139****5566，全角139****5566');
    expect(record.nested).toEqual({ phone: '0086 139****5566', hotline: '0632-3312345' });
    expect(JSON.stringify(record.error)).toContain('3704**********1234');
  });
});

describe('maskJsonLine', () => {
  it('masks every string of a JSON line and keeps it valid JSON, a phone logged as a number included', () => {
    const line = JSON.stringify({ level: 'info', time: '2026-03-15T01:00:00.000Z', pid: 4242, n: 13906325566, list: ['139 0632 5566', 3], msg: 'ok' });
    expect(JSON.parse(maskJsonLine(`${line}\n`))).toEqual({ level: 'info', time: '2026-03-15T01:00:00.000Z', pid: 4242, n: '139****5566', list: ['139****5566', 3], msg: 'ok' });
    expect(maskJsonLine(`${line}\n`).endsWith('}\n')).toBe(true);
  });

  it('masks a line that is not JSON as text', () => {
    expect(maskJsonLine('plain 139 0632 5566')).toBe('plain 139****5566');
  });

  it('is what the logger runs: a numeric phone field still gives a JSON line', () => {
    const lines: string[] = [];
    createLogger('info', (l) => lines.push(l)).info('x', { n: 13906325566 });
    expect(JSON.parse(lines[0]!).n).toBe('139****5566');
  });
});

describe('the question log', () => {
  it('stores questions masked in every format, hotlines readable', async () => {
    const store = await openStore(':memory:');
    try {
      await store.logQuestion({ time: '2026-03-15T01:00:00.000Z', question: '我手机 139 0632 5566，身份证３７０４０２１９９００１０１１２３４，打 0632-3312345 没人接', answered: false, confidence: 0.1, route: 'unknown' });
      expect((await store.listQuestions()).map((q) => q.question)).toEqual(['我手机 139****5566，身份证3704**********1234，打 0632-3312345 没人接']);
    } finally {
      await store.close();
    }
  });
});
