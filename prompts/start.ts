import type { FactsProblem } from '../knowledge/facts/check-facts.js';

/** A quote shortened for one line of an error message. */
const short = (q: string) => {
  const flat = q.replace(/\s+/gu, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 60)}…` : flat;
};

const GARBLED: Record<Extract<FactsProblem, { kind: 'notice-garbled' }>['reason'], (detail: string) => string> = {
  'replacement-characters': (d) => `不是有效的 UTF-8 文本（含 ${d} 个替换字符 U+FFFD）`,
  'control-characters': (d) => `含控制字符 ${d}，不是文本文件`,
  mojibake: (d) => `大部分是乱码（乱码约占 ${d}）`,
  'not-chinese': (d) => `读不出中文通知（汉字/字母 ${d}）`,
};

/** One line per start-up problem of the facts or notices (knowledge/facts/check-facts.ts), naming the fact and the file. */
export function factsProblemLine(p: FactsProblem): string {
  const fact = 'factId' in p ? `事实 ${p.factId}（${p.file}）：` : '';
  switch (p.kind) {
    case 'facts-file-invalid':
      return `事实表 ${p.file} 无法使用：${p.error}`;
    case 'documents-file-invalid':
      return `通知清单 ${p.file} 无法使用：${p.error}`;
    case 'notice-unreadable':
      return `通知 ${p.doc}（${p.file}）无法读取：${p.error}`;
    case 'notice-garbled':
      return `通知文件 ${p.file}（${p.doc}）${GARBLED[p.reason](p.detail)}，请换回原始的 UTF-8 通知文本。`;
    case 'unknown-doc':
      return `${fact}引用的文件 id“${p.doc}”不在 documents.json 中。`;
    case 'region-mismatch':
      return `${fact}地区“${p.region}”与通知 ${p.doc} 的地区“${p.docRegion}”不符。`;
    case 'one-sided-conflict':
      return `${fact}声明与 ${p.other} 冲突，但 ${p.other} 的 conflictsWith 没有列出它。`;
    case 'unknown-see-also':
      return `${fact}的 seeAlso 列出的“${p.other}”不是表中另一条事实的 id。`;
    case 'quote-not-in-notice':
      return `${fact}${p.clause ? `条款${p.clause}的` : ''}引文不在通知 ${p.doc}（${p.noticeFile}）中：“${short(p.quote)}”`;
    case 'quote-garbled':
      return `${fact}引文含乱码：“${short(p.quote)}”`;
    case 'not-in-quote':
      return `${fact}${p.clause ? `条款${p.clause}：` : ''}“${p.value}”没有印在引文里：“${short(p.quote)}”`;
    case 'clause-label-mismatch':
      return `${fact}条款 ${p.clause} 的引文不以该编号开头。`;
    case 'exclusion-not-in-notice':
      return `${fact}排除对象“${p.text}”不在同地区的任何通知中。`;
    case 'unknown-occupation':
      return `${fact}职业“${p.occupation}”没有对应的 occupation 事实。`;
  }
}

/** Lines shown before the rest are summarised. */
const MAX_PROBLEM_LINES = 20;

/** What `npm start` prints to the operator's terminal. */
export const START = {
  badConfig: (m: string) => `配置有误（见 .env.example）：\n${m}`,
  /** `terminal`: stdin is an interactive terminal, so the terminal chat below runs. */
  wechatNotConnected: (terminal: boolean) =>
    [
      '微信未连接：没有设置 WECHATY_PUPPET_SERVICE_TOKEN。',
      '连接微信：在 .env 或环境变量中设置 WECHATY_PUPPET_SERVICE_TOKEN（puppet-service 令牌，见 README“连接微信”），然后重新运行 npm start 并扫码登录。',
      terminal
        ? '现在仍可通过下方终端对话或控制台的“模拟聊天”使用助手。'
        : '现在仍可通过控制台的“模拟聊天”使用助手（终端对话需要在交互式终端里运行 npm start；也可以用 npm run dte -- chat）。',
    ].join('\n'),
  consoleAt: (url: string) => `工作人员控制台：${url}`,
  terminalChat: '终端对话已就绪：输入问题后回车（Ctrl+C 退出）。',
  prompt: '您> ',
  crashed: (m: string) => `启动失败：${m}`,
  logFile: (file: string) => `日志写入 ${file}（每天一个文件，个人信息已打码）。`,
  indexLoaded: (chunks: number) => `检索索引已加载（${chunks} 个文本块）。`,
  indexBuiltFirst: (chunks: number) => `第一次启动：已建立检索索引（${chunks} 个文本块），以后启动直接加载。`,
  indexRebuilt: (chunks: number) => `通知或检索参数有变化：已重建检索索引（${chunks} 个文本块）。`,
  indexNotSaved: '检索索引无法写入磁盘，本次只在内存中使用（原因见日志）。',
  portInUse: (port: number, host: string) =>
    `控制台端口 ${host}:${port} 已被占用：请在 .env 中把 DTE_CONSOLE_PORT 改成空闲端口，或先停止占用它的程序（查看：ss -ltnp | grep :${port}）。机器人没有启动。`,
  portDenied: (port: number) => `没有权限监听控制台端口 ${port}：1024 以下的端口需要特权，请把 DTE_CONSOLE_PORT 改成 1024 以上的端口。机器人没有启动。`,
  stopping: '正在停止：先把发送队列里的消息发完……',
  stopped: '已停止。',
  /** Why the bot refuses to start: the facts table or a notice failed its checks. */
  languageRefused: (problems: readonly string[]) =>
    [
      `语言数据（knowledge/language）没有通过启动检查，拒绝启动（${problems.length} 处问题）：`,
      ...problems.slice(0, MAX_PROBLEM_LINES).map((p) => `- ${p}`),
      ...(problems.length > MAX_PROBLEM_LINES ? [`- ……另有 ${problems.length - MAX_PROBLEM_LINES} 处`] : []),
      '改法见 README 的“教机器人新的说法”一节；改好后运行 npm test 核对。',
    ].join('\n'),
  factsRefused: (problems: readonly FactsProblem[]) =>
    [
      `事实表或通知没有通过启动检查，拒绝启动（${problems.length} 处问题）：`,
      ...problems.slice(0, MAX_PROBLEM_LINES).map((p) => `- ${factsProblemLine(p)}`),
      ...(problems.length > MAX_PROBLEM_LINES ? [`- ……另有 ${problems.length - MAX_PROBLEM_LINES} 处`] : []),
      '改好后运行 npm test 可以逐条核对（见 knowledge/facts/README.md）。',
    ].join('\n'),
};
