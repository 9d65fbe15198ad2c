/**
 * A person's profile from free text ("我大专毕业，工作两年了", "本科在读，大四",
 * "有助理工程师职称，拿到三年了"), for the eligibility tool. Only what the
 * text says is filled; nothing is assumed.
 */
import type { Level } from '../../../knowledge/facts/schema.js';
import { chineseNumber } from './normalize-question.js';

export type Education = '初中' | '高中' | '中专' | '技工院校' | '专科' | '本科' | '硕士' | '博士';
export type Degree = '学士' | '第二学士' | '硕士' | '博士';

export interface ExtractedProfile {
  education?: Education;
  studying?: boolean;
  degrees?: Degree[];
  titles?: string[];
  levelCertificates?: Level[];
  yearsInWork?: number;
  yearsSinceTitle?: number;
  yearsSinceLevelCertificate?: number;
  relatedMajor?: boolean;
  retired?: boolean;
  /** Some years were estimated from a calendar year the resident gave ("2021年考的"). */
  yearsEstimated?: boolean;
  /** Still studying and not graduating this year (大三): no degree yet. */
  notYetGraduated?: boolean;
}

const EDUCATION: ReadonlyArray<readonly [RegExp, Education]> = [
  [/博士(?!学位)|博士研究生|读博/, '博士'],
  [/硕士(?!学位)|研究生|读研/, '硕士'],
  [/本科|大学毕业|大学生|大四|大三|学士(?!学位)/, '本科'],
  [/专科|大专/, '专科'],
  [/技工院校|技校|技师学院|技工学校/, '技工院校'],
  [/中专|职高|中职/, '中专'],
  [/高中/, '高中'],
  [/初中/, '初中'],
];

const NUM = '(?<!\\d)(\\d{1,2}(?:\\.\\d+)?|[一二两三四五六七八九十]+|半)';
const YEARS = new RegExp(`${NUM}\\s*(?:年|个年头)(半)?`);
const MONTHS = new RegExp(`${NUM}\\s*个?月`);

/** Years written in the text ("两年", "一年半", "11个月", "半年"), or undefined. */
export function parseYears(text: string): number | undefined {
  const y = YEARS.exec(text);
  if (y) {
    const n = chineseNumber(y[1]!);
    if (n !== undefined) return n + (y[2] ? 0.5 : 0);
  }
  const m = MONTHS.exec(text);
  if (m) {
    const n = chineseNumber(m[1]!);
    if (n !== undefined) return Math.round((n / 12) * 100) / 100;
  }
  return undefined;
}

