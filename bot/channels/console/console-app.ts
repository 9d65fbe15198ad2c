/**
 * What the console needs from the assembled App (bot/app.ts), declared
 * structurally so the console depends on behaviour, not on how the app is
 * wired. `App` satisfies it; tests pass a real App.
 */
import type { DocumentMeta, Region } from '../../../knowledge/facts/schema.js';
import type { Fact } from '../../../knowledge/facts/schema.js';
import type { ConversationHandler, SourceRef, ToolCall, Trace } from '../../engine/types.js';
import type { RegistrationRecord, RegistrationStatus } from '../../registration/types.js';
import type { Logger } from '../../log.js';
import type Database from 'better-sqlite3';
import type { TaughtService } from '../../taught-answers.js';

/** Filters the store understands for registrations (no personal data). */
export interface RegistrationQuery {
  district?: string;
  status?: RegistrationStatus;
  level?: string;
  /** Inclusive lower bound on createdAt (ISO). */
  from?: string;
  /** Exclusive upper bound on createdAt (ISO). */
  to?: string;
}

/** One row of the store's question log (the question is stored masked). */
export interface QuestionLogEntryLike {
  question: string;
  answered: boolean;
  confidence: number;
  route: string;
  /** ISO time the question was asked. */
  time: string;
}

/** What `wechatStatus()` reports (bot/channels/wechat's WechatStatus fits). */
export interface WechatStatusLike {
  state: 'disconnected' | 'waiting-scan' | 'logged-in' | 'logged-out' | (string & {});
  user?: string;
  /** The login QR code's value (drawn locally by the console). */
  qrcode?: string;
  /** Wechaty's wechaty.js.org link to the QR image; only its value is used, the link is never shown or loaded. */
  qrcodeUrl?: string;
  lastHeartbeat?: string;
  startedAt?: string;
}

export interface AskResultLike {
  question: string;
  answer: string;
  sources: SourceRef[];
  tools: ToolCall[];
  trace: Trace;
}

export interface ConsoleApp {
  ask(question: string, opts?: { now?: Date; region?: Region; userId?: string; log?: boolean }): Promise<AskResultLike>;
  handler: ConversationHandler;
  facts: { all(): readonly Fact[]; version: string };
  kb: { version(): string; chunks(): readonly unknown[] };
  store: {
    listRegistrations(filter?: RegistrationQuery): RegistrationRecord[];
    listQuestions(filter?: { answered?: boolean; from?: string; to?: string; limit?: number }): readonly QuestionLogEntryLike[];
    /** The database the console's own stores (staff, audit, reviews) share with the registrations. */
    db: Database.Database;
  };
  ports: { documents: readonly DocumentMeta[]; now: () => Date };
  logger?: Logger;
  /** Staff's taught answers (缺口): the store and the engine's snapshot (bot/taught-answers.ts). */
  taught?: TaughtService;
}
