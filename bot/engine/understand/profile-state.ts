/**
 * What the engine knows about the resident, as a typed object kept in the
 * session (never text to parse again): what each message says about them
 * (extractProfile) merged over what earlier messages said, and a short
 * answer to the bot's own question ("没有", "没有职称", "两年") read as the
 * value of the slot it asked for.
 */
import { parseProfileAnswer } from '../../registration/eligibility.js';
import { containsAny, defaultConversationLanguage, isExactly } from '../../../knowledge/language/schema.js';
import type { ProfileKey } from '../../registration/types.js';
import { extractProfile, hasProfile, type ExtractedProfile } from './extract-profile.js';

const ARRAYS = ['degrees', 'titles', 'levelCertificates'] as const;

/** `next` over `base`: a value said now replaces the earlier one; lists said now replace too ("没有职称" empties titles). */
export function mergeProfiles(base: ExtractedProfile | undefined, next: ExtractedProfile): ExtractedProfile {
  const out: ExtractedProfile = { ...(base ?? {}) };
  for (const [k, v] of Object.entries(next) as Array<[keyof ExtractedProfile, unknown]>) {
    if (v === undefined) continue;
    (out as Record<string, unknown>)[k] = (ARRAYS as readonly string[]).includes(k) ? [...new Set(v as string[])] : v;
  }
  return out;
}

/** The message read as the answer to the questions the bot asked (most decisive first), or undefined. */
export function answerToAsked(asked: readonly string[] | undefined, text: string): ExtractedProfile | undefined {
  // Typed answers first ("3年" is years, not a title called 3年); a title only when it reads like one.
  const language = defaultConversationLanguage();
  const keys = [...(asked ?? [])].sort((a, b) => Number(a === 'titles') - Number(b === 'titles'));
  for (const key of keys) {
    if (key === 'titles' && !containsAny(text, language.titleEndings) && !isExactly(text, language.noTitle) && !containsAny(text, ['职称'])) continue;
    // An empty list ("没有职称" -> titles: []) is an answer too.
    const parsed = parseProfileAnswer(key as ProfileKey, text.trim());
    if (parsed && hasProfile(parsed as ExtractedProfile)) return parsed as ExtractedProfile;
  }
  return undefined;
}

/** The stored profile of a session, reading the text an older version kept (profileText) once. */
export function storedProfile(session: { profile?: ExtractedProfile; profileText?: string }, today?: { year: number; month: number }): ExtractedProfile | undefined {
  if (session.profile) return session.profile;
  if (session.profileText) {
    const p = extractProfile(session.profileText, today);
    return hasProfile(p) ? p : undefined;
  }
  return undefined;
}
