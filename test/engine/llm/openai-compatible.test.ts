/**
 * The real ChatOpenAI client against a local OpenAI-compatible server on
 * 127.0.0.1 (no network): proves the wiring a live endpoint sees — tool
 * schemas, tool calls and their results, usage, retries on 429, time-out.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLlmPort } from '../../../bot/engine/llm/create-llm-port.js';
import { createLogger } from '../../../bot/log.js';
import { loadFactsTable } from '../../../knowledge/facts/load-facts.js';
import type { KnowledgeBase } from '../../../knowledge/types.js';

const loaded = loadFactsTable('knowledge/facts/facts.json');
if (!loaded.ok) throw new Error(loaded.error);
const facts = loaded.table;
const kb: KnowledgeBase = { search: async () => [], chunks: () => [], version: () => 'v' };

type Reply = { status: number; body: unknown } | 'hang';
interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: unknown; tool_calls?: unknown[]; tool_call_id?: string }>;
  tools?: Array<{ type: string; function: { name: string; parameters: unknown } }>;
}

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

async function serve(replies: Reply[]): Promise<{ url: string; requests: ChatRequest[] }> {
  const requests: ChatRequest[] = [];
  server = createServer(async (req: IncomingMessage, res) => {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    requests.push(JSON.parse(raw) as ChatRequest);
    const reply = replies.shift() ?? { status: 500, body: { error: { message: 'script exhausted' } } };
    if (reply === 'hang') return;
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/v1`, requests };
}

function completion(message: Record<string, unknown>, usage = { prompt_tokens: 200, completion_tokens: 20 }): Reply {
  return {
    status: 200,
    body: {
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: 0,
      model: 'local-test',
      choices: [{ index: 0, message: { role: 'assistant', content: null, ...message }, finish_reason: 'stop' }],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    },
  };
}

function port(url: string, timeoutMs = 3000) {
  const p = createLlmPort(
    { LLM_BASE_URL: url, LLM_API_KEY: 'local', LLM_MODEL: 'local-test', LLM_TIMEOUT_MS: timeoutMs, LLM_MAX_RETRIES: 2 },
    { logger: createLogger('silent'), facts, kb, now: () => new Date('2026-04-01T10:00:00+08:00'), backoff: { baseDelayMs: 1, maxDelayMs: 2 } },
  );
  if (!p) throw new Error('not configured');
  return p;
}

const offline = { reply: '', trace: { route: 'unknown', tools: [], sources: [], mode: 'offline' as const, confidence: 0 } };

describe('LLM mode over an OpenAI-compatible HTTP endpoint', () => {
  it('sends the tools, runs the tool the model calls, and answers from its output', async () => {
    const { url, requests } = await serve([
      completion({
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'fee-lookup', arguments: '{"region":"枣庄","level":"初级"}' } }],
      }),
      completion({ content: '枣庄初级培训费3000元。' }, { prompt_tokens: 300, completion_tokens: 12 }),
    ]);
    const answer = await port(url).answer({ question: '我手机13912345678，初级多少钱？', slots: {}, offline });
    expect(answer?.reply).toBe('枣庄初级培训费3000元。');
    expect(answer?.notes?.[0]).toContain('tokens=500+32');
    expect(requests[0]?.model).toBe('local-test');
    // The system prompt goes out as plain text, which every compatible endpoint takes.
    expect(requests[0]?.messages[0]).toMatchObject({ role: 'system', content: expect.stringContaining('2026-04-01') });
    expect(requests[0]?.tools?.map((t) => t.function.name)).toContain('fee-lookup');
    expect(JSON.stringify(requests)).not.toContain('13912345678');
    const toolResult = requests[1]?.messages.find((m) => m.role === 'tool');
    expect(toolResult?.tool_call_id).toBe('call_1');
    expect(String(toolResult?.content)).toContain('"amountYuan":3000');
  });

  it('retries a 429 from the endpoint and then answers', async () => {
    const { url, requests } = await serve([
      { status: 429, body: { error: { message: 'rate limited', type: 'rate_limit' } } },
      completion({ content: '您好，请问想了解哪个地区？' }),
    ]);
    const answer = await port(url).answer({ question: '你好', slots: {}, offline });
    expect(answer?.reply).toBe('您好，请问想了解哪个地区？');
    expect(requests).toHaveLength(2);
  });

  it('does not retry a 401 and falls back', async () => {
    const { url, requests } = await serve([{ status: 401, body: { error: { message: 'bad key' } } }, completion({ content: '不会用到' })]);
    expect(await port(url).answer({ question: '你好', slots: {}, offline })).toBeNull();
    expect(requests).toHaveLength(1);
  });

  it('falls back when the endpoint does not answer within the time-out', async () => {
    const { url } = await serve(['hang']);
    const started = performance.now();
    expect(await port(url, 200).answer({ question: '你好', slots: {}, offline })).toBeNull();
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('extracts form fields through a forced function call and keeps only what the resident wrote', async () => {
    const args = JSON.stringify({ employer: '滕州某某机械厂', education: '博士' });
    const { url, requests } = await serve([
      completion({ tool_calls: [{ id: 'call_f', type: 'function', function: { name: 'form_fields', arguments: args } }] }),
    ]);
    const fields = [
      { key: 'employer', label: '工作单位' },
      { key: 'education', label: '学历及所学专业' },
      { key: 'phone', label: '联系电话' },
    ];
    const extracted = await port(url).extractFormFields('我在滕州某某机械厂上班，手机13912345678', fields);
    expect(extracted).toEqual({ employer: '滕州某某机械厂' });
    const request = requests[0] as ChatRequest & { tool_choice?: unknown };
    expect(request.tools?.map((t) => t.function.name)).toEqual(['form_fields']);
    expect(Object.keys((request.tools?.[0]?.function.parameters as { properties: object }).properties)).toEqual(['employer', 'education']);
    expect(request.tool_choice).toMatchObject({ type: 'function', function: { name: 'form_fields' } });
    expect(JSON.stringify(requests)).not.toContain('13912345678');
  });
});
