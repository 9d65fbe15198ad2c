import { describe, expect, it } from 'vitest';
import type { Fact, FactKind, FactOf } from '../../knowledge/facts/schema.js';
import { chineseDate, contactLine, dialable, renderFact } from '../../bot/engine/answer/render-fact.js';
import { realFacts } from './fake-ports.js';

const facts = realFacts();

/** A fact of the shipped table by id, narrowed to its kind (fails the test when missing). */
function fact<K extends FactKind>(id: string, kind: K): FactOf<K> {
  const f: Fact | undefined = facts.byId(id);
  if (!f || f.kind !== kind) throw new Error(`fact ${id} of kind ${kind} missing from facts.json`);
  return f as FactOf<K>;
}

describe('renderFact: fees', () => {
  it.each([['zz26-fee-junior'], ['zz26-fee-middle']])('writes the amount, mode, what %s includes and, after 不含, what it excludes', (id) => {
    const f = fact(id, 'fee');
    const line = renderFact(f);
    expect(line).toContain(`${f.amountYuan}元`);
    expect(line).toContain(f.occupation);
    expect(line).toContain(f.level);
    if (f.mode) expect(line).toContain(f.mode);
    expect(f.includes.length).toBeGreaterThan(0);
    expect(f.excludes.length).toBeGreaterThan(0);
    const [included, excluded] = line.split('不含');
    for (const item of f.includes) expect(included).toContain(item);
    for (const item of f.excludes) expect(excluded).toContain(item);
  });

  it('renders the two Zaozhuang fees with different amounts', () => {
    expect(renderFact(fact('zz26-fee-junior', 'fee'))).not.toBe(renderFact(fact('zz26-fee-middle', 'fee')));
  });

  it('says nothing about inclusions or exclusions a fee does not list', () => {
    const bare = { ...fact('zz26-fee-junior', 'fee'), includes: [], excludes: [], mode: undefined };
    const line = renderFact(bare);
    expect(line).toContain(`${bare.amountYuan}元`);
    expect(line).not.toContain('不含');
    expect(line).not.toContain('包含');
    expect(line).not.toContain('（线上');
  });
});

describe('renderFact: subsidies and hours', () => {
  it.each([['zz26-subsidy-junior'], ['zz26-subsidy-middle'], ['zj23-subsidy-big-data-senior'], ['zj23-subsidy-blockchain-middle']])(
    'writes the amount, level and beneficiaries of %s, and the hours required when the fact has them',
    (id) => {
      const f = fact(id, 'subsidy');
      const line = renderFact(f);
      expect(line).toContain(`${f.amountYuan}元`);
      expect(line).toContain(f.level);
      expect(line).toContain(f.beneficiaries);
      if (f.hoursRequired) expect(line).toContain(`${f.hoursRequired}学时`);
      else expect(line).not.toContain('学时');
    },
  );

  it('splits the hours into online and offline when the fact gives both', () => {
    const f = fact('zz26-hours-middle', 'hours');
    expect(f.online).toBeDefined();
    expect(f.offline).toBeDefined();
    const line = renderFact(f);
    expect(line).toContain(`${f.total}学时`);
    expect(line).toContain(`${f.online}学时`);
    expect(line).toContain(`${f.offline}学时`);
  });

  it('gives only the total when the fact has no online/offline split', () => {
    const f = fact('zj23-hours-big-data-junior', 'hours');
    expect(f.online).toBeUndefined();
    const line = renderFact(f);
    expect(line).toContain(`${f.total}学时`);
    expect(line).not.toContain('线上');
  });
});

