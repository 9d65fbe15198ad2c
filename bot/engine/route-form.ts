/**
 * Hands messages to the registration form (bot/registration/form.ts) and to
 * the resident's own stored registrations:
 *   - a pending deletion is carried out only by "确认删除" (anything else keeps the data);
 *   - "查询我的报名" shows the resident's own registrations, masked;
 *   - "删除我的信息" asks for confirmation; a question about deleting
 *     ("如何删除我的信息？", "请不要删除") is answered, never executed;
 *   - "修改我的报名" reopens the resident's own registration at its summary;
 *   - while a form is open every other message goes to it first; a
 *     registration intent starts one. A message the form doesn't take (a
 *     policy question mid-form) is answered by the engine, which then
 *     re-asks the form's question (resumeFormPrompt).
 * What counts as each of these is language data (knowledge/language/conversation.json).
 */
import { ACCOUNT, FORM } from '../../prompts/registration.js';
import { containsAny, defaultConversationLanguage, isExactly, type ConversationLanguage } from '../../knowledge/language/schema.js';
import { maskIdNumber, maskName, maskPhone } from '../mask.js';
import { formatBeijing } from '../../tools/beijing-date.js';
import { resumePrompt, reviveFormState, startChange, startForm, stepForm, type FormContext, type FormStep } from '../registration/form.js';
import type { RegistrationRecord } from '../registration/types.js';
import type { InboundMessage, Ports, RegistrationLookup, Session, TurnResult } from './types.js';
import type { Intent } from './understand/lexicon.js';
import { sourceLine, sourcesOf } from './answer/sources.js';

function formContext(message: InboundMessage, ports: Ports): FormContext {
  return {
    facts: ports.facts,
    now: ports.now(),
    chat: message.chat,
    userId: message.userId,
    existing: (idNumber, level) => ports.registrations.findOwn(message.userId, idNumber, level as never),
  };
}

function toResult(session: Session, step: FormStep, route = 'form', ports?: Ports): TurnResult {
  if (step.state) session.form = step.state;
  else delete session.form;
  // What the replies state from the notices (the form, its deadline) is cited like any answer.
  const sources = ports && step.facts?.length ? sourcesOf(ports.documents, step.facts) : [];
  const src = sourceLine(sources);
  const replies = src && step.replies.length ? [...step.replies, src] : step.replies;
  return {
    replies: replies.length ? [replies.join('\n')] : [],
    session,
    effects: step.effects,
    trace: { route, tools: [], sources, mode: 'offline', confidence: 1 },
  };
}

function said(session: Session, replies: string[], route: string): TurnResult {
  return { replies: [replies.join('\n')], session, effects: [], trace: { route, tools: [], sources: [], mode: 'offline', confidence: 1 } };
}

/** What a message says about deleting: a request to delete, a question about it, or nothing. */
export function deletionKind(text: string, language: ConversationLanguage): 'request' | 'question' | undefined {
  const d = language.deletion;
  if (!containsAny(text, d.verbs) || !containsAny(text, d.objects)) return undefined;
  if (containsAny(text, d.negations) || containsAny(text, d.questionMarkers)) return 'question';
  return 'request';
}

function label(r: RegistrationRecord): string {
  return `${r.level} ${r.reference}`;
}

/** How a registration's status reads to its resident: staff's decision on this version, else the stored status. */
function statusLine(r: RegistrationRecord, reviewOf: RegistrationLookup['reviewOf']): string {
  const decision = reviewOf?.(r.reference);
  if (decision?.kind === 'approved') return ACCOUNT.status.approved;
  if (decision?.kind === 'returned') return ACCOUNT.status.returned(decision.reason ?? '');
  if (decision?.kind === 'duplicate') return ACCOUNT.status.duplicate;
  return r.review ? ACCOUNT.status.review : ACCOUNT.status[r.status];
}

/** The resident's own registrations as masked lines. */
function mine(records: readonly RegistrationRecord[], reviewOf?: RegistrationLookup['reviewOf']): string[] {
  if (records.length === 0) return [ACCOUNT.mineNone];
  return [
    ACCOUNT.mineTitle(records.length),
    ...records.map((r) =>
      ACCOUNT.mineItem({
        reference: r.reference,
        level: r.level,
        status: statusLine(r, reviewOf),
        name: maskName(r.name),
        idNumber: maskIdNumber(r.idNumber),
        phone: maskPhone(r.phone),
        district: r.district,
        time: formatBeijing(new Date(r.updatedAt)),
      }),
    ),
    ACCOUNT.mineFooter,
  ];
}

/**
 * The form's or the account's answer to this message, or undefined when the
 * engine should answer it (no form open and no registration/account intent,
 * or a question the open form doesn't take).
 */
