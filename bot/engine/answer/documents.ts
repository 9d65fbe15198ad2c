/**
 * Which shipped notice a message means: the ones it names by their year
 * ("2026年这个通知", "2023方案"), and each notice's own year. Generic date
 * arithmetic over documents.json, shared by the metadata answers and the
 * fact ranking (its own module so neither imports the other).
 */
import type { DocumentMeta } from '../../../knowledge/facts/schema.js';
import { CUES } from '../understand/lexicon.js';

/** The notices a message names by their year ("2026年这个通知", "2023方案"); none when it names no such year. */
export function documentsNamed(text: string, documents: readonly DocumentMeta[]): DocumentMeta[] {
  // The year inside a document number ("浙人社发〔2023〕36号") is that number's, not a notice named by its year.
  const years = [...(CUES.documentNumber.test(text) ? text.replace(new RegExp(CUES.documentNumber.source, 'gu'), '') : text).matchAll(/(?:19|20)\d{2}/gu)].map((m) => m[0]);
  if (years.length === 0) return [];
  return documents.filter((d) => years.some((y) => d.title.includes(y) || d.shortTitle.includes(y) || d.id.includes(y)));
}

/** A notice's year: its issue date's, else the year its id or title carries (枣庄2026年度…). */
export function documentYear(d: DocumentMeta): number | undefined {
  const y = d.issued?.slice(0, 4) ?? /(?:19|20)\d{2}/u.exec(`${d.id} ${d.shortTitle}`)?.[0];
  return y ? Number(y) : undefined;
}
