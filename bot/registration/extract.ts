/**
 * Pull form fields out of one free-text message: several at once ("我叫张三，
 * 男，手机13912345678，报初级…"), a bare answer to the field just asked
 * ("张三"), and corrections ("手机号填错了，改成13800001111", "把单位改成…",
 * "等级改为中级"). The values are raw candidates: the form validates them
 * (./validate.ts), so a wrong one gets an exact message instead of vanishing.
 */
import type { FormField } from './types.js';
import { FORM_FIELDS } from './types.js';
import { FIELD_DEFINITIONS } from './form-fields.js';
import { matchDistrict } from './validate.js';
import { containsAny, defaultConversationLanguage, isExactly, type ConversationLanguage } from '../../knowledge/language/schema.js';
import type { FactsTable } from '../../tools/facts-table.js';
import { formPhrases, type FormPhrases } from './form-phrases.js';
import { profileLanguage } from './profile-language.js';

/** What the extractor needs to know about the form at this point. */
export interface ExtractContext {
  /** The field asked last: a message that names no field answers it. */
  asking?: FormField;
  /** District options from the facts (to recognise "滕州的"). */
  districtOptions: readonly string[];
  /** How residents phrase things; defaults to the shipped language data. */
  language?: ConversationLanguage;
  /** The facts table, for the titles the notices name (the shipped table by default). */
  facts?: FactsTable;
}

export interface Extraction {
  /** Raw candidate values, per field. */
  values: Partial<Record<FormField, string>>;
  /** Fields named as wrong without a new value ("手机号填错了"): ask them again. */
  reopen: FormField[];
  /** The message reads as a question (nothing but ID/phone numbers and explicit corrections were taken from it). */
  question: boolean;
  /** Fields the message explicitly corrects ("把手机号改成…", "不对，我是女的"): only these may overwrite a filled field. */
  corrected: FormField[];
}

/** Fields whose answer is whatever the resident calls it (an employer named 枣庄市中级人民法院 is an employer, not a level). */
const FREE_TEXT_FIELDS: ReadonlySet<FormField> = new Set(FORM_FIELDS.filter((f) => FIELD_DEFINITIONS[f].freeText));
/** "不对，我是女的": a message that opens by saying something was wrong corrects what it then gives. */
/** The first of `words` (longest first) that `text` starts with, or ''. */
function leading(text: string, words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).find((w) => text.startsWith(w)) ?? '';
}

/** `text` without one leading and one trailing phrase of the lists. */
function trimPhrases(text: string, prefixes: readonly string[], suffixes: readonly string[]): string {
  const head = text.slice(leading(text, prefixes).length);
  const tail = [...suffixes].sort((a, b) => b.length - a.length).find((w) => head.endsWith(w) && head.length > w.length) ?? '';
  return head.slice(0, head.length - tail.length).trim();
}

/**
 * The asked free-text field's answer from a whole message, or undefined when
 * it names none. For the title: "没有/还没评职称" is none (""), and a name
 * ending like a title (工程师, 农艺师, 教授 …, from the language data) is
 * cut out of the sentence; for the employer: "单位叫X"/"单位是X" gives X,
 * otherwise the whole message is the employer.
 */
function freeTextAnswer(field: FormField, text: string, language: ConversationLanguage): string | undefined {
  const t = text.trim().replace(/[。.!！~～]+$/u, '');
  if (t === '') return undefined;
  const f = language.formPhrases;
  if (field === 'title') {
    const endings = [...language.titleEndings].sort((a, b) => b.length - a.length);
    const at = endings.map((e) => ({ e, i: t.lastIndexOf(e) })).filter((x) => x.i >= 0).sort((a, b) => b.i + b.e.length - (a.i + a.e.length))[0];
    if (at) {
      const head = t.slice(0, at.i + at.e.length);
      const run = /[\p{Script=Han}（）()]+$/u.exec(head)?.[0] ?? head;
      const title = trimPhrases(run, f.titlePrefixes, f.titleSuffixes);
      if ([...title].length >= 2) return title;
    }
    if (containsAny(t, language.noTitle) && [...t].length <= 12) return '';
    return trimPhrases(t, f.titlePrefixes, f.titleSuffixes);
  }
  // "在一家物流公司上班，单位叫顺丰速运": the name after 单位叫, up to the next separator.
  const by = [...f.employerNamedBy].sort((a, b) => b.length - a.length).find((w) => t.includes(w));
  if (by) {
    const name = t.slice(t.indexOf(by) + by.length).replace(/^[:：\s]+/u, '').split(SEPARATORS)[0]!.trim();
    if (name) return name;
  }
  return trimPhrases(t, f.employerPrefixes, f.employerSuffixes);
}

