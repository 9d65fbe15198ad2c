/**
 * The README's connection recipes, each against a local puppet-service
 * gateway (fake-gateway.ts) with the real wechaty-puppet-service client:
 * a resident's message goes through the gateway and the answer comes back.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscovery, startFakeGateway, TEST_CA, TEST_CA_PATH, type FakeGateway } from './fake-gateway.js';
import { inboxAt, startGatewayChannel, type GatewayChannel } from './gateway-harness.js';
import { waitFor } from './harness.js';

let gateway: FakeGateway | undefined;
let bot: GatewayChannel | undefined;
let discovery: { stop(): Promise<void> } | undefined;
afterEach(async () => {
  await bot?.stop();
  await gateway?.stop();
  await discovery?.stop();
  bot = gateway = discovery = undefined;
});

/** Log the bot in at the gateway and check one question and answer round trip. */
async function loginAndAnswer(g: FakeGateway, b: GatewayChannel): Promise<void> {
  const botUser = g.mocker.createContact({ name: 'DTE助手' });
  g.mocker.login(botUser);
  await waitFor(() => b.channel.status().state === 'logged-in', 10_000, 'login through the gateway');
  expect(b.channel.status().account).toEqual({ id: botUser.id, name: 'DTE助手' });
  const alice = g.mocker.createContact({ name: 'Alice' });
  const box = inboxAt(alice, botUser);
  alice.say('报名需要什么条件？').to(botUser);
  await waitFor(() => box.length === 1, 10_000, 'the answer through the gateway');
  expect(box).toEqual(['答：报名需要什么条件？']);
  expect(b.channel.status().lastMessageAt).toMatch(/^\d{4}-/u);
  await waitFor(() => b.channel.status().sendQueue === 0, 3000, 'the send queue to empty');
  expect(b.channel.status()).toMatchObject({ retryCount: 0, conversationQueue: 0 });
}

describe('README recipes against a local puppet-service gateway', () => {
  it('self-hosted gateway without TLS: insecure_<uuid> token, endpoint, NO_TLS_INSECURE_CLIENT=true', async () => {
    const token = `insecure_${randomUUID()}`;
    gateway = await startFakeGateway({ token, tls: false });
    bot = await startGatewayChannel({
      WECHATY_PUPPET_SERVICE_TOKEN: token,
      WECHATY_PUPPET_SERVICE_ENDPOINT: gateway.endpoint,
      WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
    });
    await loginAndAnswer(gateway, bot);
    expect(bot.lines).toContain('微信：已登录（DTE助手）。');
  });

  it('self-hosted gateway with TLS: its CA certificate (a file) and server name, any token', async () => {
    const token = randomUUID(); // a bare UUID works once the server name is given
    gateway = await startFakeGateway({ token, tls: true });
    bot = await startGatewayChannel({
      WECHATY_PUPPET_SERVICE_TOKEN: token,
      WECHATY_PUPPET_SERVICE_ENDPOINT: gateway.endpoint,
      WECHATY_PUPPET_SERVICE_TLS_CA_CERT: TEST_CA_PATH,
      WECHATY_PUPPET_SERVICE_TLS_SERVER_NAME: 'gateway.dte.test',
    });
    await loginAndAnswer(gateway, bot);
  });

  it('hosted token alone: the service is discovered by the token, TLS with the server name from its prefix', async () => {
    const token = `puppet_test_${randomUUID()}`;
    gateway = await startFakeGateway({ token, tls: true });
    const d = await startFakeDiscovery({ [token]: { host: '127.0.0.1', port: gateway.port } });
    discovery = d;
    bot = await startGatewayChannel({
      WECHATY_PUPPET_SERVICE_TOKEN: token,
      // Only the test needs these two: a local discovery host and the test CA instead of Wechaty's.
      WECHATY_PUPPET_SERVICE_AUTHORITY: d.authority,
      WECHATY_PUPPET_SERVICE_TLS_CA_CERT: TEST_CA.replace(/\n/g, '\\n'),
    });
    await loginAndAnswer(gateway, bot);
    expect(bot.logs.find((l) => l.msg === 'wechat gateway found by token')).toMatchObject({ endpoint: gateway.endpoint });
  });
});
