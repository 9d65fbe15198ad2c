/**
 * The dte command as a resident or operator runs it: a real process, the
 * real notices and facts, a database and an index in a temporary directory.
 * Each process costs a second or two, so questions are batched through stdin
 * and independent runs go in parallel.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realFacts } from '../../engine/fake-ports.js';
import { stepwiseAnswers, ZHANG } from '../../fixtures/dialogues/residents.js';

const root = path.resolve(import.meta.dirname, '../../..');
const facts = realFacts();
const formLabels = facts
  .all()
  .flatMap((f) => (f.kind === 'form-field' ? [f] : []))
  .sort((a, b) => a.order - b.order)
  .map((f) => f.label);

let dir: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `dte …` with the test's database and index; `input` is written to stdin (then closed). */
function dte(args: string[], opts: { input?: string; env?: Record<string, string>; db?: string } = {}): Promise<Run> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    // Offline and deterministic: no model, no inherited bot configuration.
    if (v !== undefined && !k.startsWith('DTE_') && !k.startsWith('LLM_') && !k.startsWith('EMBEDDINGS_')) env[k] = v;
  }
  Object.assign(env, {
    DTE_DB: opts.db ?? path.join(dir, `ask-${Math.random().toString(36).slice(2)}.sqlite`),
    DTE_INDEX_DIR: path.join(dir, 'index'),
    DTE_LOG_LEVEL: 'silent',
    ...opts.env,
  });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/channels/cli/dte.ts', ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

function lines(out: string): string[] {
  return out.split('\n').filter((l) => l.trim() !== '');
}

let indexRun: Run;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'dte-cli-'));
  // Build the index once; every later process loads it.
  indexRun = await dte(['index']);
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('dte index', () => {
  it('rebuilds the index into DTE_INDEX_DIR and reports the number of chunks', () => {
    expect(indexRun.stderr).toBe('');
    expect(indexRun.code).toBe(0);
    expect(indexRun.stdout).toMatch(/\b[1-9]\d*\b/u);
    expect(indexRun.stdout).toContain(path.join(dir, 'index'));
    expect(existsSync(path.join(dir, 'index', 'manifest.json'))).toBe(true);
  });
});

describe('dte ask', () => {
  const subsidy = '枣庄中级培训补贴多少？';
  const deadline = '报名截止到什么时候？还能报吗？';
  let positional: Run;
  let jsonLate: Run;
  let plainEarly: Run;
  let envLate: Run;

  beforeAll(async () => {
    [positional, jsonLate, plainEarly, envLate] = await Promise.all([
      dte(['ask', subsidy]),
      dte(['ask', '--json', '--now', '2026-05-01'], { input: `${subsidy}\n${deadline}\n` }),
      // The flag wins over the environment.
      dte(['ask', '--now', '2026-03-01'], { input: `${subsidy}\n\n${deadline}\n`, env: { DTE_NOW: '2026-05-01' } }),
      dte(['ask', deadline], { env: { DTE_NOW: '2026-05-01' } }),
    ]);
  }, 60_000);

  it('answers a question given as an argument with the amount and the notice’s short title', () => {
    expect(positional.code).toBe(0);
    expect(positional.stderr).toBe('');
    expect(positional.stdout).toContain('1300');
    expect(positional.stdout).toContain('枣庄2026年度培育项目通知');
  });

  it('prints one JSON line per question with question, answer, sources and tools', () => {
    expect(jsonLate.code).toBe(0);
    const out = lines(jsonLate.stdout).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(2);
    expect(out.map((o) => o.question)).toEqual([subsidy, deadline]);
    const first = out[0] as { answer: string; sources: Array<Record<string, unknown>>; tools: Array<Record<string, unknown>> };
    expect(first.answer).toContain('1300');
    expect(first.sources.length).toBeGreaterThan(0);
    for (const s of first.sources) {
      expect(Object.keys(s).sort()).toEqual(['doc', 'quote', 'section', 'title']);
      for (const v of Object.values(s)) expect(typeof v === 'string' && v.length > 0).toBe(true);
    }
    expect(first.sources[0]).toMatchObject({ doc: 'zaozhuang-2026', title: '枣庄2026年度培育项目通知' });
    expect(first.sources[0]!.quote).toContain('1300');
    expect(first.tools.length).toBeGreaterThan(0);
    for (const t of first.tools) expect(Object.keys(t).sort()).toEqual(['input', 'name', 'output']);
    expect(first.tools.map((t) => t.name)).toContain('subsidy-lookup');
  });

  it('answers one line per non-empty input line in stdin mode', () => {
    expect(plainEarly.code).toBe(0);
    const out = lines(plainEarly.stdout);
    expect(out).toHaveLength(2);
    expect(out[0]).toContain('1300');
    expect(out[1]).toContain('2026年4月20日');
  });

  it('answers the deadline by --now: open on 2026-03-01, closed with 意向登记 on 2026-05-01', () => {
    const early = lines(plainEarly.stdout)[1]!;
    const late = (JSON.parse(lines(jsonLate.stdout)[1]!) as { answer: string; tools: Array<{ name: string; output: { deadlines: Array<{ status: string }> } }> });
    expect(early).not.toContain('意向登记');
    expect(late.answer).toContain('意向登记');
    expect(late.tools.find((t) => t.name === 'deadline-status')?.output.deadlines[0]?.status).toBe('closed');
  });

  it('reads the clock from DTE_NOW when no --now is given', () => {
    expect(envLate.code).toBe(0);
    expect(envLate.stdout).toContain('意向登记');
    expect(envLate.stdout).toContain('2026年5月1日');
  });
});