const SEPARATORS = /[，,。；;！!？?\n、]+/u;

/** Bare ID-number-like runs (15/18 characters; others for a precise error) and mobile-like runs (1[3-9] + 9 digits, spaces/dashes, +86). */
const ID_BARE = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15}|\d{16}|\d{19}|\d{17})(?![0-9A-Za-z])/u;
const PHONE_BARE = /(?<![0-9])((?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8})(?![0-9])|(?<![0-9])(1\d{9,11})(?![0-9])/u;

function take(text: string, re: RegExp): { value?: string; rest: string } {
  const m = re.exec(text);
  if (!m) return { rest: text };
  const value = m.slice(1).find((g) => g !== undefined) ?? m[0];
  return { value, rest: text.slice(0, m.index) + '，' + text.slice(m.index + m[0].length) };
}

/** The field words of the language data, longest first so 身份证号码 wins over 身份证. */
function fieldWords(language: ConversationLanguage): ReadonlyArray<readonly [string, FormField]> {
  return Object.entries(language.fieldWords).sort((a, b) => b[0].length - a[0].length);
}

function fieldNamedAt(segment: string, words: ReadonlyArray<readonly [string, FormField]>, phrases: FormPhrases): { field: FormField; rest: string } | undefined {
  const s = segment.replace(phrases.fieldOpening, '');
  for (const [word, field] of words) if (s.startsWith(word)) return { field, rest: s.slice(word.length) };
  return undefined;
}

/** Classify one segment that names no field: which field does it look like? */
function classify(segment: string, ctx: ExtractContext, language: ConversationLanguage, phrases: FormPhrases): { field: FormField; value: string } | undefined {
  const g = phrases.gender.exec(segment);
  if (g) return { field: 'gender', value: g[1]! };
  if (matchDistrict(segment, ctx.districtOptions, language)) return { field: 'district', value: segment };
  if (saysNoTitle(segment, language)) return { field: 'title', value: '' };
  const level = phrases.level.exec(segment);
  if (level && !phrases.notLevelContext.test(segment)) return { field: 'level', value: level[1]! };
  const profile = profileLanguage(ctx.facts);
  if (profile.education.any.test(segment)) return { field: 'education', value: segment.replace(phrases.before('education', true), '') };
  const employer = phrases.employer.exec(segment);
  if ((profile.titles.knownIn(segment) !== undefined || phrases.titleLike.test(segment)) && !employer) return { field: 'title', value: segment.replace(phrases.before('title', true), '') };
  if (employer) return { field: 'employer', value: employer[1]! };
  const name = phrases.name.exec(segment);
  if (name) return { field: 'name', value: name[1]! };
  return undefined;
}

/** "无职称", "职称没有": a segment saying no title that names the title word itself (a bare "没有" answers what was asked). */
function saysNoTitle(segment: string, language: ConversationLanguage): boolean {
  const words = language.formPhrases.titleWords;
  if (isExactly(segment, language.noTitle.filter((p) => words.some((w) => p.includes(w))))) return true;
  return words.some((w) => segment.startsWith(w) && segment.length > w.length && isExactly(segment.slice(w.length), language.noTitle));
}

/**
 * Extract field candidates from `text`. ID and phone numbers are found
 * anywhere; other fields per comma-separated segment, by the field word that
 * starts it ("单位改成…", "职称：无") or by what it looks like ("男", "滕州的",
 * "报初级"). Segments that look like nothing answer `ctx.asking`. A question
 * ("中级补贴多少？") yields only numbers and explicit corrections, so the
 * engine can answer it.
 */
