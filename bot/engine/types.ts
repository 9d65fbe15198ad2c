/**
 * A turn is plain data in, plain data out:
 *   handleTurn({ message, session }, ports) -> { replies, session, effects, trace }
 * Channels (CLI, WeChat, console) strip their own details into an
 * InboundMessage, run the effects, persist the session and send the replies.
 */
import type { FactsTable } from '../../tools/facts-table.js';
import type { KnowledgeBase } from '../../knowledge/types.js';
import type { DocumentMeta, Level, Region, Topic } from '../../knowledge/facts/schema.js';
import type { FormState, RegistrationRecord } from '../registration/types.js';
import type { ExtractedProfile } from './understand/extract-profile.js';
import type { ReviewDecision } from '../staff/review-types.js';

export interface InboundMessage {
  /** Conversation key: the user in private chats, room + user in groups. */
  conversationId: string;
  /** The sender's stable id in the channel. */
  userId: string;
  /** Text with any @mention already stripped. */
  text: string;
  chat: 'private' | 'group';
  /** Channel name, for logs and the trace. */
  channel: 'cli' | 'wechat' | 'console' | 'test';
}

/** Slots remembered between turns so follow-ups ("那中级呢？") work. */
export interface Slots {
  topic?: Topic;
  region?: Region;
  occupation?: string;
  level?: Level;
  /** How many people the resident asks for ("3个员工", "俩人"), for cost totals in later turns. */
  headcount?: number;
  /**
   * The last question that asked a topic of its own (as understood), asked again for a follow-up that only
   * changes its region, level or occupation ("威海补贴一年能领几次" → "那浙江呢").
   */
  lastAsk?: string;
}

/** Persisted per conversation as JSON; discarded when `version` differs. */
export interface Session {
  version: typeof SESSION_VERSION;
  slots: Slots;
  /** The registration form in progress, if any. */
  form?: FormState;
  /** What the bot is waiting for outside the form (e.g. an eligibility answer). */
  pending?: {
    kind: 'eligibility';
    level?: Level;
    /** What the resident said about themselves so far. */
    profile?: ExtractedProfile;
    /** The profile fields the bot asked for, most decisive first. */
    asked?: string[];
    /** Older sessions kept the story as text; read once into `profile`. */
    profileText?: string;
  };
  /** What the resident said about themselves (education, titles, certificates, years), typed, for later eligibility questions. */
  profile?: ExtractedProfile;
  /** Older sessions kept the story as text; read once into `profile` (understand/profile-state.ts). */
  profileText?: string;
  /** The bot offered to start the registration form last turn ("好的" starts it). */
  formOffered?: boolean;
  /** The resident asked to delete their data and was asked to confirm: only "确认删除" next deletes. */
  confirmDelete?: { askedAt: string };
  /** The resident was told which region answers assume (said once per conversation). */
  regionNoted?: boolean;
  /** ISO time of the last turn, for "welcome back" and draft resume. */
  lastSeen?: string;
}
export const SESSION_VERSION = 1 as const;

export function newSession(): Session {
  return { version: SESSION_VERSION, slots: {} };
}

/** What a channel must do after a turn. */
export type Effect =
  | { kind: 'save-registration'; record: RegistrationRecord }
  /** Only ever after the owner confirmed it in a second message. */
  | { kind: 'delete-personal-data'; userId: string }
  | { kind: 'log-question'; question: string; answered: boolean; confidence: number; route: string }
  /** A taught answer (staff's 缺口 page) was served: its hit count goes up (bot/store/taught-store.ts). */
  | { kind: 'taught-hit'; id: string };

export interface SourceRef {
  doc: string;
  title: string;
  section: string;
  quote: string;
}

export interface ToolCall {
  name: string;
  input: unknown;
  output: unknown;
}

export interface Trace {
  /** Which path answered: 'tool', 'retrieval', 'form', 'smalltalk', 'unknown', 'llm', … */
  route: string;
  /** Understood intent (topic + slots) of this turn. */
  understood?: Slots & { intent?: string };
  tools: ToolCall[];
  sources: SourceRef[];
  /** 'offline' or 'llm'. */
  mode: 'offline' | 'llm';
  /** Confidence in [0,1] the answer rests on the notices. */
  confidence: number;
  /** Optional notes (LLM fallback reasons, grounding rejections). */
  notes?: string[];
}

export interface TurnResult {
  replies: string[];
  session: Session;
  effects: Effect[];
  trace: Trace;
}

/**
 * Read-only view of stored registrations the engine may consult: only the
 * resident's own. Nothing here can tell whether someone else registered an
 * ID number (that would leak it); duplicates are the store's and staff's job.
 */
export interface RegistrationLookup {
  /** This user's registration with this ID number and level, if any. */
  findOwn(userId: string, idNumber: string, level: Level): RegistrationRecord | undefined;
  /** This user's registrations, oldest first. */
  listOwn(userId: string): RegistrationRecord[];
  /** Staff's current decision on a registration (bot/staff/review-types.ts), shown in 查询我的报名. */
  reviewOf?(reference: string): ReviewDecision | undefined;
}

/** Registrations as the engine sees them (new references are assigned when the store commits the turn). */
export type RegistrationPort = RegistrationLookup;

/** An optional language model (see bot/engine/llm/). */
export interface LlmPort {
  /** Answer a question with tools; returns null to fall back to offline. */
  answer(input: LlmAnswerInput): Promise<LlmAnswer | null>;
}
export interface LlmAnswerInput {
  question: string;
  slots: Slots;
  offline: { reply: string; trace: Trace };
}
export interface LlmAnswer {
  reply: string;
  tools: ToolCall[];
  sources: SourceRef[];
  notes?: string[];
}

export interface Ports {
  kb: KnowledgeBase;
  facts: FactsTable;
  /** The injectable clock: never call Date.now() in engine logic. */
  now: () => Date;
  registrations: RegistrationPort;
  llm?: LlmPort;
  /** Region used when a question names none (from config). */
  defaultRegion: Region;
  /** Metadata of the shipped notices (titles for citations). */
  documents: readonly DocumentMeta[];
  /** The bot's display name (greeting). */
  botName: string;
  /** Answers staff taught on 缺口 (bot/engine/answer/taught-answer.ts); absent = none. */
  taught?: TaughtAnswers;
}

/** What a taught answer that matched a question points at: facts, a notice passage, or "not covered, ask this contact". */
export interface TaughtMatch {
  id: string;
  factIds: string[];
  chunkId?: string;
  contactFactId?: string;
  /** Similarity to the closest taught phrasing, in [0, 1]. */
  score: number;
}

/**
 * Staff's taught answers as the engine sees them: a synchronous look-up over
 * an in-memory snapshot the app refreshes after every teach, and where a hit
 * is recorded (applied with the turn's effects, never inside the turn).
 */
export interface TaughtAnswers {
  match(question: string): TaughtMatch | undefined;
  recordHit?(id: string): Promise<void>;
}

/**
 * What a channel talks to: handles one inbound message, in order within its
 * conversation (a queue per conversation), persists the session, runs the
 * effects, and never throws (a failure becomes a polite reply and a log line).
 */
export interface ConversationHandler {
  handle(message: InboundMessage): Promise<{ replies: string[]; trace?: Trace }>;
}