export function routeForm(
  text: string,
  session: Session,
  message: InboundMessage,
  ports: Ports,
  intent: Intent | undefined,
  language: ConversationLanguage = defaultConversationLanguage(),
  /** The policy topic the message asks about, if any: a message that asks something is answered, not taken as "start the form". */
  topic?: string,
  /** The message names its topic plainly (understanding's cue words): a question, whatever the form makes of it. */
  plainTopic = false,
): TurnResult | undefined {
  const ctx = formContext(message, ports);

  // The bot offered the form last turn: a plain yes starts it; anything else is read as usual.
  if (session.formOffered) {
    delete session.formOffered;
    if (!session.form && isExactly(text, language.acceptOffer)) return toResult(session, startForm(ctx), 'form', ports);
  }

  // Second step of a deletion: only the confirmation deletes; anything else keeps everything.
  if (session.confirmDelete) {
    delete session.confirmDelete;
    if (isExactly(text, language.confirmDelete)) {
      delete session.form;
      return toResult(session, { state: undefined, replies: [FORM.deleted], effects: [{ kind: 'delete-personal-data', userId: message.userId }], handled: true }, 'delete');
    }
    if (isExactly(text, [...language.nonAnswersExact, ...language.declineDelete])) return said(session, [ACCOUNT.deleteKept], 'delete');
  } else if (isExactly(text, language.confirmDelete)) return said(session, [ACCOUNT.nothingToConfirm, ...resume(session, ports)], 'delete');

  const own = () => ports.registrations.listOwn(message.userId);
  const deletion = deletionKind(text, language);
  if (deletion === 'question') return said(session, [ACCOUNT.deleteHowTo, ...resume(session, ports)], 'delete-howto');
  if (deletion === 'request' && message.chat === 'private') {
    session.confirmDelete = { askedAt: ports.now().toISOString() };
    return said(session, [ACCOUNT.deleteAsk(own().map(label))], 'delete-confirm');
  }
  if (containsAny(text, language.myRegistration) && message.chat === 'private') {
    return said(session, [...mine(own(), ports.registrations.reviewOf?.bind(ports.registrations)), ...resume(session, ports)], 'my-registration');
  }
  if (containsAny(text, language.changeRegistration) && message.chat === 'private' && !session.form) {
    const records = own();
    if (records.length > 0) {
      const wanted = records.filter((r) => text.includes(r.level));
      const pick = wanted.length === 1 ? wanted[0] : records.length === 1 ? records[0] : undefined;
      if (!pick) return said(session, [ACCOUNT.changeWhich(records.map(label))], 'my-registration');
      const step = startChange(pick, ctx);
      return toResult(session, { ...step, replies: [ACCOUNT.changeStart(pick.reference), ...step.replies] });
    }
    return said(session, [ACCOUNT.mineNone], 'my-registration');
  }

  if (session.form) {
    const form = reviveFormState(session.form);
    if (!form) {
      delete session.form;
    } else {
      const step = stepForm(form, text, ctx);
      // A plain policy question the form reads as no answer ("退费咋弄" asked for 性别) is the engine's: it
      // answers, then asks the form's question again. Nothing was stored, and the form stays as it was.
      const storedNothing = form.step === 'filling' && step.state?.step === 'filling' && step.state.asking === form.asking && JSON.stringify(step.state.values) === JSON.stringify(form.values);
      // A question asked while the bot waits for consent ("报名截止到哪天来着") is the engine's too: it answers,
      // then asks for consent again. Nothing the question holds is kept: it was not given as an answer.
      const stillAsking = form.step === 'consent' && step.state?.step === 'consent';
      if (step.handled && !(plainTopic && topic && (storedNothing || stillAsking))) return toResult(session, step);
      return undefined;
    }
  }
  if (intent === 'register' || (containsAny(text, language.registerStart) && deletion === undefined && topic === undefined)) {
    return toResult(session, startForm(ctx, text), 'form', ports);
  }
  return undefined;
}

/**
 * After answering a question about registering here ("在这能报吗", "怎么报名"),
 * offer the form; returns the offer line to append, or undefined. The
 * resident's "好的/行/可以/嗯" next starts it (routeForm, via `session.formOffered`).
 */
export function offerForm(
  text: string,
  session: Session,
  message: InboundMessage,
  language: ConversationLanguage = defaultConversationLanguage(),
  /** The resident said they want to register, beside the question answered. */
  wantsTo = false,
): string | undefined {
  if (message.chat !== 'private' || session.form || !(wantsTo || containsAny(text, language.registerQuestions))) return undefined;
  session.formOffered = true;
  return FORM.offer;
}

function resume(session: Session, ports: Ports): string[] {
  const prompt = resumeFormPrompt(session, ports);
  return prompt ? [prompt] : [];
}

/** The form's pending question, to append after answering something else mid-form. */
export function resumeFormPrompt(session: Session, ports: Ports): string | undefined {
  const form = session.form ? reviveFormState(session.form) : undefined;
  return form ? resumePrompt(form, { facts: ports.facts }) : undefined;
}

/** The training level the open form holds (given as an answer, or volunteered before consent), if any. */
export function formLevel(session: Session): string | undefined {
  const form = session.form ? reviveFormState(session.form) : undefined;
  const level = form?.values.level;
  return typeof level === 'string' ? level : undefined;
}
