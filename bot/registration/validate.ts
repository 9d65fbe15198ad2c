/**
 * Field validators of the sign-up form. Each takes what the resident wrote and
 * returns a tagged value: the normalised field, or the exact Chinese message
 * (from prompts/registration.ts) saying what is wrong. They never throw.
 * Option lists (districts, levels) come from the facts table via the caller.
 */
import { z } from 'zod';
import { INVALID } from '../../prompts/registration.js';
import { formWords } from './form-words.js';
import { defaultConversationLanguage, type ConversationLanguage } from '../../knowledge/language/schema.js';
import type { FormField } from './types.js';
import { formPhrases } from './form-phrases.js';
import { cachedPer } from '../phrase-patterns.js';

/** A validated value, or the message to show the resident. */
export type FieldResult<T = string> = { ok: true; value: T } | { ok: false; error: string };

/** Age bounds for a plausible trainee (a sanity check, not a rule of the notice). */
export const MIN_AGE = 16;
export const MAX_AGE = 70;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CODES = '10X98765432';
/** GB/T 2260 province-level codes (first two digits of every ID number). */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62,
  63, 64, 65, 71, 81, 82, 83,
]);

/** Full-width digits/letters to half-width, all white space and dashes removed. */
function compact(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s\-－—_]+/gu, '');
}

function result<T>(parsed: z.ZodSafeParseResult<T>): FieldResult<T> {
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: parsed.error.issues[0]?.message ?? INVALID.idChars };
}

/** Beijing calendar date (UTC+8) of an instant, as [year, month, day]. */
export function beijingDate(now: Date): { year: number; month: number; day: number; iso: string } {
  const shifted = new Date(now.getTime() + 8 * 3600_000);
  const iso = shifted.toISOString().slice(0, 10);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate(), iso };
}

/** The GB 11643 MOD 11-2 check character for the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CODES[sum % 11]!;
}

/** A validated 18-character ID number with what it encodes. */
export interface IdNumberInfo {
  idNumber: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  /** From the 17th digit: odd = 男. */
  gender: '男' | '女';
  /** Full years at `now` (Beijing date). */
  age: number;
}

function idNumberSchema(now: Date) {
  return z.string().transform((raw, ctx): IdNumberInfo => {
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    const id = compact(raw).toUpperCase();
    if (id.length === 0) return fail(INVALID.idEmpty);
    if (id.length === 15 && /^\d{15}$/.test(id)) return fail(INVALID.idOld15);
    if (!/^[\dX]+$/.test(id) || id.slice(0, -1).includes('X')) return fail(INVALID.idChars);
    if (id.length !== 18) return fail(INVALID.idLength(id.length));
    if (!PROVINCE_CODES.has(Number(id.slice(0, 2)))) return fail(INVALID.idRegion);
    const year = Number(id.slice(6, 10));
    const month = Number(id.slice(10, 12));
    const day = Number(id.slice(12, 14));
    const birth = new Date(Date.UTC(year, month - 1, day));
    const real =
      year >= 1900 && birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
    if (!real) return fail(INVALID.idBirthDate);
    if (idCheckCharacter(id) !== id[17]) return fail(INVALID.idChecksum);
    const today = beijingDate(now);
    if (year * 10000 + month * 100 + day > today.year * 10000 + today.month * 100 + today.day) {
      return fail(INVALID.idAgeFuture);
    }
    const age = today.year - year - (today.month * 100 + today.day < month * 100 + day ? 1 : 0);
    if (age < MIN_AGE || age > MAX_AGE) return fail(INVALID.idAgeRange(age, MIN_AGE, MAX_AGE));
    return {
      idNumber: id,
      birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      gender: Number(id[16]) % 2 === 1 ? '男' : '女',
      age,
    };
  });
}

