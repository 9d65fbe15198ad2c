/**
 * The vocabulary of retrieval, as data (knowledge/language/retrieval.json):
 * the words jieba must keep whole (domain words), colloquial words expanded
 * into the notices' words ("退钱" → "退款"), and the stopwords left out of
 * the keyword index. An operator edits the file; the index records a hash of
 * it in its manifest, so the next start rebuilds the index.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const Word = z.string().min(1);

export const RetrievalLanguageSchema = z.object({
  domainWords: z.array(Word),
  queryExpansions: z.record(Word, z.array(Word).min(1)),
  stopwords: z.array(Word),
});
export type RetrievalLanguage = z.infer<typeof RetrievalLanguageSchema>;

const PATH = new URL('./retrieval.json', import.meta.url);

let shipped: { data: RetrievalLanguage; text: string } | undefined;

function load(): { data: RetrievalLanguage; text: string } {
  if (!shipped) {
    const text = readFileSync(PATH, 'utf8');
    const parsed = RetrievalLanguageSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`language data ${PATH.pathname} is invalid:\n${z.prettifyError(parsed.error)}`);
    shipped = { data: parsed.data, text };
  }
  return shipped;
}

/** The shipped retrieval vocabulary, loaded and validated once. */
export function defaultRetrievalLanguage(): RetrievalLanguage {
  return load().data;
}

/** A number that changes with the file's content (the first 6 bytes of its sha256), for the index manifest. */
export function retrievalLanguageVersion(): number {
  return parseInt(createHash('sha256').update(load().text).digest('hex').slice(0, 12), 16);
}
