/**
 * What may be sent to a model. Residents' ID numbers and mobile numbers are
 * masked (bot/mask.ts); public numbers the notices print (a hotline that
 * happens to be a mobile number) stay readable, because masking them would
 * hide the very fact the resident asked for.
 */
import { maskIdNumber, maskPersonalData, maskPhone } from '../../mask.js';

/**
 * `maskPersonalData(text)`, except that long digit runs also present in
 * `publicText` (tool outputs from the facts table) are left as they were.
 */
export function maskForModel(text: string, publicText = ''): string {
  let masked = maskPersonalData(text);
  if (masked === text || !publicText) return masked;
  const publicNumbers = new Set(publicText.match(/\d{7,}[Xx]?/g) ?? []);
  for (const n of publicNumbers) {
    if (!text.includes(n)) continue;
    for (const m of new Set([maskPhone(n), maskIdNumber(n)])) masked = masked.split(m).join(n);
  }
  return masked;
}
