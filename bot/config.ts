/**
 * The one place that reads the environment. One zod schema; `loadConfig` is
 * called once by the composition root (bot/main.ts, the dte CLI) and the
 * result is passed down. `.env.example` documents the same variables and a
 * test parses it with this schema.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { RegionSchema } from '../knowledge/facts/schema.js';
import { parseNow } from './parse-now.js';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

/**
 * "2026-03-01" (Beijing midnight) or a date-time, Beijing time unless it has
 * an offset; impossible dates and times are refused (bot/parse-now.ts).
 */
export const NowSchema = z.string().transform((v, ctx) => {
  const r = parseNow(v);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.error });
    return z.NEVER;
  }
  return r.value;
});

/** Shortest DTE_CONSOLE_TOKEN accepted. */
export const CONSOLE_TOKEN_MIN = 16;

export const ConfigSchema = z.object({
  /** Fixed clock for everything (deadlines, registration window). */
  DTE_NOW: NowSchema.optional(),
  /** A SQLite file (the default; ":memory:" for tests) or a postgres:// / postgresql:// URL of a shared PostgreSQL database. */
  DTE_DB: z
    .string()
    .refine((v) => !/^postgres(ql)?:\/\//i.test(v) || URL.canParse(v), 'DTE_DB: not a valid postgres:// URL')
    .default('data/dte.sqlite'),
  /** Conversation state (drafts with ID numbers included) and logged questions older than this many days are deleted. */
  DTE_RETENTION_DAYS: z.coerce.number().int().positive().default(30),
  DTE_INDEX_DIR: z.string().default('data/index'),
  DTE_FACTS: z.string().default('knowledge/facts/facts.json'),
  /** The notices (*.txt and documents.json); the facts' quotes are checked against them at start. */
  DTE_DOCS_DIR: z.string().default('knowledge/docs'),
  DTE_DEFAULT_REGION: RegionSchema.optional(),
  DTE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** `npm start` logs (JSON lines, masked) to one file per day here. */
  DTE_LOG_DIR: z.string().default('data/logs'),
  /** Daily log files older than this many days are deleted. */
  DTE_LOG_DAYS: z.coerce.number().int().positive().default(14),
  /** Also write the JSON log lines to stderr (containers, journald). */
  DTE_LOG_STDERR: z.stringbool().default(false),

  /** Embeddings: the offline lexical default, or an OpenAI-compatible endpoint. */
  DTE_EMBEDDINGS: z.enum(['lexical', 'openai']).default('lexical'),
  EMBEDDINGS_BASE_URL: optionalString,
  EMBEDDINGS_API_KEY: optionalString,
  EMBEDDINGS_MODEL: optionalString,

  /** Optional OpenAI-compatible chat model (Qwen/DashScope, DeepSeek, Ollama, vLLM). */
  LLM_BASE_URL: optionalString,
  LLM_API_KEY: optionalString,
  LLM_MODEL: optionalString,
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(15000),
  LLM_MAX_RETRIES: z.coerce.number().int().nonnegative().default(2),

  /** WeChat through Wechaty. No token: WeChat is not connected. */
  WECHATY_PUPPET: z.string().default('wechaty-puppet-service'),
  WECHATY_PUPPET_SERVICE_TOKEN: optionalString,
  WECHATY_PUPPET_SERVICE_ENDPOINT: optionalString,
  WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: z.stringbool().default(false),
  /** Service-discovery host for a token without an endpoint (puppet default: api.chatie.io). */
  WECHATY_PUPPET_SERVICE_AUTHORITY: optionalString,
  /** The gateway's CA certificate: PEM text (`\n` escapes allowed) or the path of a PEM file. */
  WECHATY_PUPPET_SERVICE_TLS_CA_CERT: optionalString,
  /** TLS server name (SNI) to expect; default: the token's prefix before the last `_`. */
  WECHATY_PUPPET_SERVICE_TLS_SERVER_NAME: optionalString,
  /** Where `npm start` writes the WeChat connection state for `dte status`. */
  DTE_STATUS_FILE: z.string().default('data/wechat-status.json'),
  DTE_BOT_NAME: z.string().default('dte-bot'),
  /** Room topics or ids the bot answers in; empty = every room. */
  DTE_ROOM_ALLOWLIST: list,
  DTE_FRIEND_AUTO_ACCEPT: z.stringbool().default(true),
  /** When set, only friend requests whose hello contains it are accepted. */
  DTE_FRIEND_KEYWORD: optionalString,
  DTE_USER_RATE_PER_MINUTE: z.coerce.number().int().positive().default(10),
  DTE_SEND_INTERVAL_MS: z.coerce.number().int().nonnegative().default(1200),
  DTE_MAX_MESSAGE_CHARS: z.coerce.number().int().min(100).default(600),

  /** Staff console. */
  DTE_CONSOLE: z.stringbool().default(true),
  DTE_CONSOLE_HOST: z.string().default('127.0.0.1'),
  DTE_CONSOLE_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** One shared login for a one-person setup; ignored once staff accounts exist (`dte staff add`). */
  DTE_CONSOLE_TOKEN: optionalString.refine((v) => v === undefined || v.length >= CONSOLE_TOKEN_MIN, {
    message: `DTE_CONSOLE_TOKEN must be at least ${CONSOLE_TOKEN_MIN} characters (a short token is found by trying; e.g. openssl rand -base64 24)`,
  }),
  /** Signs the console's CSRF tokens; empty = generated once and kept in the database. */
  DTE_CONSOLE_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, {
    message: 'DTE_CONSOLE_SECRET must be at least 32 characters (or leave it empty to have one generated and kept in the database)',
  }),
  /** Mark the console's cookies Secure (the console is reached over HTTPS, e.g. behind a reverse proxy). */
  DTE_CONSOLE_SECURE_COOKIES: z.stringbool().default(false),
  /** Behind a reverse proxy: take the client address and https from X-Forwarded-For/-Proto (then cookies are Secure over https). */
  DTE_CONSOLE_TRUST_PROXY: z.stringbool().default(false),
});
export type Config = z.infer<typeof ConfigSchema>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

/** Parse an environment (process.env by default, read here only). */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  // An empty variable (FOO= in .env) means "not set".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) return { ok: false, message: z.prettifyError(parsed.error) };
  // A console beyond loopback needs a login: a token here, or staff accounts, which only the
  // database knows, so the console server checks that when it starts listening.
  return { ok: true, config: parsed.data };
}

/**
 * The process environment, with a `.env` file (if present in the working
 * directory) filling in what the environment does not set.
 */
export function loadConfig(envFile = '.env'): ConfigResult {
  if (existsSync(envFile)) {
    try {
      process.loadEnvFile(envFile);
    } catch (error) {
      return { ok: false, message: `${envFile} could not be read: ${(error as Error).message}` };
    }
  }
  return parseConfig(process.env);
}

/** The clock: the configured fixed time, or the real one. */
export function clockFrom(config: Pick<Config, 'DTE_NOW'>): () => Date {
  const fixed = config.DTE_NOW;
  return fixed ? () => new Date(fixed.getTime()) : () => new Date();
}
