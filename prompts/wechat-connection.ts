/**
 * What the operator reads about the WeChat link: one line per failure with
 * the fix, state names and field labels for the 状态 page and `dte status`,
 * and the lines `npm start` prints when the link changes.
 */

/** One sentence per failure kind, each naming what to change. */
export const connectionErrors: Record<string, (ctx: { endpoint?: string; puppet: string }) => string> = {
  'token-missing': () =>
    '没有设置 WECHATY_PUPPET_SERVICE_TOKEN：请在 .env 中填入 puppet 服务商给的令牌（自建网关填 insecure_ 加 UUID），或设置 WECHATY_PUPPET=wechaty-puppet-wechat4u 使用免费的网页版协议，然后重启。',
  'token-needs-prefix': () =>
    '令牌缺少前缀：自建网关的令牌要写成 insecure_<UUID>（例如 insecure_3f1c…），网关和 WECHATY_PUPPET_SERVICE_TOKEN 两边用同一个；或设置 WECHATY_PUPPET_SERVICE_TLS_SERVER_NAME。改好后重启。',
  'token-rejected': () =>
    'puppet 服务拒绝了令牌：WECHATY_PUPPET_SERVICE_TOKEN 和网关（或服务商）的令牌不一致，请核对后重启。令牌错误不会自动重试。',
  'token-unknown': () =>
    '按令牌找不到 puppet 服务：令牌可能抄错或已过期，也可能连不上服务发现（WECHATY_PUPPET_SERVICE_AUTHORITY）；自建网关请设置 WECHATY_PUPPET_SERVICE_ENDPOINT=主机:端口。会自动重试。',
  unreachable: (c) =>
    c.endpoint
      ? `连不上 puppet 服务 ${c.endpoint}：请确认网关已启动、地址和端口正确、防火墙放行。会自动重试。`
      : '连不上 puppet 服务：请检查网络，或用 WECHATY_PUPPET_SERVICE_ENDPOINT 指定网关地址。会自动重试。',
  tls: () =>
    'TLS 握手失败：网关没开 TLS 时设置 WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true；开了 TLS 时检查 WECHATY_PUPPET_SERVICE_TLS_CA_CERT 和 WECHATY_PUPPET_SERVICE_TLS_SERVER_NAME。会自动重试。',
  'ca-cert-unreadable': () =>
    '读不到 WECHATY_PUPPET_SERVICE_TLS_CA_CERT：请填 PEM 证书内容或一个存在的证书文件路径，然后重启。',
  'puppet-missing': (c) =>
    `没有安装 puppet「${c.puppet}」：请运行 npm install ${c.puppet}，或改回 WECHATY_PUPPET=wechaty-puppet-service，然后重启。`,
  'logged-out': () => '微信账号已退出登录（手机上退出，或被微信强制下线）：请在控制台“状态”页或终端重新扫码登录。',
  'no-heartbeat': () => 'puppet 长时间没有响应，正在重启它。会自动重试。',
  other: () => 'puppet 出错（详情见日志文件）。会自动重试。',
};

/** The sentence for a failure kind. */
export function connectionErrorLine(kind: string, ctx: { endpoint?: string; puppet: string }): string {
  return (connectionErrors[kind] ?? connectionErrors.other!)(ctx);
}

export const connectionStates: Record<string, string> = {
  connecting: '正在连接',
  'waiting-scan': '等待扫码',
  'logged-in': '已登录',
  'logged-out': '已退出登录',
  reconnecting: '等待重试',
  failed: '需要处理配置',
  disconnected: '未连接',
};

/** Labels shared by the 状态 page and `dte status`. */
export const connectionLabels = {
  state: '状态',
  puppet: 'puppet',
  account: '登录账号',
  lastError: '最近错误',
  lastErrorAt: '出错时间',
  retryCount: '重试次数',
  nextRetryAt: '下次重试',
  lastHeartbeat: '最近心跳',
  lastMessageAt: '最近消息',
  sendQueue: '待发送',
  conversationQueue: '待处理消息',
  startedAt: '启动时间',
  updatedAt: '状态更新于',
  qrcodeUrl: '登录二维码',
};

/** Lines `npm start` prints when the link changes (one per change, no JSON). */
export const connectionLines = {
  connecting: (puppet: string) => `微信：正在连接（${puppet}）…`,
  waitingScan: (url: string) => `微信：请用机器人微信号扫码登录：${url}`,
  loggedIn: (name: string) => `微信：已登录（${name}）。`,
  loggedOut: '微信：账号已退出登录，等待重新扫码。',
  failed: (line: string) => `微信：${line}`,
  retry: (line: string, seconds: number, attempt: number) => `微信：${line}（${seconds} 秒后第 ${attempt} 次重试，之后间隔逐步加长）`,
  stopped: '微信：已断开。',
};

/** `dte status`. */
export const statusCommand = {
  missing: (file: string) =>
    `没有找到微信连接状态（${file}）：npm start 没有在运行，或没有配置微信（见 README“连接微信”）。`,
  invalid: (file: string, reason: string) => `微信连接状态文件 ${file} 无法读取：${reason}`,
  stale: (pid: number | undefined) => `注意：写这个状态的进程${pid ? `（pid ${pid}）` : ''}已不在运行，以下是它最后记录的状态。`,
  none: '无',
};
