/** What `npm start` prints to the operator's terminal. */
export const START = {
  badConfig: (m: string) => `配置有误（见 .env.example）：\n${m}`,
  wechatNotConnected: [
    '微信未连接：没有设置 WECHATY_PUPPET_SERVICE_TOKEN。',
    '连接微信：在 .env 或环境变量中设置 WECHATY_PUPPET_SERVICE_TOKEN（puppet-service 令牌，见 README“连接微信”），然后重新运行 npm start 并扫码登录。',
    '现在仍可通过下方终端对话或控制台的“模拟聊天”使用助手。',
  ].join('\n'),
  consoleAt: (url: string) => `工作人员控制台：${url}`,
  terminalChat: '终端对话已就绪：输入问题后回车（Ctrl+C 退出）。',
  prompt: '您> ',
  crashed: (m: string) => `启动失败：${m}`,
};
