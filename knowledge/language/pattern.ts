/**
 * The one zod schema of a regular expression written in the language data as
 * its source text: it must compile with the Unicode flag, or the file is
 * refused at start, naming the entry.
 */
import { z } from 'zod';

export const PatternSchema = z.string().min(1).refine(
  (s) => {
    try {
      new RegExp(s, 'u');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);
