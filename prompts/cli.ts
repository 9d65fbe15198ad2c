/** Messages of the dte command (stderr and help). */
import { STAFF_CLI } from './staff-cli.js';

export const CLI = {
  usage: [
    '用法 / usage:',
    '  dte ask [问题] [--json] [--now YYYY-MM-DD] [--region 枣庄|威海|浙江|金华|辽宁]',
    '  dte chat [--json] [--now YYYY-MM-DD] [--user ID] [--db PATH]',
    '  dte index',
    '  dte status [--json]（运行中的机器人的微信连接状态）',
    '  dte registrations export --format json|csv|xlsx [--out FILE] [--db PATH] [--district 区] [--status submitted|interest] [--level 初级|中级]',
    ...STAFF_CLI.usage,
    '不带问题的 ask 和 chat 从标准输入每行读一条消息，每条输出一行。',
  ].join('\n'),
  unknownCommand: (c: string) => `unknown command "${c}"; run "dte --help"`,
  optionNotFor: (o: string, c: string) => `option --${o} is not valid for "${c}"`,
  unexpectedArgs: (a: string) => `unexpected arguments: ${a}`,
  badNow: (reason: string) => `--now: ${reason}`,
  badRegion: (v: string, allowed: readonly string[]) => `--region must be one of ${allowed.join(', ')}, got "${v}"`,
  badConfig: (m: string) => `configuration error:\n${m}`,
  badExport: (m: string) => `registrations export: ${m}`,
  xlsxNeedsOut: 'registrations export --format xlsx needs --out FILE',
  unreadable: (references: readonly string[]) =>
    `警告 warning: ${references.length} 条报名记录无法读取，未导出（unreadable, left out）：${references.join(', ')}`,
  exported: (n: number, file: string) => `exported ${n} registration(s) to ${file}`,
  indexed: (info: { chunks: number; ms: number; dir: string }) => `index rebuilt: ${info.chunks} chunks in ${info.ms} ms -> ${info.dir}`,
  failed: (m: string) => `failed: ${m}`,
};
