/**
 * The `dte` command (a contract: names and shapes stay stable).
 *   dte ask [QUESTION] [--json] [--now YYYY-MM-DD] [--region R]
 *   dte chat [--json] [--now …] [--user ID] [--db PATH]
 *   dte index
 *   dte status [--json]   (the running bot's WeChat connection, from DTE_STATUS_FILE)
 *   dte registrations export --format json|csv|xlsx [--out FILE] [--db PATH] [--district D] [--status S]
 *   dte staff add NAME --role city|district [--district D] [--password-stdin] | staff list [--json] | staff disable NAME
 * Bad options: a message on stderr and exit code 2. A bad input line gets an
 * answer, never a crash. Output is flushed after every answer.
 */
import { createInterface } from 'node:readline';
import { chmodSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig, parseConfig, type Config } from '../../config.js';
import { parseNow } from '../../parse-now.js';
import { createApp, PROJECT_ROOT, type App } from '../../app.js';
import { RegionSchema } from '../../../knowledge/facts/schema.js';
import { CLI } from '../../../prompts/cli.js';
import { runStatus } from './status-command.js';
import { runStaff, StaffUsageError, terminalPrompt } from './staff-command.js';
import path from 'node:path';

class UsageError extends Error {
  override name = 'UsageError';
}

const COMMON = {
  json: { type: 'boolean' },
  now: { type: 'string' },
  region: { type: 'string' },
  user: { type: 'string' },
  db: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  district: { type: 'string' },
  status: { type: 'string' },
  level: { type: 'string' },
  role: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = { [K in keyof typeof COMMON]?: (typeof COMMON)[K]['type'] extends 'boolean' ? boolean : string };

const ALLOWED: Record<string, Array<keyof typeof COMMON>> = {
  ask: ['json', 'now', 'region', 'db', 'help'],
  chat: ['json', 'now', 'user', 'db', 'help'],
  index: ['help'],
  status: ['json', 'help'],
  'registrations export': ['format', 'out', 'db', 'district', 'status', 'level', 'help'],
  'staff add': ['role', 'district', 'password-stdin', 'db', 'help'],
  'staff list': ['json', 'db', 'help'],
  'staff disable': ['db', 'help'],
};
/** Commands that take one name after them (`dte staff add NAME`). */
const NAMED = new Set(['staff add', 'staff disable']);

function parseCommand(argv: string[]): { command: string; positionals: string[]; values: Values } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: COMMON, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const [first, second, ...rest] = parsed.positionals;
  if (!first && parsed.values.help) return { command: 'help', positionals: [], values: parsed.values as Values };
  if (!first) throw new UsageError(CLI.usage);
  let command = first;
  let positionals = [second, ...rest].filter((x): x is string => x !== undefined);
  if (first === 'registrations') {
    if (second !== 'export') throw new UsageError(CLI.unknownCommand(`registrations ${second ?? ''}`.trim()));
    command = 'registrations export';
    positionals = rest;
  }
  if (first === 'staff') {
    if (second !== 'add' && second !== 'list' && second !== 'disable') throw new UsageError(CLI.unknownCommand(`staff ${second ?? ''}`.trim()));
    command = `staff ${second}`;
    positionals = rest;
  }
  const allowed = ALLOWED[command];
  if (!allowed) throw new UsageError(CLI.unknownCommand(first));
  for (const key of Object.keys(parsed.values)) {
    if (!allowed.includes(key as keyof typeof COMMON)) throw new UsageError(CLI.optionNotFor(key, command));
  }
  const extra = NAMED.has(command) ? positionals.slice(1) : positionals;
  if (command !== 'ask' && extra.length > 0) throw new UsageError(CLI.unexpectedArgs(extra.join(' ')));
  return { command, positionals, values: parsed.values as Values };
}

/** The config from the environment with the command's flags applied over it. */
function configFor(values: Values): Config {
  if (values.now !== undefined) {
    const now = parseNow(values.now);
    if (!now.ok) throw new UsageError(CLI.badNow(now.error));
  }
  const fromFile = loadConfig();
  if (!fromFile.ok) throw new UsageError(CLI.badConfig(fromFile.message));
  const env: Record<string, string | undefined> = { ...process.env };
  if (values.now !== undefined) env.DTE_NOW = values.now;
  if (values.db !== undefined) env.DTE_DB = values.db;
  // The dte command writes answers to stdout; logs (stderr) stay quiet unless asked for.
  env.DTE_LOG_LEVEL ??= 'warn';
  const r = parseConfig(env);
  if (!r.ok) throw new UsageError(CLI.badConfig(r.message));
  return r.config;
}

function writeLine(line: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(line + '\n')) resolve();
    else process.stdout.once('drain', resolve);
  });
}

async function* stdinLines(): AsyncGenerator<string> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  for await (const line of rl) yield line;
}

