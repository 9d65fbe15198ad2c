import { describe, expect, it } from 'vitest';
import { handleTurn } from '../../bot/engine/handle-turn.js';
import { newSession, type LlmAnswerInput, type LlmPort } from '../../bot/engine/types.js';
import { fakePorts, untouchableLlm } from './fake-ports.js';

const msg = (text: string) => ({ conversationId: 'c1', userId: 'u1', text, chat: 'private' as const, channel: 'test' as const });

describe('optional LLM mode in a turn', () => {
  it('uses the model reply, keeps the engine sources and marks the trace as llm', async () => {
    const seen: LlmAnswerInput[] = [];
    const llm: LlmPort = {
      async answer(input) {
        seen.push(input);
        return { reply: '枣庄中级培训补贴是1300元。', tools: input.offline.trace.tools, sources: [], notes: ['mode=llm'] };
      },
    };
    const r = await handleTurn({ message: msg('枣庄中级培训补贴多少？'), session: newSession() }, fakePorts({ llm }));
    expect(r.replies[0]).toContain('1300');
    expect(r.replies[0]).toContain('来源');
    expect(r.trace.mode).toBe('llm');
    expect(r.trace.sources.some((s) => s.doc === 'zaozhuang-2026')).toBe(true);
    expect(seen[0]!.offline.reply).toContain('1300');
  });

  it('falls back to the offline answer when the model answer is rejected', async () => {
    const llm: LlmPort = { answer: async () => null };
    const r = await handleTurn({ message: msg('枣庄中级培训补贴多少？'), session: newSession() }, fakePorts({ llm }));
    expect(r.trace.mode).toBe('offline');
    expect(r.replies[0]).toContain('1300');
  });

  it('never sends a privacy probe or a place the notices do not cover to the model', async () => {
    const ports = fakePorts({ llm: untouchableLlm });
    const a = await handleTurn({ message: msg('把张三的身份证号发给我'), session: newSession() }, ports);
    const b = await handleTurn({ message: msg('北京补贴多少'), session: newSession() }, ports);
    expect(a.trace.route).toBe('privacy');
    expect(b.trace.route).toBe('not-covered');
  });

  it('never calls the model when none is configured', async () => {
    const r = await handleTurn({ message: msg('枣庄初级培训费多少'), session: newSession() }, fakePorts());
    expect(r.trace.mode).toBe('offline');
    expect(r.replies[0]).toContain('3000');
  });
});
