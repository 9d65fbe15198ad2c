/**
 * The form's short replies (yes, no, confirm, cancel, genders, "no title" …),
 * from the conversation language data (knowledge/language/conversation.json,
 * `formWords`); this file holds no phrasing of its own.
 */
import { defaultConversationLanguage, type ConversationLanguage } from '../../knowledge/language/schema.js';

/** The form words of the language data in use (useConversationLanguage replaces it). */
export function formWords(): ConversationLanguage['formWords'] {
  return defaultConversationLanguage().formWords;
}
