/**
 * The staff review of a registration, shared by the store (which keeps it),
 * the console (which sets it) and the engine (which tells the resident).
 */

/** What staff decided: 审核通过, 退回 (with a reason) or 重复身份证号. */
export const REVIEW_DECISIONS = ['approved', 'returned', 'duplicate'] as const;
export type ReviewDecisionKind = (typeof REVIEW_DECISIONS)[number];

/** A decision as it stands for the registration's current version. */
export interface ReviewDecision {
  kind: ReviewDecisionKind;
  /** The reason given with 退回 (shown to the resident). */
  reason?: string;
  /** Real time of the decision (ISO). */
  decidedAt: string;
}

/** Longest reason staff may give with 退回. */
export const REVIEW_REASON_MAX = 200;

/**
 * The channel a registration's user id belongs to: the WeChat channel keeps
 * the contact id as it is; the console simulator, the dte command and the
 * terminal prefix theirs. Only WeChat users can be sent a notification.
 */
export function channelOfUser(userId: string): 'wechat' | 'console' | 'cli' {
  if (userId.startsWith('console:')) return 'console';
  if (userId.startsWith('cli:') || userId.startsWith('ask:') || userId === 'terminal' || userId === 'anon') return 'cli';
  return 'wechat';
}
