import { describe, expect, it } from 'vitest';
import { createConversationQueue } from '../../../bot/channels/wechat/conversation-queue.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createConversationQueue', () => {
  it('runs tasks of one conversation in arrival order, one at a time', async () => {
    const queue = createConversationQueue(() => {});
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await tick(ms);
      log.push(`end ${name}`);
    };
    await Promise.all([queue.run('a', task('1', 20)), queue.run('a', task('2', 0))]);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('runs different conversations concurrently', async () => {
    const queue = createConversationQueue(() => {});
    const log: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const slow = queue.run('a', async () => {
      await gate;
      log.push('a');
    });
    await queue.run('b', async () => void log.push('b'));
    release();
    await slow;
    expect(log).toEqual(['b', 'a']);
  });

  it('reports a throwing task and still runs the next one of the same conversation', async () => {
    const errors: string[] = [];
    const queue = createConversationQueue((key, e) => errors.push(`${key}: ${(e as Error).message}`));
    let ran = false;
    await Promise.all([
      queue.run('a', async () => {
        throw new Error('boom');
      }),
      queue.run('a', async () => void (ran = true)),
    ]);
    expect(errors).toEqual(['a: boom']);
    expect(ran).toBe(true);
    await queue.idle();
    expect(queue.pending).toBe(0);
  });
});