describe('dte: bad usage', () => {
  it('exits with 2 and a message on stderr for an unknown option, a bad --now and an unknown command', async () => {
    const [unknownOption, badNow, notADate, unknownCommand] = await Promise.all([
      dte(['ask', '--bogus', '问题']),
      dte(['ask', '--now', '2026-13-45', '问题']),
      dte(['ask', '--now', 'tomorrow', '问题']),
      dte(['frobnicate']),
    ]);
    for (const [run, mention] of [
      [unknownOption, 'bogus'],
      [badNow, '2026-13-45'],
      [notADate, 'tomorrow'],
      [unknownCommand, 'frobnicate'],
    ] as const) {
      expect({ mention, code: run.code }).toEqual({ mention, code: 2 });
      expect(run.stderr).toContain(mention);
      expect(run.stdout).toBe('');
    }
  }, 30_000);
});

describe('dte chat and registrations export', () => {
  const db = () => path.join(dir, 'chat.sqlite');
  let chat: Run;

  beforeAll(async () => {
    const input = ['我要报名', '同意', ...stepwiseAnswers(ZHANG), '确认'].join('\n') + '\n';
    chat = await dte(['chat', '--json', '--user', 'u1', '--now', '2026-03-01'], { input, db: db() });
  }, 60_000);

  it('runs a whole registration over stdin: consent, every field, the summary and the confirmation', () => {
    expect(chat.stderr).toBe('');
    expect(chat.code).toBe(0);
    const out = lines(chat.stdout).map((l) => JSON.parse(l) as { reply: string; sources: unknown[]; tools: unknown[] });
    expect(out).toHaveLength(12);
    for (const label of formLabels) expect(out[0]!.reply).toContain(label);
    const summary = out[10]!.reply;
    expect(summary).toContain(ZHANG.name);
    expect(summary).not.toContain(ZHANG.idNumber);
    expect(out[11]!.reply).toMatch(/DTE-0*1\b/u);
  });

  it('exports the registration as JSON with the full, unmasked data', async () => {
    const run = await dte(['registrations', 'export', '--format', 'json', '--db', db()]);
    expect(run.code).toBe(0);
    const records = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      name: ZHANG.name,
      gender: ZHANG.gender,
      idNumber: ZHANG.idNumber,
      phone: ZHANG.phone,
      employer: ZHANG.employer,
      district: ZHANG.district,
      level: ZHANG.level,
      status: 'submitted',
    });
  });

  it('exports CSV with the form’s Chinese headers and xlsx with a 报名表 sheet readable by exceljs', async () => {
    const xlsx = path.join(dir, 'registrations.xlsx');
    const [csv, written] = await Promise.all([
      dte(['registrations', 'export', '--format', 'csv', '--db', db()]),
      dte(['registrations', 'export', '--format', 'xlsx', '--out', xlsx, '--db', db()]),
    ]);
    expect(csv.code).toBe(0);
    const [header, row, ...rest] = lines(csv.stdout.replace(/^\uFEFF/u, ''));
    expect(rest).toEqual([]);
    const headers = header!.split(',');
    for (const label of formLabels) expect(headers).toContain(label);
    expect(row).toContain(ZHANG.idNumber);
    expect(row).toContain(ZHANG.phone);

    expect(written.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const sheet = wb.getWorksheet('报名表');
    expect(sheet).toBeDefined();
    const sheetHeaders = (sheet!.getRow(1).values as unknown[]).slice(1).map(String);
    for (const label of formLabels) expect(sheetHeaders).toContain(label);
    const values = (sheet!.getRow(2).values as unknown[]).slice(1).map(String);
    expect(values).toContain(ZHANG.name);
    expect(values).toContain(ZHANG.idNumber);
    expect(sheet!.rowCount).toBe(2);
    expect(statSync(xlsx).mode & 0o777).toBe(0o600);
  }, 30_000);

  it('exports every readable row, names an unreadable one on stderr and still exits 0', async () => {
    const copy = path.join(dir, 'broken.sqlite');
    const src = new Database(db(), { readonly: true });
    await src.backup(copy);
    src.close();
    const d = new Database(copy);
    const ref = (d.prepare('SELECT reference FROM registrations').get() as { reference: string }).reference;
    d.prepare("INSERT INTO registrations (reference, user_id, id_number, level, district, fields, status, created_at, updated_at) VALUES ('BAD-1', 'x', '1', '初级', '滕州市', '{oops', 'submitted', '2026-03-02T00:00:00Z', '2026-03-02T00:00:00Z')").run();
    d.close();
    const run = await dte(['registrations', 'export', '--format', 'json', '--db', copy]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('BAD-1');
    expect((JSON.parse(run.stdout) as Array<{ reference: string }>).map((r) => r.reference)).toEqual([ref]);
  }, 30_000);
});
