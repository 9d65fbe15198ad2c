import { ToolInputParsingException } from '@langchain/core/tools';
import { describe, expect, it, vi } from 'vitest';
import { toolDescriptions } from '../../prompts/tools.js';
import { feeLookup } from '../../tools/fee-lookup.js';
import type { AnyTool } from '../../tools/index.js';
import { createLangChainTools, toLangChainTool } from '../../tools/langchain-tools.js';
import { fixtureTable } from './load-fixture.js';

const facts = fixtureTable();

describe('LangChain tools', () => {
  it('wraps every tool with its name and description', () => {
    const tools = createLangChainTools({ facts, now: () => new Date('2026-04-19T04:00:00Z') });
    expect(tools.map((t) => t.name).sort()).toEqual(Object.keys(toolDescriptions).sort());
    for (const t of tools) expect(t.description).toBe(toolDescriptions[t.name as keyof typeof toolDescriptions]);
  });

  it('returns the tool result as JSON text, with the cited facts', async () => {
    const tools = createLangChainTools({ facts, now: () => new Date('2026-04-19T04:00:00Z') });
    const net = tools.find((t) => t.name === 'net-cost')!;
    const out = JSON.parse(String(await net.invoke({ region: '枣庄', occupation: '数字化管理师', level: '中' })));
    expect(out).toMatchObject({ ok: true, value: { kind: 'computed', netYuan: 2200 } });
    expect(out.facts.map((f: { id: string }) => f.id).sort()).toEqual(['zz26-fee-intermediate', 'zz26-subsidy-intermediate']);
  });

  it('reads the injected clock on every call', async () => {
    let now = new Date('2026-04-19T04:00:00Z');
    const tools = createLangChainTools({ facts, now: () => now });
    const deadline = tools.find((t) => t.name === 'deadline-status')!;
    const first = JSON.parse(String(await deadline.invoke({ subject: 'registration' })));
    now = new Date('2026-04-21T04:00:00Z');
    const second = JSON.parse(String(await deadline.invoke({ subject: 'registration' })));
    expect(first.value.deadlines[0].status).toBe('open');
    expect(second.value.deadlines[0]).toMatchObject({ status: 'closed', daysSince: 1 });
  });

  it('returns an error value as JSON for a region the notices do not cover', async () => {
    const tools = createLangChainTools({ facts, now: () => new Date('2026-04-19T04:00:00Z') });
    const subsidy = tools.find((t) => t.name === 'subsidy-lookup')!;
    const out = JSON.parse(String(await subsidy.invoke({ region: '北京' })));
    expect(out).toMatchObject({ ok: false, error: { kind: 'not-covered' } });
  });

  it('rejects input its schema refuses the LangChain way, without running the tool', async () => {
    const run = vi.fn(feeLookup.run);
    const wrapped = toLangChainTool({ ...(feeLookup as unknown as AnyTool), run }, { facts, now: () => new Date() });
    await expect(wrapped.invoke({ level: '一级' })).rejects.toBeInstanceOf(ToolInputParsingException);
    expect(run).not.toHaveBeenCalled();
  });

  it('offers each input schema as JSON schema a model can read, levels included', async () => {
    const { toJsonSchema } = await import('@langchain/core/utils/json_schema');
    const tools = createLangChainTools({ facts, now: () => new Date() });
    for (const t of tools) {
      const schema = toJsonSchema(t.schema) as { type?: string; properties?: Record<string, unknown> };
      expect(schema.type, t.name).toBe('object');
    }
    const fee = toJsonSchema(tools.find((t) => t.name === 'fee-lookup')!.schema) as { properties: { level: { enum: string[] } } };
    expect(fee.properties.level.enum).toEqual(['初级', '初', '中级', '中', '高级', '高']);
  });
});
