/**
 * `dte staff add|list|disable`: the console's accounts, on the bot's database.
 * A password is never an argument (it would land in the shell history): it
 * is read from a terminal prompt that does not echo, typed twice, or from
 * standard input with --password-stdin (a script or a secrets manager).
 * District names are checked against the form's district options in the
 * facts table.
 */
import path from 'node:path';
import type { Config } from '../../config.js';
import { loadFactsFile } from '../../../knowledge/facts/load-facts.js';
import { districtOptions } from '../../staff/districts.js';
import { PASSWORD_MIN_LENGTH } from '../../staff/password.js';
import { isPostgresUrl, openStore } from '../../store/store.js';
import { STAFF_CLI } from '../../../prompts/staff-cli.js';

export interface StaffCommandInput {
  sub: 'add' | 'list' | 'disable';
  username?: string;
  role?: string;
  district?: string;
  passwordStdin: boolean;
  json: boolean;
}

export interface StaffIo {
  out: (line: string) => void;
  /** Everything on standard input (for --password-stdin). */
  readStdin: () => Promise<string>;
  /** A hidden terminal prompt, or undefined when there is no terminal. */
  promptHidden?: (question: string) => Promise<string>;
}

/** A failure the user can fix: printed as is, exit code 2. */
export class StaffUsageError extends Error {
  override name = 'StaffUsageError';
}

/** Read a line from the terminal without echoing it. */
export function terminalPrompt(): StaffIo['promptHidden'] {
  const stdin = process.stdin;
  if (!stdin.isTTY) return undefined;
  return (question) =>
    new Promise((resolve, reject) => {
      process.stderr.write(question);
      let value = '';
      stdin.setRawMode(true);
      stdin.resume();
      stdin.setEncoding('utf8');
      const done = (error?: Error) => {
        stdin.setRawMode(false);
        stdin.pause();
        stdin.off('data', onData);
        process.stderr.write('\n');
        if (error) reject(error);
        else resolve(value);
      };
      const onData = (chunk: string) => {
        for (const ch of chunk) {
          if (ch === '\r' || ch === '\n') return done();
          if (ch === '\u0003') return done(new StaffUsageError('cancelled'));
          if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
          else value += ch;
        }
      };
      stdin.on('data', onData);
    });
}

async function readPassword(input: StaffCommandInput, io: StaffIo): Promise<string> {
  if (input.passwordStdin) return (await io.readStdin()).replace(/\r?\n$/, '');
  if (!io.promptHidden) throw new StaffUsageError(STAFF_CLI.noPassword);
  const first = await io.promptHidden(STAFF_CLI.prompt);
  const second = await io.promptHidden(STAFF_CLI.promptAgain);
  if (first !== second) throw new StaffUsageError(STAFF_CLI.mismatch);
  return first;
}

/** Run one staff command; returns the exit code (usage problems throw StaffUsageError). */
export async function runStaff(config: Config, root: string, input: StaffCommandInput, io: StaffIo): Promise<number> {
  const resolve = (p: string) => (path.isAbsolute(p) || p === ':memory:' ? p : path.resolve(root, p));
  if (input.sub === 'add') {
    if (!input.username) throw new StaffUsageError(STAFF_CLI.needsName('add'));
    if (input.role !== 'city' && input.role !== 'district') throw new StaffUsageError(STAFF_CLI.badRole);
    if (input.role === 'city' && input.district) throw new StaffUsageError(STAFF_CLI.districtForCity);
    if (input.role === 'district') {
      const facts = loadFactsFile(resolve(config.DTE_FACTS));
      if (!facts.ok) throw new Error(facts.error);
      const options = districtOptions(facts.file.facts);
      if (!input.district) throw new StaffUsageError(STAFF_CLI.districtRequired(options));
      if (!options.includes(input.district)) throw new StaffUsageError(STAFF_CLI.districtUnknown(input.district, options));
    }
  }
  if (input.sub === 'disable' && !input.username) throw new StaffUsageError(STAFF_CLI.needsName('disable'));
  // The password is read before the database is opened: a cancelled prompt changes nothing.
  const password = input.sub === 'add' ? await readPassword(input, io) : '';
  const store = await openStore(isPostgresUrl(config.DTE_DB) ? config.DTE_DB : resolve(config.DTE_DB));
  try {
    const staff = store.staffStore();
    if (input.sub === 'list') {
      const all = await staff.listStaff();
      if (input.json) io.out(JSON.stringify(all));
      else if (all.length === 0) io.out(STAFF_CLI.none);
      else for (const a of all) io.out(STAFF_CLI.row(a));
      return 0;
    }
    if (input.sub === 'disable') {
      if (!(await staff.disableStaff(input.username!))) throw new StaffUsageError(STAFF_CLI.noSuchAccount(input.username!));
      io.out(STAFF_CLI.disabled(input.username!));
      return 0;
    }
    const r = await staff.addStaff({ username: input.username!, password, role: input.role as 'city' | 'district', district: input.district });
    if (!r.ok) {
      const messages: Record<typeof r.error, string> = {
        'bad-username': STAFF_CLI.badUsername,
        exists: STAFF_CLI.exists(input.username!),
        'password-too-short': STAFF_CLI.tooShort(PASSWORD_MIN_LENGTH),
        'password-too-long': STAFF_CLI.tooLong,
        'district-required': STAFF_CLI.districtRequired([]),
        'district-not-allowed': STAFF_CLI.districtForCity,
      };
      throw new StaffUsageError(messages[r.error]);
    }
    io.out(STAFF_CLI.added(r.account.username, r.account.role, r.account.district));
    return 0;
  } finally {
    await store.close();
  }
}
