/** Messages of `dte staff add|list|disable` (bot/channels/cli/staff-command.ts). */
export const STAFF_CLI = {
  usage: [
    '  dte staff add 账号 --role city|district [--district 区（市）] [--password-stdin] [--db PATH]',
    '  dte staff list [--json] [--db PATH]',
    '  dte staff disable 账号 [--db PATH]',
  ],
  needsName: (sub: string) => `staff ${sub}: give the account name, e.g. "dte staff ${sub} tz-wang"`,
  badRole: 'staff add: --role must be city (市人社局, every registration) or district (one 区（市）)',
  districtRequired: (options: readonly string[]) => `staff add: a district account needs --district, one of ${options.join('、')}`,
  districtUnknown: (d: string, options: readonly string[]) => `staff add: --district "${d}" is not on the form; one of ${options.join('、')}`,
  districtForCity: 'staff add: --district is only for --role district',
  badUsername: 'staff add: the account name is 2–32 letters, digits, ".", "_" or "-", starting with a letter (no personal data)',
  exists: (u: string) => `staff add: an account "${u}" already exists`,
  tooShort: (min: number) => `staff add: the password must be at least ${min} characters`,
  tooLong: 'staff add: the password is too long',
  noPassword:
    'staff add: the password is read from a terminal prompt, or from standard input with --password-stdin (never from the command line, which lands in the shell history)',
  prompt: '密码 password: ',
  promptAgain: '再输入一次 again: ',
  mismatch: 'staff add: the two passwords differ',
  added: (u: string, role: string, district?: string) => `added ${u} (${role === 'city' ? '市人社局 city' : `${district} district`})`,
  disabled: (u: string) => `disabled ${u}; its console sessions ended`,
  noSuchAccount: (u: string) => `staff disable: no account "${u}"`,
  none: 'no staff accounts (the console uses DTE_CONSOLE_TOKEN, or no login on loopback)',
  row: (a: { username: string; role: string; district?: string; createdAt: string; disabledAt?: string }) =>
    [a.username, a.role === 'city' ? '市人社局' : (a.district ?? ''), a.disabledAt ? `停用 disabled ${a.disabledAt}` : '启用 active', a.createdAt].join('\t'),
};