/** 18-character ID number: length, characters, region, real birth date, checksum, age at `now`. */
export function validateIdNumber(raw: string, now: Date): FieldResult<IdNumberInfo> {
  return result(idNumberSchema(now).safeParse(raw));
}

/** Gender encoded in a (validated) ID number's 17th digit. */
export function genderFromIdNumber(idNumber: string): '男' | '女' {
  return Number(idNumber[16]) % 2 === 1 ? '男' : '女';
}

/** A gender answer without what surrounds it ("我是男的" -> "男"). */
function normaliseWord(raw: string, language: ConversationLanguage): string {
  const p = formPhrases(language);
  return raw
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[。.!！,，~～\s]+$/u, '')
    .replace(p.before('gender'), '')
    .replace(p.after('gender'), '');
}

const genderSchema = cachedPer((language: ConversationLanguage) => z.string().transform((raw, ctx): '男' | '女' => {
  const w = normaliseWord(raw, language);
  if ((formWords().genderMale as readonly string[]).includes(w)) return '男';
  if ((formWords().genderFemale as readonly string[]).includes(w)) return '女';
  ctx.addIssue({ code: 'custom', message: INVALID.gender });
  return z.NEVER;
}));

/** 男/女, also 男性/女性/male/female. */
export function validateGender(raw: string, language: ConversationLanguage = defaultConversationLanguage()): FieldResult<'男' | '女'> {
  return result(genderSchema(language).safeParse(raw));
}

/** True when the stated gender agrees with the ID number's 17th digit. */
export function genderMatchesId(gender: '男' | '女', idNumber: string): boolean {
  return genderFromIdNumber(idNumber) === gender;
}

