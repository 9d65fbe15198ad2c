import { describe, expect, it } from 'vitest';
import { START } from '../../prompts/start.js';

describe('the start message without WeChat', () => {
  it('offers the terminal chat only when stdin is an interactive terminal', () => {
    expect(START.wechatNotConnected(true)).toContain('下方终端对话');
    const piped = START.wechatNotConnected(false);
    expect(piped).not.toContain('下方终端对话');
    expect(piped).toContain('模拟聊天');
    expect(piped).toContain('npm run dte -- chat');
  });
});
