/**
 * Hands messages to the registration form (bot/registration/form.ts): while
 * a form is open every message goes to it first; registration intent starts
 * one; "删除我的信息" outside a form deletes the resident's data. A message
 * the form doesn't take (a policy question mid-form) is answered by the
 * engine, which then re-asks the form's question (resumeFormPrompt).
 */
import { FORM } from '../../prompts/registration.js';
import { resumePrompt, reviveFormState, startForm, stepForm, type FormContext, type FormStep } from '../registration/form.js';
import { WORDS } from '../../prompts/registration.js';
import type { InboundMessage, Ports, Session, TurnResult } from './types.js';
import type { Intent } from './understand/lexicon.js';

function formContext(message: InboundMessage, ports: Ports): FormContext {
  return {
    facts: ports.facts,
    now: ports.now(),
    chat: message.chat,
    userId: message.userId,
    existing: (idNumber, level) => ports.registrations.findByIdNumber(idNumber, level as never),
    makeReference: () => ports.registrations.newReference(),
  };
}

function toResult(session: Session, step: FormStep): TurnResult {
  if (step.state) session.form = step.state;
  else delete session.form;
  return {
    replies: step.replies.length ? [step.replies.join('\n')] : [],
    session,
    effects: step.effects,
    trace: { route: 'form', tools: [], sources: [], mode: 'offline', confidence: 1 },
  };
}

/**
 * The form's answer to this message, or undefined when the engine should
 * answer it (no form open and no registration/deletion intent, or a
 * question the open form doesn't take).
 */
export function routeForm(text: string, session: Session, message: InboundMessage, ports: Ports, intent: Intent | undefined): TurnResult | undefined {
  const ctx = formContext(message, ports);
  if (session.form) {
    const form = reviveFormState(session.form);
    if (!form) {
      delete session.form;
    } else {
      const step = stepForm(form, text, ctx);
      if (step.handled) return toResult(session, step);
      return undefined;
    }
  }
  if (intent === 'register') return toResult(session, startForm(ctx));
  if (intent === 'delete-data' || WORDS.deleteData.some((w) => text.includes(w))) {
    return toResult(session, { state: undefined, replies: [FORM.deleted], effects: [{ kind: 'delete-personal-data', userId: message.userId }], handled: true });
  }
  return undefined;
}

/** The form's pending question, to append after answering something else mid-form. */
export function resumeFormPrompt(session: Session, ports: Ports): string | undefined {
  const form = session.form ? reviveFormState(session.form) : undefined;
  return form ? resumePrompt(form, { facts: ports.facts }) : undefined;
}
