/**
 * The bot's store as every consumer sees it: one ASYNC interface with two
 * implementations, SQLite in one file (bot/store/sqlite-store.ts, the
 * embedded default) and PostgreSQL (bot/store/pg-store.ts, shared by several
 * bot processes and console processes). Both pass the same behaviour suite
 * (test/store/store-contract.ts). Its own file so that the implementations,
 * the console's stores and the consumers share these types without an
 * import circle.
 */
import type { Effect, RegistrationLookup, Session } from '../engine/types.js';
import type { Level } from '../../knowledge/facts/schema.js';
import type { RegistrationRecord, RegistrationReview, RegistrationStatus } from '../registration/types.js';
import type { ReviewDecision } from '../staff/review-types.js';
import type { AuditStore } from './audit-store.js';
import type { ReviewStore } from './review-store.js';
import type { StaffStore } from './staff-store.js';

/** Filters of listRegistrations; `from` inclusive, `to` exclusive, on the creation time (ISO). */
export interface RegistrationFilter {
  district?: string;
  status?: RegistrationStatus;
  level?: string;
  from?: string;
  to?: string;
}

/** One logged question (masked before it is stored). */
export interface QuestionLogEntry {
  time: string;
  question: string;
  answered: boolean;
  confidence: number;
  route: string;
}

export interface QuestionFilter {
  from?: string;
  to?: string;
  answered?: boolean;
  limit?: number;
}

/** A stored registration row that does not parse: shown to staff as unreadable, never a reason for the rest to fail. */
export interface UnreadableRegistration {
  reference: string;
  district: string;
  createdAt: string;
  error: string;
}

/** What one turn writes, committed together by `commitTurn`. */
export interface TurnCommit {
  conversationId: string;
  userId: string;
  session: Session;
  effects: readonly Effect[];
  /** The injected clock's time of the turn (session and question-log times). */
  now: Date;
}

/** What `commitTurn` did: the reference of each saved registration, in effect order. */
export interface CommitResult {
  saved: Array<{ reference: string; created: boolean; review?: RegistrationReview }>;
  deleted: { registrations: number; sessions: number };
}

/** The console's stores on the same database; `now` is the real clock (never DTE_NOW). */
export interface ConsoleStores {
  staffStore(opts?: { now?: () => Date }): StaffStore;
  auditStore(opts?: { now?: () => Date }): AuditStore;
  /** Decisions write their audit row in the decision's own transaction (on this database). */
  reviewStore(opts?: { now?: () => Date }): ReviewStore;
}

/**
 * The store. Every method returns a Promise; each write method is one
 * transaction of its own (commitTurn: the whole turn).
 */
export interface Store extends ConsoleStores {
  /** Which implementation this is ("sqlite" for a file or ":memory:", "postgres" for a URL). */
  readonly kind: 'sqlite' | 'postgres';
  /** The stored session; undefined when absent, unreadable or of another version (the bad row is dropped). */
  getSession(conversationId: string): Promise<Session | undefined>;
  /** Replace the session of a conversation (one atomic statement). `userId` lets deletePersonalData find it. */
  saveSession(conversationId: string, session: Session, options?: { userId?: string; now?: Date }): Promise<void>;
  /**
   * Apply a turn's effects and save its session in one transaction: the
   * registration (NEW_REFERENCE replaced by the next reference), deletions,
   * the masked question log and the session commit together or not at all.
   */
  commitTurn(commit: TurnCommit): Promise<CommitResult>;
  /**
   * Insert a registration, or update the same user's one with the same ID
   * number and level (keeping its reference and creation time). The same ID
   * number and level from another user is inserted as its own row marked
   * `review: 'duplicate-id'`; the first owner's row is never touched. A
   * record whose reference is NEW_REFERENCE gets the next one.
   */
  upsertRegistration(record: RegistrationRecord): Promise<{ record: RegistrationRecord; created: boolean }>;
  /** The registration of this user with this ID number and level. */
  findRegistration(idNumber: string, level: string, userId: string): Promise<RegistrationRecord | undefined>;
  /** The same, in the engine's argument order (RegistrationLookup.findOwn). */
  findOwn(userId: string, idNumber: string, level: Level): Promise<RegistrationRecord | undefined>;
  /** This user's readable registrations, oldest first. */
  listOwn(userId: string): Promise<RegistrationRecord[]>;
  /** Readable registrations in creation order (unreadable rows are left out: see listUnreadable). */
  listRegistrations(filter?: RegistrationFilter): Promise<RegistrationRecord[]>;
  /** Rows whose stored fields do not parse, for the console and the export to report. */
  listUnreadable(filter?: RegistrationFilter): Promise<UnreadableRegistration[]>;
  /** Remove a user's registrations and sessions in one transaction; returns how many rows went. */
  deletePersonalData(userId: string): Promise<{ registrations: number; sessions: number }>;
  /** Delete sessions and question-log entries last written before `cutoff` (ISO); returns how many went. */
  purgeBefore(cutoff: string): Promise<{ sessions: number; questions: number }>;
  /** The next reference of a sequence: "ZZ26-000001", "ZZ26-000002", … */
  nextReference(prefix: string): Promise<string>;
  /** Log a question; its text is masked (ID and phone numbers) before it is written. */
  logQuestion(entry: QuestionLogEntry): Promise<void>;
  /** Logged questions, oldest first. */
  listQuestions(filter?: QuestionFilter): Promise<QuestionLogEntry[]>;
  /** The schema version (number of migrations applied). */
  schemaVersion(): Promise<number>;
  /** Staff's current decision on this registration (none once the resident changed it since). */
  reviewOf(reference: string): Promise<ReviewDecision | undefined>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Prefix of new reference numbers ("DTE" -> "DTE-000001"). */
  referencePrefix?: string;
  /** How long a writer waits for another process's lock before failing, in ms. */
  busyTimeoutMs?: number;
}

/**
 * What a turn may read of the resident's own registrations, loaded before
 * the pure turn (the form's step function never calls the store): a
 * synchronous RegistrationLookup over that list. Another user's id finds
 * nothing, as the store's own findOwn would for them.
 */
export function registrationSnapshot(
  userId: string,
  own: readonly RegistrationRecord[],
  reviews: ReadonlyMap<string, ReviewDecision> = new Map(),
): RegistrationLookup {
  const mine = (u: string) => (u === userId ? own : []);
  return {
    findOwn: (u, idNumber, level) => mine(u).find((r) => r.idNumber === idNumber && r.level === level),
    listOwn: (u) => [...mine(u)],
    reviewOf: (reference) => reviews.get(reference),
  };
}