const PhoneSchema = z.string().transform((raw, ctx): string => {
  const fail = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  let s = compact(raw).replace(/[()（）]/gu, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086') && s.length > 11) s = s.slice(4);
  else if (s.startsWith('86') && s.length === 13) s = s.slice(2);
  if (!/^\d+$/.test(s)) return fail(INVALID.phoneChars);
  if (s.length !== 11) return fail(INVALID.phoneLength(s.length));
  if (!/^1[3-9]/.test(s)) return fail(INVALID.phonePrefix);
  return s;
});

/** Mainland mobile number: 11 digits 1[3-9]…, +86/86 prefix, spaces and dashes accepted. */
export function validatePhone(raw: string): FieldResult {
  return result(PhoneSchema.safeParse(raw));
}

/** Short forms of a district option: the name without its 市/区 suffix (滕州市 -> 滕州). */
function districtForms(option: string, language: ConversationLanguage): string[] {
  const forms = [option];
  const short = option.replace(formPhrases(language).placeNameSuffix, '');
  if (short.length >= 2 && short !== option) forms.push(short);
  return forms;
}

/**
 * Resolve a district the resident wrote against the form's options (from the
 * facts): exact, short forms (滕州, 高新), and for the 市直 option the plain
 * ways of saying "a city-level unit" (市直单位, 市里). Returns the option.
 */
export function matchDistrict(raw: string, options: readonly string[], language: ConversationLanguage = defaultConversationLanguage()): string | undefined {
  const p = formPhrases(language);
  const s = raw
    .normalize('NFKC')
    .trim()
    .replace(/[。.!！,，\s]+$/u, '')
    .replace(p.before('district'), '')
    .replace(p.after('district'), '');
  if (s.length === 0) return undefined;
  for (const option of options) if (districtForms(option, language).includes(s)) return option;
  const cityOption = options.find((o) => (formWords().cityLevel as readonly string[]).includes(o));
  if (cityOption && (formWords().cityLevel as readonly string[]).includes(s)) return cityOption;
  return undefined;
}

/** Find a district option named anywhere inside a longer text (滕州的, 在高新区). */
export function findDistrictIn(text: string, options: readonly string[], language: ConversationLanguage = defaultConversationLanguage()): string | undefined {
  for (const option of options) {
    if (districtForms(option, language).some((f) => text.includes(f))) return option;
  }
  const cityOption = options.find((o) => (formWords().cityLevel as readonly string[]).includes(o));
  if (cityOption && formWords().cityLevelInText.some((w) => text.includes(w))) return cityOption;
  return undefined;
}

/** 单位所在区（市）: one of the facts' options, short forms accepted. */
export function validateDistrict(raw: string, options: readonly string[], language: ConversationLanguage = defaultConversationLanguage()): FieldResult {
  const match = matchDistrict(raw, options, language);
  return match ? { ok: true, value: match } : { ok: false, error: INVALID.district(options) };
}

/** 培训等级: one of the facts' options; 初/中 accepted for 初级/中级 (a level's first character). */
export function validateLevel(raw: string, options: readonly string[], language: ConversationLanguage = defaultConversationLanguage()): FieldResult {
  const p = formPhrases(language);
  const s = raw
    .normalize('NFKC')
    .trim()
    .replace(/[。.!！,，\s]+$/u, '')
    .replace(p.before('level'), '')
    .replace(p.after('level'), '');
  const full = [...s].length === 1 ? (options.find((o) => o.startsWith(s)) ?? s) : s;
  return options.includes(full) ? { ok: true, value: full } : { ok: false, error: INVALID.level(options) };
}

/** 职称: optional; "无", "没有", "暂无", "不填" mean none (empty string). */
export function validateTitle(raw: string, label: string, language: ConversationLanguage = defaultConversationLanguage()): FieldResult {
  const s = raw.normalize('NFKC').trim().replace(/[。.!！,，\s]+$/u, '');
  if (s === '' || (formWords().noTitle as readonly string[]).includes(s)) return { ok: true, value: '' };
  return validateText(s.replace(formPhrases(language).before('title'), ''), label, 30);
}

const NameSchema = z.string().transform((raw, ctx): string => {
  const fail = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  const s = raw.normalize('NFKC').trim().replace(/\s+/gu, ' ').replace(/[。.!！,，]+$/u, '');
  if (s === '') return fail(INVALID.nameEmpty);
  if (/\d/.test(s)) return fail(INVALID.nameDigits);
  const chars = [...s];
  if (chars.length < 2 || chars.length > 20) return fail(INVALID.nameLength);
  // "好的"/"可以" answer a question; they are not anyone's name.
  if ([...formWords().yes, ...formWords().no].some((w) => w.toLowerCase() === s.toLowerCase())) return fail(INVALID.nameNotAWord);
  const cjk = /^[\p{Script=Han}·•]+$/u.test(s) && /\p{Script=Han}/u.test(s);
  const latin = /^[A-Za-z][A-Za-z .·'-]*$/u.test(s);
  if (!cjk && !latin) return fail(INVALID.nameChars);
  return s.replace(/•/gu, '·');
});

/** 姓名: 2–20 characters of CJK (with ·) or letters. */
export function validateName(raw: string): FieldResult {
  return result(NameSchema.safeParse(raw));
}

/** A free-text field (学历及所学专业, 所在单位): non-empty, 2..max characters. */
export function validateText(raw: string, label: string, max: number): FieldResult {
  const s = raw.normalize('NFKC').trim().replace(/\s+/gu, ' ').replace(/[。.!！,，]+$/u, '');
  if (s === '') return { ok: false, error: INVALID.textEmpty(label) };
  if ([...s].length < 2) return { ok: false, error: INVALID.textShort(label) };
  if ([...s].length > max) return { ok: false, error: INVALID.textLong(label, max) };
  return { ok: true, value: s };
}

/** What a field validator may need besides the text. */
export interface ValidateContext {
  now: Date;
  /** The form's label of the field (for messages). */
  label: string;
  /** Allowed values from the facts (district, level). */
  options?: readonly string[];
  /** How residents phrase things; defaults to the shipped language data. */
  language?: ConversationLanguage;
}