async function runAsk(app: App, positionals: string[], values: Values): Promise<void> {
  const region = values.region === undefined ? undefined : RegionSchema.safeParse(values.region);
  if (region && !region.success) throw new UsageError(CLI.badRegion(values.region!, RegionSchema.options));
  const opts = { region: region?.data };
  const answerOne = async (q: string, lineMode: boolean) => {
    const r = await app.ask(q, opts);
    if (values.json) {
      await writeLine(
        JSON.stringify({
          question: r.question,
          answer: r.answer,
          sources: r.sources,
          tools: r.tools,
        }),
      );
    } else await writeLine(lineMode ? r.answer.replace(/\s*\n\s*/g, ' ') : r.answer);
  };
  if (positionals.length > 0) return answerOne(positionals.join(' '), false);
  for await (const line of stdinLines()) {
    if (!line.trim()) continue;
    await answerOne(line, true);
  }
}

async function runChat(app: App, values: Values): Promise<void> {
  const user = values.user ?? 'cli-user';
  for await (const line of stdinLines()) {
    if (!line.trim()) continue;
    const r = await app.handler.handle({ conversationId: `cli:${user}`, userId: `cli:${user}`, text: line, chat: 'private', channel: 'cli' });
    const replyText = r.replies.join('\n');
    if (values.json) {
      await writeLine(JSON.stringify({ reply: replyText, sources: r.trace?.sources ?? [], tools: r.trace?.tools ?? [] }));
    } else await writeLine(replyText.replace(/\s*\n\s*/g, ' '));
  }
}

const ExportOptions = z.object({
  format: z.enum(['json', 'csv', 'xlsx']),
  status: z.enum(['submitted', 'interest']).optional(),
});

async function runExport(app: App, values: Values): Promise<void> {
  const o = ExportOptions.safeParse({ format: values.format, status: values.status });
  if (!o.success) throw new UsageError(CLI.badExport(z.prettifyError(o.error)));
  const { exportRegistrations } = await import('../../registration/export-registrations.js');
  const filter = { district: values.district, status: o.data.status, level: values.level as never };
  const records = await app.store.listRegistrations(filter);
  // One unreadable row never stops the export: it is named on stderr (and logged) for staff to look at.
  const unreadable = await app.store.listUnreadable(filter);
  for (const u of unreadable) app.logger.warn('unreadable registration left out of the export', { reference: u.reference, error: u.error });
  if (unreadable.length > 0) process.stderr.write(CLI.unreadable(unreadable.map((u) => u.reference)) + '\n');
  const out = await exportRegistrations(records, o.data.format);
  if (values.out) {
    // Exports hold personal data in full: readable by their owner only.
    const file = path.resolve(process.cwd(), values.out);
    writeFileSync(file, out.data, { mode: 0o600 });
    chmodSync(file, 0o600);
    process.stderr.write(CLI.exported(records.length, values.out) + '\n');
  } else if (o.data.format === 'xlsx') {
    throw new UsageError(CLI.xlsxNeedsOut);
  } else {
    const text = out.data.toString('utf8');
    process.stdout.write(text.endsWith('\n') ? text : text + '\n');
  }
}

export async function main(argv: string[]): Promise<number> {
  let app: App | undefined;
  try {
    const { command, positionals, values } = parseCommand(argv);
    if (command === 'help' || values.help) {
      process.stdout.write(CLI.usage + '\n');
      return 0;
    }
    const config = configFor(values);
    if (command.startsWith('staff ')) {
      const readStdin = async () => {
        let text = '';
        for await (const chunk of process.stdin) text += String(chunk);
        return text;
      };
      try {
        return await runStaff(
          config,
          PROJECT_ROOT,
          { sub: command.slice(6) as 'add' | 'list' | 'disable', username: positionals[0], role: values.role, district: values.district, passwordStdin: values['password-stdin'] === true, json: values.json === true },
          { out: (line) => void process.stdout.write(line + '\n'), readStdin, promptHidden: terminalPrompt() },
        );
      } catch (e) {
        if (e instanceof StaffUsageError) throw new UsageError(e.message);
        throw e;
      }
    }
    if (command === 'status') return runStatus(config, values.json === true, PROJECT_ROOT, (line) => void process.stdout.write(line + '\n'));
    if (command === 'index') {
      const { embeddingsFromConfig, openKnowledgeBase } = await import('../../../knowledge/knowledge-base.js');
      const embeddings = embeddingsFromConfig(config);
      if (!embeddings.ok) throw new UsageError(CLI.badConfig(embeddings.error));
      const started = performance.now();
      const dir = path.resolve(PROJECT_ROOT, config.DTE_INDEX_DIR);
      const opened = await openKnowledgeBase({ docsDir: path.resolve(PROJECT_ROOT, config.DTE_DOCS_DIR), indexDir: dir, embeddings: embeddings.value, rebuild: true });
      if (!opened.ok) throw new Error(opened.error);
      const chunks = opened.value.knowledgeBase.chunks().length;
      process.stdout.write(CLI.indexed({ chunks, ms: Math.round(performance.now() - started), dir }) + '\n');
      return 0;
    }
    app = await createApp(config, { answers: command !== 'registrations export' });
    if (command === 'ask') await runAsk(app, positionals, values);
    else if (command === 'chat') await runChat(app, values);
    else if (command === 'registrations export') await runExport(app, values);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`dte: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`dte: ${CLI.failed((e as Error).message)}\n`);
    return 1;
  } finally {
    await app?.close();
  }
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join('cli', 'dte.ts'));
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
