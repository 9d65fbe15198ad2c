/**
 * The vocabulary of retrieval, as data (knowledge/language/retrieval.json):
 * the words jieba must keep whole (domain words), colloquial words expanded
 * into the notices' words ("退钱" → "退款"), and the stopwords left out of
 * the keyword index, and groups of words that mean the same (synonyms). An operator edits the file; the index records a hash of
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
  /**
   * Words residents use for the same thing ("外省", "外地", "省外"): the nearest-example indexes
   * (topics, intents, fact asks) read every word of a group as the group's first word, on both
   * the examples' and the message's side, so a paraphrase in other words still meets its example.
   */
  synonyms: z
    .array(z.array(Word).min(2))
    .default([])
    .superRefine((groups, ctx) => {
      const seen = new Set<string>();
      for (const g of groups)
        for (const w of g) {
          if (seen.has(w)) ctx.addIssue({ code: 'custom', message: `"${w}" is in two synonym groups` });
          seen.add(w);
        }
    }),
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
