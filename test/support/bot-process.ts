/**
 * One bot process for the two-process load test (test/store/pg-two-processes.test.ts):
 * the real App (createApp, the real engine and conversation handler) on the
 * DTE_DB of its environment, reading JSON lines `{"user": …, "text": …}` from
 * stdin and writing `{"user": …, "text": …, "reply": …}` for each turn
 * (conversations concurrently, each one in order, as the WeChat channel does).
 * Run with: node --import tsx test/support/bot-process.ts
 */
import { createInterface } from 'node:readline';
import { createApp } from '../../bot/app.js';
import { parseConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/log.js';

const parsed = parseConfig(process.env);
if (!parsed.ok) throw new Error(`bad config: ${JSON.stringify(parsed)}`);
const app = await createApp(parsed.config, { logger: createLogger('error') });
process.stdout.write(JSON.stringify({ ready: true }) + '\n');
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const m = JSON.parse(line) as { user: string; text: string };
  void app.handler
    .handle({ conversationId: `wechat:${m.user}`, userId: m.user, text: m.text, chat: 'private', channel: 'wechat' })
    .then((r) => process.stdout.write(JSON.stringify({ user: m.user, text: m.text, reply: r.replies.join('\n') }) + '\n'));
});
lines.on('close', () => void app.handler.drain().then(() => app.close()));