/** Extract a profile; fields the text doesn't mention stay undefined. */
export function extractProfile(text: string, today?: { year: number; month: number }): ExtractedProfile {
  const p: ExtractedProfile = {};
  if (today) yearsFromDates(text, today, p);
  // Degrees first ("硕士学位"), so "学士学位" is not read as 本科 education.
  const degrees: Degree[] = [];
  if (/第二学士/.test(text)) degrees.push('第二学士');
  if (/(?<!第二)学士学位/.test(text)) degrees.push('学士');
  if (/硕士学位/.test(text)) degrees.push('硕士');
  if (/博士学位/.test(text)) degrees.push('博士');
  if (degrees.length) p.degrees = degrees;

  const edu = EDUCATION.find(([re]) => re.test(text.replace(/(第二)?学士学位|硕士学位|博士学位/g, '')));
  if (edu) p.education = edu[1];
  if (/在读|在校|还没毕业|未毕业|应届|大四|毕业班|今年毕业/.test(text)) p.studying = true;
  // 大一 to 大三 (or 研一, 研二): studying, not a graduate of this year, and without the degree yet.
  if (/大一|大二|大三|研一|研二|明年毕业|后年毕业/.test(text) && !/应届|大四|毕业班|今年毕业/.test(text)) {
    p.studying = false;
    delete p.education;
    p.notYetGraduated = true;
  }

  const titles: string[] = [];
  // "能算助理工程师吗" asks what something counts as; it does not say the resident holds the title.
  const held = text.replace(/(算|认定(为)?|当成|换成|对应)(成|为)?.{0,3}(助理工程师|高级工程师|工程师)/g, '');
  if (/高级工程师|高工/.test(held)) titles.push('高级工程师');
  if (/助理工程师/.test(held)) titles.push('助理工程师');
  else if (/(?<!高级|助理)工程师(职称)?/.test(held) && /职称|评上|取得|拿到|是/.test(held) && !/数字技术工程师/.test(held)) titles.push('工程师');
  if (/技术员/.test(held)) titles.push('技术员');
  if (/没有职称|无职称|没职称|没评(过)?职称|没有评职称|未评职称/.test(text)) p.titles = [];
  else if (titles.length) p.titles = titles;

  const certs: Level[] = [];
  const certRe = /(初级|中级|高级)(专业技术)?(等级)?(证书|证)|(考过|拿到|取得|有)了?(初级|中级|高级)(?!工程师|职称)(专业技术等级)?/g;
  for (const m of text.matchAll(certRe)) {
    const lvl = (m[1] ?? m[6]) as Level | undefined;
    if (lvl && !certs.includes(lvl) && !/培训合格/.test(text.slice(Math.max(0, m.index - 4), m.index + m[0].length + 4))) certs.push(lvl);
  }
  if (/没有(任何)?(等级)?证|没考过|无证|没(有)?证书|没(拿|考)(过)?(什么)?证/.test(text)) p.levelCertificates = [];
  else if (certs.length) p.levelCertificates = certs;

  // Years: "取得助理工程师三年"/"拿证两年" count since the title/certificate; otherwise years of work.
  const sinceTitle = /(职称|助理工程师|技术员)[^，。,.；;]{0,8}?(后|以后|之后|已经|已|有)?[^，。,.；;]{0,4}?(\d+|[一二两三四五六七八九十半]+)\s*年/.exec(text);
  const sinceCert = /(等级证书?|初级证书?|级证)[^，。,.；;]{0,8}?(\d+|[一二两三四五六七八九十半]+)\s*年/.exec(text);
  const clauses = text.split(/[，。,.；;！!？?]/);
  for (const c of clauses) {
    const y = parseYears(c);
    if (y === undefined) continue;
    if (sinceTitle && c.includes(sinceTitle[0])) p.yearsSinceTitle = y;
    else if (sinceCert && c.includes(sinceCert[0])) p.yearsSinceLevelCertificate = y;
    else if (/工作|干了|从事|做了|上班|从业|经验|年了|干过|做过|年限/.test(c)) p.yearsInWork = y;
  }
  if (/刚毕业|没工作|没有工作经验|还没工作|未就业/.test(text) && p.yearsInWork === undefined) p.yearsInWork = 0;

  if (/相关专业|对口|计算机|软件|信息管理|电子信息|数据科学|通信/.test(text)) p.relatedMajor = true;
  // Someone else's retirement ("我爸退休了") says nothing about the resident.
  const others = /(我爸|我妈|父亲|母亲|爸爸|妈妈|家人|老人|爷爷|奶奶|老公|老婆|亲戚|朋友|同事)[^，。,.]{0,4}(退休|领养老金)/;
  if (/已退休|退休了|退休人员|我退休|领养老金/.test(text) && !others.test(text)) p.retired = true;
  return p;
}

/**
 * "2021年考的初级证" / "2019年评上助理工程师" / "2015年毕业后一直做…": years since
 * then, on the injected clock's date. Without a month the middle of that year
 * is assumed, and the profile says the figure is an estimate.
 */
function yearsFromDates(raw: string, today: { year: number; month: number }, p: ExtractedProfile): void {
  // "去年评的" is a calendar year too: relative years become the year they name on the injected clock.
  const text = raw.replace(/大前年|前年|去年|今年/gu, (w) => `${today.year - ({ 今年: 0, 去年: 1, 前年: 2, 大前年: 3 } as const)[w as '今年']}年`);
  const since = (y: string, m?: string) => {
    const year = Number(y);
    if (year < 1970 || year > today.year) return undefined;
    const month = m ? Number(m) : 6.5;
    if (!m) p.yearsEstimated = true;
    return Math.max(0, Math.round(((today.year - year) * 12 + (today.month - month)) / 12 * 100) / 100);
  };
  const date = '((?:19|20)\\d{2})年(?:(\\d{1,2})月)?';
  const cert = new RegExp(`${date}[^，。,；;]{0,8}(考|拿|取得|获得|发)[^，。,；;]{0,8}(初级|中级)?(专业技术)?(等级)?证`).exec(text);
  if (cert) {
    const v = since(cert[1]!, cert[2]);
    if (v !== undefined) p.yearsSinceLevelCertificate = v;
  }
  const title = new RegExp(`${date}[^，。,；;]{0,8}(评|取得|拿到|获得)[^，。,；;]{0,4}(助理工程师|技术员|工程师|职称)`).exec(text);
  if (title) {
    const v = since(title[1]!, title[2]);
    if (v !== undefined) p.yearsSinceTitle = v;
  }
  const work = new RegExp(`${date}[^，。,；;]{0,10}(毕业|参加工作|入职|开始工作|工作)`).exec(text);
  if (work && /(一直|至今|到现在|后)[^，。；;]{0,6}(做|干|从事|在|工作)|参加工作|入职|开始工作/.test(text)) {
    const v = since(work[1]!, work[2]);
    if (v !== undefined) p.yearsInWork = v;
  }
}

/** True when the profile says anything at all. */
export function hasProfile(p: ExtractedProfile): boolean {
  return Object.values(p).some((v) => v !== undefined);
}