export function extractFields(text: string, ctx: ExtractContext): Extraction {
  const values: Partial<Record<FormField, string>> = {};
  const reopen: FormField[] = [];
  const corrected: FormField[] = [];
  const language = ctx.language ?? defaultConversationLanguage();
  const phrases = formPhrases(language);
  let rest = text.normalize('NFKC').trim();
  const question = phrases.question.test(rest);
  const correcting = leading(rest, language.formPhrases.correctionOpenings) !== '';

  // Numbers first: they are unambiguous, and removing them keeps segments clean.
  for (const [field, re] of [
    ['idNumber', phrases.idLabelled],
    ['phone', phrases.phoneLabelled],
    ['idNumber', ID_BARE],
    ['phone', PHONE_BARE],
  ] as const) {
    if (values[field] !== undefined) continue;
    const t = take(rest, re);
    if (t.value !== undefined) {
      values[field] = t.value.trim();
      rest = t.rest;
    }
  }

  // The asked employer or title is the whole message, whatever words it contains, unless the
  // message names fields itself ("单位在峄城那边", "把手机号改成…") or is a question.
  if (ctx.asking && FREE_TEXT_FIELDS.has(ctx.asking) && !question && !correcting && Object.keys(values).length === 0) {
    const words = fieldWords(language);
    const names = rest.split(SEPARATORS).map((seg) => fieldNamedAt(seg.trim(), words, phrases)).filter((n) => n !== undefined);
    const namesOther = names.some((n) => n.field !== ctx.asking && !(ctx.asking === 'employer' && n.field === 'employer'));
    const namesDistrict = names.some((n) => n.field === 'employer' && matchDistrict(n.rest.replace(phrases.before('district'), ''), ctx.districtOptions, language));
    if (!namesOther && !namesDistrict) {
      const value = freeTextAnswer(ctx.asking, rest, language);
      if (value !== undefined) return { values: { [ctx.asking]: value }, reopen, question: false, corrected };
    }
  }

  // WeChat users often separate fields with spaces ("我叫李明 女 报中级"): a space between Chinese words separates too.
  rest = rest.replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, '，');
  const segments = rest
    .split(SEPARATORS)
    .map((s) => s.trim().replace(phrases.filler, '').trim())
    .filter((s) => s.length > 0);
  const unclassified: string[] = [];
  const allWords = fieldWords(language);
  let lastNamed: FormField | undefined;
  /** The field the previous segment gave, so "本科，计算机专业" keeps the major with the education. */
  let previous: FormField | undefined;

  for (const segment of segments) {
    const before = previous;
    previous = undefined;
    const named = fieldNamedAt(segment, allWords, phrases);
    if (named) {
      lastNamed = named.field;
      const r = named.rest.trim();
      if (r === '' || phrases.wrongOnly.test(r)) {
        if (values[named.field] === undefined && r !== '') reopen.push(named.field);
        continue;
      }
      const change = phrases.change.exec(r);
      const explicit = change !== null && change[1] !== undefined;
      if (question && !explicit) continue;
      if (explicit || correcting || phrases.wrongAnywhere.test(r)) corrected.push(named.field);
      const value = change ? r.slice(change[0].length) : r;
      if (value.trim() === '') continue;
      // "单位在滕州" names the employer word but gives a district.
      if (named.field === 'employer' && matchDistrict(value, ctx.districtOptions, language)) values.district = value;
      else if (values[named.field] === undefined) values[named.field] = value;
      previous = named.field;
      continue;
    }
    const change = phrases.changeOnly.exec(segment);
    if (change && lastNamed) {
      const value = segment.slice(change[0].length).trim();
      if (value === '') continue;
      values[lastNamed] = value;
      corrected.push(lastNamed);
      const i = reopen.indexOf(lastNamed);
      if (i >= 0) reopen.splice(i, 1);
      continue;
    }
    if (question) continue;
    const c = classify(segment, ctx, language, phrases);
    // "本科，计算机专业": a major right after the education joins it.
    if (before === 'education' && values.education !== undefined && (!c || c.field === 'education')) {
      values.education = `${values.education} ${segment}`;
      previous = 'education';
      continue;
    }
    if (c && values[c.field] === undefined) {
      values[c.field] = c.value;
      if (correcting) corrected.push(c.field);
      previous = c.field;
      continue;
    }
    if (!c) unclassified.push(segment);
  }

  if (!question && ctx.asking && unclassified.length > 0) {
    const others = FORM_FIELDS.filter((f) => f !== ctx.asking && values[f] !== undefined);
    if (values[ctx.asking] === undefined) values[ctx.asking] = unclassified.join('，');
    else if (others.length === 0) values[ctx.asking] = [values[ctx.asking], ...unclassified].join('，');
  }
  // A number given with a correction word ("手机号填错了，改成138…", "身份证号不对 应该是…") corrects that field.
  if (containsAny(text, language.formPhrases.correctionWords)) {
    for (const f of ['idNumber', 'phone'] as const) if (values[f] !== undefined && !corrected.includes(f)) corrected.push(f);
  }
  return { values, reopen, corrected, question: question && Object.keys(values).length === 0 && reopen.length === 0 };
}
