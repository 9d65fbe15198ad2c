/**
 * Masking of personal data for logs, summaries and the console's default view.
 * Staff exports are the only place personal data appears in full.
 */

/** 370402199001011234 -> 3704**********1234 (keeps 4 + 4). */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4);
}

/** 13912345678 -> 139****5678. */
export function maskPhone(phone: string): string {
  const s = phone.trim();
  if (s.length < 7) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}

/** 张三丰 -> 张** (keeps the family name's first character). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

const ID_IN_TEXT = /(?<![0-9])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9])/g;
const LOOSE_ID_IN_TEXT = /(?<![0-9])\d{15,18}[Xx]?(?![0-9])/g;
const PHONE_IN_TEXT = /(?<![0-9])1[3-9]\d{9}(?![0-9])/g;

/** Mask every ID-number-like and mobile-number-like run in free text (for logs). */
export function maskPersonalData(text: string): string {
  return text
    .replace(ID_IN_TEXT, (m) => maskIdNumber(m))
    .replace(LOOSE_ID_IN_TEXT, (m) => maskIdNumber(m))
    .replace(PHONE_IN_TEXT, (m) => maskPhone(m));
}
