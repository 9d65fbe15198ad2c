/**
 * A bad fact, a bad notice or an impossible clock refuses to start, naming the
 * culprit: through createApp (what the console, the eval and the bench use),
 * through the dte command's main(), and through `npm start` (a real process).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { AppStartError, createApp } from '../../bot/app.js';
import { parseConfig } from '../../bot/config.js';
import { main as dte } from '../../bot/channels/cli/dte.js';
import { defaultFactAsks, useExamples } from '../../knowledge/language/examples-schema.js';
import { brokenFixtures, NOTICE, REAL_DOCS, ROOT, SUBSIDY_FACT } from '../knowledge/start-checks-fixture.js';

const fx = brokenFixtures();
afterAll(() => fx.cleanup());

const CASES = [
  { name: 'a facts file with an invented quote', env: () => ({ DTE_FACTS: fx.inventedQuote }), names: () => [SUBSIDY_FACT, fx.inventedQuote, path.join(REAL_DOCS, 'zaozhuang-2026.txt')] },
  { name: 'a facts file with an unknown document id', env: () => ({ DTE_FACTS: fx.unknownDoc }), names: () => [SUBSIDY_FACT, fx.unknownDoc, 'zaozhuang-2027'] },
  { name: 'a notice replaced by mojibake', env: () => ({ DTE_DOCS_DIR: fx.mojibakeDocs }), names: () => [path.join(fx.mojibakeDocs, NOTICE.file), NOTICE.factId] },
  { name: 'a notice replaced by other text', env: () => ({ DTE_DOCS_DIR: fx.otherTextDocs }), names: () => [path.join(fx.otherTextDocs, NOTICE.file), NOTICE.factId] },
];

/** An offline configuration in the fixtures' directory; the index is never built, the checks come first. */
const baseEnv = () => ({ DTE_DB: ':memory:', DTE_INDEX_DIR: path.join(fx.dir, 'index'), DTE_LOG_LEVEL: 'silent', DTE_CONSOLE: 'false' });

describe('createApp', () => {
  it.each(CASES)('refuses $name, naming it', async ({ env, names }) => {
    const r = parseConfig({ ...baseEnv(), ...env() });
    if (!r.ok) throw new Error(r.message);
    const started = createApp(r.config);
    await expect(started).rejects.toBeInstanceOf(AppStartError);
    const message = await started.then(
      () => '',
      (e: Error) => e.message,
    );
    for (const n of names()) expect(message).toContain(n);
  });
});

describe('createApp and the language data', () => {
  const shipped = defaultFactAsks();
  afterEach(() => useExamples({ asks: shipped }));

  it('refuses example asks for a fact that does not exist, naming the fact id', async () => {
    useExamples({ asks: { ...shipped, 'zz26-no-such-fact': ['这条不存在'] } });
    const r = parseConfig(baseEnv());
    if (!r.ok) throw new Error(r.message);
    const message = await createApp(r.config).then(
      () => '',
      (e: Error) => (e instanceof AppStartError ? e.message : `not a start error: ${e.message}`),
    );
    expect(message).toContain('zz26-no-such-fact');
    expect(message).toContain('knowledge/language');
  });
});

describe('dte main()', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    vi.restoreAllMocks();
  });

  /** Run main() in this process with these variables; what it wrote to stdout and stderr. */
  async function run(argv: string[], env: Record<string, string>) {
    for (const k of Object.keys(process.env)) if (k.startsWith('DTE_') || k.startsWith('LLM_') || k.startsWith('EMBEDDINGS_')) delete process.env[k];
    Object.assign(process.env, baseEnv(), env);
    let stderr = '';
    let stdout = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
    const code = await dte(argv);
    vi.restoreAllMocks();
    return { code, stderr, stdout };
  }

  it.each(CASES)('exits 1 on $name, naming it on stderr', async ({ env, names }) => {
    const r = await run(['ask', '枣庄中级培训补贴多少？'], env());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    for (const n of names()) expect(r.stderr).toContain(n);
  });

  it.each(['2026-02-30', '2026-13-01', '2026-02-29', '2026-03-15T25:00'])('exits 2 on --now %s, saying why', async (now) => {
    const r = await run(['ask', '--now', now, '还能报名吗'], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--now');
    expect(r.stderr).toContain(now);
    expect(r.stderr).toMatch(/not a real (date|time)/u);
  });

  it.each(['2026-02-30', '2026-13-01'])('exits 2 on DTE_NOW=%s with the config error', async (now) => {
    const r = await run(['ask', '还能报名吗'], { DTE_NOW: now });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('DTE_NOW');
    expect(r.stderr).toContain(now);
  });
});

describe('npm start', () => {
  /** `node bin/start.js` (what npm start runs) with only these DTE_ variables. */
  function start(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DTE_') && !k.startsWith('LLM_') && !k.startsWith('WECHATY_')));
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/start.js'], { cwd: ROOT, env: { ...clean, ...baseEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('exits 1 on a facts file with an invented quote, naming the fact and the file', async () => {
    const [invented, garbled] = await Promise.all([start({ DTE_FACTS: fx.inventedQuote }), start({ DTE_DOCS_DIR: fx.mojibakeDocs })]);
    expect(invented.code).toBe(1);
    expect(invented.stderr).toContain(SUBSIDY_FACT);
    expect(invented.stderr).toContain(fx.inventedQuote);
    expect(garbled.code).toBe(1);
    expect(garbled.stderr).toContain(path.join(fx.mojibakeDocs, NOTICE.file));
  }, 30_000);

  it('exits 2 on DTE_NOW=2026-02-30 with the config error', async () => {
    const r = await start({ DTE_NOW: '2026-02-30' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('DTE_NOW');
    expect(r.stderr).toContain('2026-02-30');
  }, 30_000);
});
