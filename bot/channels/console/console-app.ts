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
import type { AuditStore } from '../../store/audit-store.js';
import type { ReviewStore } from '../../store/review-store.js';
import type { StaffStore } from '../../store/staff-store.js';
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
    listRegistrations(filter?: RegistrationQuery): Promise<RegistrationRecord[]>;
    listQuestions(filter?: { answered?: boolean; from?: string; to?: string; limit?: number }): Promise<readonly QuestionLogEntryLike[]>;
    /** The console's own stores (staff, audit, reviews), on the database of the registrations (SQLite or PostgreSQL). */
    staffStore(opts?: { now?: () => Date }): StaffStore;
    auditStore(opts?: { now?: () => Date }): AuditStore;
    reviewStore(opts?: { now?: () => Date }): ReviewStore;
  };
  ports: { documents: readonly DocumentMeta[]; now: () => Date };
  logger?: Logger;
  /** Staff's taught answers (缺口): the store and the engine's snapshot (bot/taught-answers.ts). */
  taught?: TaughtService;
}