describe('renderFact: contacts', () => {
  it.each([
    ['zz26-contact-tengzhou', '0632-5513165'],
    ['zz26-contact-shanting', '0632-8811170'],
    ['zz26-contact-gaoxin', '0632-8691030'],
  ])('joins the area code and the local number of %s (%s)', (id, dialled) => {
    const f = fact(id, 'contact');
    expect(f.areaCode).toBeDefined();
    const line = renderFact(f);
    expect(line).toContain(f.name);
    expect(line).toContain(dialled);
    expect(line).toBe(contactLine(f));
  });

  it.each([['zz26-contact-tech-xu'], ['zz26-contact-upc-office'], ['zz23-contact-talent-section'], ['ln23-contact']])(
    'leaves the mobile or already complete number of %s as printed',
    (id) => {
      const f = fact(id, 'contact');
      const line = renderFact(f);
      expect(line).toContain(f.phone!);
      if (f.areaCode) expect(line).not.toContain(`${f.areaCode}-${f.phone}`);
    },
  );

  it('keeps a mobile number unchanged even when the contact has an area code', () => {
    const f = { ...fact('zz26-contact-tengzhou', 'contact'), phone: '13912345678' };
    expect(renderFact(f)).toContain('13912345678');
    expect(renderFact(f)).not.toContain('0632-139');
  });

  it('adds the email and the address when the notice gives them', () => {
    const f = fact('ln23-contact', 'contact');
    const line = renderFact(f);
    expect(line).toContain(f.email!);
    expect(line).toContain(f.address!);
  });

  it('names a contact that has no phone number without inventing one', () => {
    const f = fact('wh23-contact-section', 'contact');
    expect(f.phone).toBeUndefined();
    expect(renderFact(f).startsWith(f.name)).toBe(true);
    expect(renderFact(f)).toContain('未公布电话');
    expect(renderFact(f)).not.toMatch(/\d/);
  });
});

describe('dialable', () => {
  it.each<[string, string | undefined, string]>([
    ['5513165', '0632', '0632-5513165'],
    [' 3921736 ', '0632', '0632-3921736'],
    ['0632-5513165', '0632', '0632-5513165'],
    ['0532-86980900', undefined, '0532-86980900'],
    ['15315546026', '0632', '15315546026'],
    ['5513165', undefined, '5513165'],
  ])('dials %s with area code %s as %s', (phone, areaCode, expected) => {
    expect(dialable(phone, areaCode)).toBe(expected);
  });
});

describe('renderFact: the other kinds', () => {
  it('quotes the deadline sentence of the notice, which carries the closing date in Chinese', () => {
    const f = fact('zz26-deadline-registration', 'deadline');
    const line = renderFact(f);
    expect(line).toBe(f.quote);
    expect(line).toContain(chineseDate(f.closes));
  });

  it('lists every eligibility clause under its level', () => {
    const f = fact('zz26-eligibility-middle', 'eligibility');
    const rendered = renderFact(f).split('\n');
    expect(rendered[0]).toContain(f.level);
    expect(rendered).toHaveLength(f.clauses.length + 1);
    f.clauses.forEach((c, i) => expect(rendered[i + 1]).toContain(c.quote));
  });

  it('writes the occupation code only when the fact has one', () => {
    const coded = fact('zj23-occupation-big-data', 'occupation');
    expect(renderFact(coded)).toContain(coded.code!);
    const uncoded = fact('ln23-occupation-iot', 'occupation');
    expect(uncoded.code).toBeUndefined();
    expect(renderFact(uncoded)).toBe(uncoded.name);
  });

  it('tells a training institution from an evaluation institution', () => {
    const training = renderFact(fact('zz26-institution-training', 'institution'));
    const evaluation = renderFact(fact('zz26-institution-evaluation', 'institution'));
    expect(training).toContain('培训机构');
    expect(evaluation).toContain('评价机构');
    expect(evaluation).toContain('中国电子学会');
  });

  it.each([['zz26-refund-city', 'rule'], ['zz26-title-level-junior', 'title']] as const)('renders the %s %s as its statement', (id, kind) => {
    const f = fact(id, kind);
    expect(renderFact(f)).toBe(f.statement);
  });

  it('renders a form field as its label', () => {
    const f = fact('zz26-form-phone', 'form-field');
    expect(renderFact(f)).toBe(f.label);
  });
});

describe('chineseDate', () => {
  it.each([
    ['2026-04-20', '2026年4月20日'],
    ['2023-06-15', '2023年6月15日'],
    ['2024-05-01', '2024年5月1日'],
    ['2023-12-31', '2023年12月31日'],
  ])('writes %s as %s', (iso, expected) => {
    expect(chineseDate(iso)).toBe(expected);
  });

  it.each([['2026-4-20'], ['即日起'], ['']])('leaves %s, which is not an ISO date, unchanged', (text) => {
    expect(chineseDate(text)).toBe(text);
  });
});
