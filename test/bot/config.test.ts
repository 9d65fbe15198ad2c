import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigSchema, clockFrom, parseConfig } from '../../bot/config.js';

function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]!] = m[2]!;
  }
  return env;
}

describe('config', () => {
  const example = parseEnvFile(readFileSync(new URL('../../.env.example', import.meta.url), 'utf8'));

  it('parses .env.example with the config schema', () => {
    const r = parseConfig(example);
    expect(r.ok, r.ok ? '' : r.message).toBe(true);
  });

  it('documents every variable of the schema in .env.example, and nothing else', () => {
    expect(Object.keys(example).sort()).toEqual(Object.keys(ConfigSchema.shape).sort());
  });

  it('runs offline on an empty environment', () => {
    const r = parseConfig({});
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.config.DTE_EMBEDDINGS).toBe('lexical');
      expect(r.config.LLM_BASE_URL).toBeUndefined();
      expect(r.config.WECHATY_PUPPET_SERVICE_TOKEN).toBeUndefined();
    }
  });

  it('reads "false" as false for boolean variables', () => {
    const r = parseConfig({ DTE_CONSOLE: 'false', DTE_FRIEND_AUTO_ACCEPT: 'false' });
    expect(r.ok && r.config.DTE_CONSOLE).toBe(false);
    expect(r.ok && r.config.DTE_FRIEND_AUTO_ACCEPT).toBe(false);
  });

  it('reads DTE_NOW as Beijing midnight of that day', () => {
    const r = parseConfig({ DTE_NOW: '2026-04-20' });
    expect(r.ok && r.config.DTE_NOW?.toISOString()).toBe('2026-04-19T16:00:00.000Z');
    if (r.ok) expect(clockFrom(r.config)().toISOString()).toBe('2026-04-19T16:00:00.000Z');
  });

  it('rejects an impossible DTE_NOW with a message naming it', () => {
    const r = parseConfig({ DTE_NOW: '2026-02-30x' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('DTE_NOW');
  });

  it('refuses a console token shorter than 16 characters, naming the variable', () => {
    const short = parseConfig({ DTE_CONSOLE_TOKEN: 's3cret-token' });
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.message).toMatch(/DTE_CONSOLE_TOKEN must be at least 16 characters/);
    expect(parseConfig({ DTE_CONSOLE_HOST: '0.0.0.0', DTE_CONSOLE_TOKEN: 's3cret-token-0123' }).ok).toBe(true);
    // Beyond loopback without a token is the console's to refuse: staff accounts (in the database) may exist.
    expect(parseConfig({ DTE_CONSOLE_HOST: '0.0.0.0' }).ok).toBe(true);
  });
});
