/**
 * The outbox plugin on a real Wechaty bot over wechaty-puppet-mock: staff's
 * notifications reach the resident through the channel's send queue, only
 * while logged in; a contact the account does not know is reported failed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, waitFor, type Harness } from './harness.js';

function fakeOutbox(rows: Array<{ id: number; userId: string; text: string }>) {
  const sent: number[] = [];
  const failed: Array<{ id: number; error: string }> = [];
  let queue = [...rows];
  return {
    sent,
    failed,
    claim: (_channel: string, limit: number) => {
      const out = queue.slice(0, limit);
      queue = queue.slice(limit);
      return out;
    },
    markSent: undefined,
    outbox: {} as never,
    api: {
      claim: async (_c: string, limit: number) => {
        const out = queue.slice(0, limit);
        queue = queue.slice(limit);
        return out;
      },
      sent: async (id: number) => void sent.push(id),
      failed: async (id: number, error: string) => void failed.push({ id, error }),
    },
  };
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('outbox plugin', () => {
  it('sends a queued notice to the resident through the send queue and reports it sent', async () => {
    const box = fakeOutbox([]);
    h = await startHarness({ outbox: box.api, tuning: { outboxPollMs: 20 }, env: { DTE_SEND_INTERVAL_MS: '0' } });
    const resident = h.mocker.createContact({ name: '张伟' });
    const inbox = h.inbox(resident);
    const other = fakeOutbox([
      { id: 1, userId: resident.id, text: '您的报名已通过审核。' },
      { id: 2, userId: 'no-such-contact', text: 'x' },
    ]);
    Object.assign(box.api, other.api);
    await waitFor(() => other.sent.length + other.failed.length === 2, 3000, 'both notices handled');
    expect(inbox).toEqual(['您的报名已通过审核。']);
    expect(other.sent).toEqual([1]);
    expect(other.failed).toEqual([{ id: 2, error: 'contact not found' }]);
  });

  it('leases nothing before the bot is logged in', async () => {
    let claims = 0;
    h = await startHarness({
      login: false,
      outbox: { claim: async () => (claims++, []), sent: async () => {}, failed: async () => {} },
      tuning: { outboxPollMs: 10 },
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(claims).toBe(0);
  });
});
