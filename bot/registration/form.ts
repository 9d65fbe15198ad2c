/**
 * The sign-up form (报名表) as a pure step function. No I/O, no clock of its
 * own: the engine passes the facts, `now`, the chat kind and two callbacks.
 *
 * How the engine drives it:
 *   - on registration intent ("我要报名", "怎么报名？帮我登记"):
 *       const step = startForm(ctx, text); session.form = step.state;
 *     (fields the first message already gives are kept, shown in the summary, not asked again);
 *   - to change a stored registration of the resident's: startChange(record, ctx);
 *   - while `session.form` is set, every message goes first to
 *       const step = stepForm(session.form, text, ctx);
 *     send `step.replies`, run `step.effects` (save-registration,
 *     delete-personal-data), then `session.form = step.state` (undefined =
 *     the form ended). When `step.handled` is false the text was not for the
 *     form (a policy question mid-form): the state is unchanged; answer the
 *     question as usual and then send `resumePrompt(session.form, ctx)`.
 *   - a form loaded from a stored session goes through `reviveFormState`
 *     first (an older shape is discarded, never misread).
 * Personal data is only collected in private chats, after consent.
 */
import type { Effect } from '../engine/types.js';
import type { FactsTable } from '../../tools/facts-table.js';
import type { Fact } from '../../knowledge/facts/schema.js';
import { ASK, ELIGIBILITY, FORM, chineseDate } from '../../prompts/registration.js';
import { formWords } from './form-words.js';
import {
  FORM_FIELDS,
  FORM_STATE_VERSION,
  NEW_REFERENCE,
  type ApplicantProfile,
  type EligibilityOutcome,
  type EligibilityProgress,
  type FormField,
  type FormState,
  type FormStepName,
  type ProfileKey,
  type RegistrationRecord,
} from './types.js';
import { buildProfile, parseProfileAnswer, parseYears, toolEligibilityChecker, type CheckEligibility } from './eligibility.js';
import { extractFields } from './extract.js';
import { containsAny, defaultConversationLanguage, isExactly, type ConversationLanguage } from '../../knowledge/language/schema.js';
import { formPhrases } from './form-phrases.js';
import {
  districtOffice,
  fieldSpec,
  formOccupation,
  nextStepFacts,
  readFormSpec,
  registrationWindow,
  trainingInstitution,
  type FormSpec,
} from './form-spec.js';
import { genderFromIdNumber, genderMatchesId, validateGender } from './validate.js';
import { FIELD_DEFINITIONS, validateField } from './form-fields.js';

/** What the form needs from the outside world for one step. */
export interface FormContext {
  facts: FactsTable;
  /** The injected clock's value for this turn. */
  now: Date;
  chat: 'private' | 'group';
  userId: string;
  /**
   * THIS user's stored registration with this ID number and level, if any
   * (so a resubmission updates it). Never another user's: the form must not
   * reveal that someone else registered an ID number.
   */
  existing?: (idNumber: string, level: string) => RegistrationRecord | undefined;
  /** How residents phrase things (non-answers, "no title", title names); defaults to the shipped data. */
  language?: ConversationLanguage;
  /** Eligibility checker; defaults to the eligibility-check tool over `facts`. */
  checkEligibility?: CheckEligibility;
}

/** The outcome of one message. */
export interface FormStep {
  /** The form to keep in the session; undefined = the form ended. */
  state: FormState | undefined;
  replies: string[];
  effects: Effect[];
  /** False: the text was not for the form; the state is unchanged and the engine answers it, then calls resumePrompt. */
  handled: boolean;
  /** Facts the replies state (the sign-up form, its deadline), to cite. */
  facts?: Fact[];
}

const STEPS: readonly FormStepName[] = [
  'consent',
  'filling',
  'confirm-gender',
  'eligibility',
  'confirm-ineligible',
  'confirm',
  'confirm-cancel',
];

/** Lower-cased, trimmed, final punctuation dropped: how command words are compared. */
function norm(text: string): string {
  return text
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[。.!！~～,，\s]+$/u, '')
    .replace(/^[\s]+/u, '');
}

function isOneOf(text: string, words: readonly string[]): boolean {
  return words.includes(norm(text));
}

/** A question ("吗", "多少", "哪里"…, from the language data): for the engine, not the form. */
function isQuestion(text: string, ctx: FormContext): boolean {
  return formPhrases(ctx.language).question.test(norm(text));
}

function isCancel(text: string, ctx: FormContext): boolean {
  const t = norm(text);
  return isOneOf(t, formWords().cancel) || formPhrases(ctx.language).cancel.test(t);
}

function end(replies: string[], effects: Effect[] = []): FormStep {
  return { state: undefined, replies, effects, handled: true };
}

function stay(state: FormState, replies: string[]): FormStep {
  return { state, replies, effects: [], handled: true };
}

function notHandled(state: FormState): FormStep {
  return { state, replies: [], effects: [], handled: false };
}

function unavailable(ctx: FormContext): FormStep {
  const office = ctx.facts.ofKind('contact', (c) => c.district === '市直')[0];
  const phone = office?.phone ? (office.areaCode && !office.phone.startsWith('0') ? `${office.areaCode}-${office.phone}` : office.phone) : undefined;
  return end([office && phone ? FORM.unavailableContact(office.name, phone) : FORM.unavailable]);
}

function askField(spec: FormSpec, field: FormField): string {
  const f = fieldSpec(spec, field);
  if (field === 'district' || field === 'level') return ASK[field](f.label, f.options ?? []);
  return ASK[field](f.label);
}

function display(field: FormField, value: string | undefined): string {
  if (value === undefined) return FORM.notFilled;
  if (value === '') return FORM.none;
  return FIELD_DEFINITIONS[field].summary(value);
}

function fieldLines(state: FormState, spec: FormSpec): string[] {
  return spec.fields.map((f) => `${f.label}：${display(f.field, state.values[f.field])}`);
}

/** The summary shown before submission: every field, ID and phone masked, and the kind of registration. */
export function formSummary(state: FormState, spec: FormSpec): string {
  const interest = state.status === 'interest';
  return [FORM.summaryTitle(interest), ...fieldLines(state, spec), FORM.summaryStatus(interest)].join('\n');
}

function draft(state: FormState, spec: FormSpec): string {
  if (Object.keys(state.values).length === 0) return FORM.draftEmpty;
  return [FORM.draftTitle, ...fieldLines(state, spec), FORM.summaryStatus(state.status === 'interest')].join('\n');
}

function clauseText(clause: { label: string; quote: string }): string {
  const quote = clause.quote.replace(/[；;。，,：:\s]+$/u, '');
  return quote.startsWith(clause.label) ? quote : `${clause.label}${quote}`;
}

function eligibilityQuestion(key: ProfileKey | undefined): string {
  return key ? ELIGIBILITY.questions[key] : ELIGIBILITY.answerAgain;
}

/**
 * Start the form. In a group chat it does not start (personal data is never
 * collected there). After the registration deadline it offers an expression
 * of interest instead (status 'interest'). Otherwise it asks for consent.
 */
export function startForm(ctx: FormContext, text = ''): FormStep {
  if (ctx.chat === 'group') return end([FORM.groupRefusal]);
  const spec = readFormSpec(ctx.facts);
  if (!spec) return unavailable(ctx);
  const window = registrationWindow(ctx.facts, spec, ctx.now);
  const replies: string[] = [];
  if (window.kind === 'closed') replies.push(FORM.closed(window.fact.label, chineseDate(window.fact.closes)));
  if (window.kind === 'not-open') replies.push(FORM.notOpen(window.fact.label, chineseDate(window.fact.opens!)));
  const state: FormState = {
    version: FORM_STATE_VERSION,
    step: 'consent',
    values: volunteered(text, ctx, spec),
    status: window.kind === 'open' ? 'submitted' : 'interest',
    startedAt: ctx.now.toISOString(),
  };
  const kept = spec.fields.filter((f) => state.values[f.field] !== undefined).map((f) => f.label);
  if (kept.length > 0) replies.push(FORM.keptBeforeConsent(kept));
  replies.push(FORM.consent(spec.fields.map((f) => f.label), trainingInstitution(ctx.facts, spec)?.name));
  // The notice whose form this is, and the deadline stated, are cited.
  const cited: Fact[] = [...ctx.facts.ofKind('form-field', (f) => f.doc === spec.doc).slice(0, 1), ...(window.kind !== 'open' ? [window.fact] : [])];
  return { ...stay(state, replies), facts: cited };
}

/** Valid fields a message gives of its own accord (before consent, or in a one-shot first message). */
function volunteered(text: string, ctx: FormContext, spec: FormSpec, base: FormState['values'] = {}): FormState['values'] {
  if (!text.trim()) return { ...base };
  const ex = extractFields(text, { districtOptions: fieldSpec(spec, 'district').options ?? [], language: ctx.language, facts: ctx.facts });
  const values = { ...base };
  for (const field of FORM_FIELDS) {
    const raw = ex.values[field];
    if (raw === undefined || values[field] !== undefined) continue;
    const f = fieldSpec(spec, field);
    const r = validateField(field, raw, { now: ctx.now, label: f.label, options: f.options, language: ctx.language });
    if (r.ok) values[field] = r.value;
  }
  return values;
}

/**
 * Reopen a stored registration of the resident's at its summary: they say
 * what to change ("把手机号改成…") and confirm again; the submission then
 * updates that same record (same reference).
 */
export function startChange(record: RegistrationRecord, ctx: FormContext): FormStep {
  if (ctx.chat === 'group') return end([FORM.groupRefusal]);
  const spec = readFormSpec(ctx.facts);
  if (!spec) return unavailable(ctx);
  const values = Object.fromEntries(FORM_FIELDS.map((f) => [f, record[f]])) as FormState['values'];
  const state: FormState = {
    version: FORM_STATE_VERSION,
    step: 'confirm',
    values,
    status: record.status,
    startedAt: ctx.now.toISOString(),
    updating: { reference: record.reference },
    // Judged when it was submitted; a change of level, education or title judges again.
    eligibility: { answers: {}, asked: [], decision: 'incomplete', level: record.level },
  };
  return stay(state, [formSummary(state, spec), FORM.confirmAsk]);
}

/** The question to re-ask after the engine answered something else mid-form. */
export function resumePrompt(state: FormState, ctx: Pick<FormContext, 'facts'>): string {
  const spec = readFormSpec(ctx.facts);
  if (!spec) return FORM.unavailable;
  switch (state.step) {
    case 'consent':
      return FORM.consentAgain;
    case 'filling': {
      const field = state.asking ?? spec.fields.find((f) => state.values[f.field] === undefined)?.field;
      return field ? askField(spec, field) : FORM.confirmAgain;
    }
    case 'confirm-gender':
      return FORM.genderConflictAgain;
    case 'eligibility':
      return eligibilityQuestion(state.eligibility?.asking);
    case 'confirm-ineligible':
      return ELIGIBILITY.chooseAgain;
    case 'confirm':
      return FORM.confirmAgain;
    case 'confirm-cancel':
      return FORM.cancelAsk;
  }
}

/** A form read back from a stored session, or undefined when its shape is not this version's. */
export function reviveFormState(value: unknown): FormState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<FormState>;
  if (v.version !== FORM_STATE_VERSION) return undefined;
  if (!v.step || !STEPS.includes(v.step)) return undefined;
  if (typeof v.values !== 'object' || v.values === null) return undefined;
  if (v.status !== 'submitted' && v.status !== 'interest') return undefined;
  for (const key of Object.keys(v.values)) if (!(FORM_FIELDS as readonly string[]).includes(key)) return undefined;
  return value as FormState;
}

/** Handle one message of the resident while the form is open. */
export function stepForm(state: FormState, text: string, ctx: FormContext): FormStep {
  if (ctx.chat === 'group') return end([FORM.groupRefusal]);
  const spec = readFormSpec(ctx.facts);
  if (!spec) return unavailable(ctx);
  const t = norm(text);

  if (state.step !== 'consent' && formWords().showDraft.some((w) => t.includes(w))) {
    return stay(state, [draft(state, spec), resumePrompt(state, ctx)]);
  }

  switch (state.step) {
    case 'consent':
      if (isOneOf(t, formWords().no) || isCancel(t, ctx)) return end([FORM.consentRefused]);
      if (isOneOf(t, formWords().yes)) return advance({ ...state, step: 'filling' }, ctx, spec, []);
      if (isQuestion(t, ctx)) return notHandled(state);
      {
        // "先帮我记上：…" before saying yes: keep what was given, ask for consent again.
        const values = volunteered(text, ctx, spec, state.values);
        const added = spec.fields.filter((f) => values[f.field] !== undefined && state.values[f.field] === undefined).map((f) => f.label);
        if (added.length > 0) return stay({ ...state, values }, [FORM.keptBeforeConsent(added), FORM.consentAgain]);
      }
      return stay(state, [FORM.consentAgain]);

    case 'confirm-cancel':
      if (isOneOf(t, formWords().cancelDecline)) {
        const resumed: FormState = { ...state, step: state.resumeStep ?? 'filling' };
        delete resumed.resumeStep;
        return stay(resumed, [FORM.resumed, resumePrompt(resumed, ctx)]);
      }
      if (isOneOf(t, formWords().cancelConfirm)) return end([FORM.cancelled]);
      return stay(state, [FORM.cancelAgain]);

    case 'confirm-ineligible':
      if (isCancel(t, ctx)) return end([FORM.cancelled]);
      if (isOneOf(t, formWords().continueAnyway)) {
        const eligibility: EligibilityProgress = { ...(state.eligibility ?? { answers: {}, asked: [] }), acknowledged: true };
        return advance({ ...state, step: 'filling', eligibility }, ctx, spec, []);
      }
      return fill(state, text, ctx, spec, ELIGIBILITY.chooseAgain);
  }

  if (isCancel(t, ctx)) {
    return stay({ ...state, step: 'confirm-cancel', resumeStep: state.step }, [FORM.cancelAsk]);
  }

  switch (state.step) {
    case 'confirm-gender':
      return resolveGender(state, text, ctx, spec);
    case 'eligibility': {
      const key = state.eligibility?.asking;
      const parsed = key ? (parseProfileAnswer(key, text, ctx.facts) ?? otherAnswer(key, text, ctx)) : undefined;
      if (parsed && state.eligibility) {
        const eligibility: EligibilityProgress = { ...state.eligibility, answers: { ...state.eligibility.answers, ...parsed } };
        delete eligibility.asking;
        return advance({ ...state, step: 'filling', eligibility }, ctx, spec, []);
      }
      return fill(state, text, ctx, spec, `${ELIGIBILITY.answerAgain}${eligibilityQuestion(key)}`);
    }
    case 'confirm':
      if (isOneOf(t, formWords().confirm)) return submit(state, ctx, spec);
      return fill(state, text, ctx, spec, FORM.confirmAgain);
    case 'filling':
      return fill(state, text, ctx, spec, undefined);
  }
}

/**
 * An answer to another eligibility question than the one asked ("从事这行两年"
 * to the certificate question, "有初级证" to a years question): kept as what
 * it is about, so the check can go on with it, and never written into a form field.
 */
function otherAnswer(asked: ProfileKey, text: string, ctx: FormContext): Partial<ApplicantProfile> | undefined {
  const language = ctx.language ?? defaultConversationLanguage();
  const years = parseYears(text);
  const certificate = containsAny(text, language.formPhrases.certificateWords);
  if (years === undefined && certificate && asked !== 'levelCertificates') return parseProfileAnswer('levelCertificates', text, ctx.facts);
  if (years === undefined) return undefined;
  const key: ProfileKey = certificate ? 'yearsSinceLevelCertificate' : containsAny(text, language.titleEndings) || containsAny(text, language.formPhrases.titleWords) ? 'yearsSinceTitle' : 'yearsInWork';
  return key === asked ? undefined : { [key]: years };
}

/** The ID number's gender digit contradicts the stated gender: which one is right? */
function resolveGender(state: FormState, text: string, ctx: FormContext, spec: FormSpec): FormStep {
  const idNumber = state.values.idNumber;
  if (!idNumber) return advance({ ...state, step: 'filling' }, ctx, spec, []);
  const fromId = genderFromIdNumber(idNumber);
  const t = norm(text);
  if (formWords().idIsRight.some((w) => t.includes(w))) {
    return advance({ ...state, step: 'filling', values: { ...state.values, gender: fromId } }, ctx, spec, []);
  }
  const gender = validateGender(text, ctx.language);
  if (gender.ok) {
    if (gender.value === fromId) {
      return advance({ ...state, step: 'filling', values: { ...state.values, gender: gender.value } }, ctx, spec, []);
    }
    const values = { ...state.values, gender: gender.value };
    delete values.idNumber;
    return stay({ ...state, step: 'filling', asking: 'idNumber', values }, [FORM.idWrongThen]);
  }
  // Neither 男/女 nor "按身份证": only a new ID number (recognised by its shape) is taken; anything else re-asks.
  return fill({ ...state, step: 'filling', asking: undefined }, text, ctx, spec, FORM.genderConflictAgain, state);
}

/**
 * Take fields from the message, validate each, and go on. When the message
 * gives nothing: a question is left to the engine; otherwise `fallback` is
 * said (or the current question re-asked). `original` is the state to keep
 * when the message turns out not to be for the form.
 */
function fill(
  state: FormState,
  text: string,
  ctx: FormContext,
  spec: FormSpec,
  fallback: string | undefined,
  original: FormState = state,
): FormStep {
  const language = ctx.language ?? defaultConversationLanguage();
  const districtOptions = fieldSpec(spec, 'district').options ?? [];
  const asking = state.step === 'filling' ? state.asking : undefined;
  // Holding, acknowledging or greeting ("稍等", "好的", "你好") is not an answer: say so and ask again.
  if (isExactly(text, language.nonAnswersExact)) return stay(original, [FORM.notAnAnswer, resumePrompt(original, ctx)]);
  const ex = extractFields(text, { asking, districtOptions, language, facts: ctx.facts });
  // A policy ask or a request for a person ("想问问补贴", "人工客服") is for the engine; nothing is stored.
  const typed = ex.values.idNumber !== undefined || ex.values.phone !== undefined;
  const aboutDeleting = containsAny(text, language.deletion.verbs) && containsAny(text, language.deletion.objects);
  if ((aboutDeleting || containsAny(text, language.nonAnswersContained)) && !typed && ex.corrected.length === 0) return notHandled(original);
  // An answer never overwrites another filled field; only an explicit correction does.
  for (const f of FORM_FIELDS) {
    if (f !== asking && state.values[f] !== undefined && ex.values[f] !== undefined && !ex.corrected.includes(f)) delete ex.values[f];
  }
  const given = FORM_FIELDS.filter((f) => ex.values[f] !== undefined);
  if (given.length === 0 && ex.reopen.length === 0) {
    if (ex.question || isQuestion(text, ctx)) return notHandled(original);
    if (fallback) return stay(original, [fallback]);
    return advance(state, ctx, spec, []);
  }

  const values = { ...state.values };
  const replies: string[] = [];
  const errors: Array<{ field: FormField; message: string }> = [];
  const changed: FormField[] = [];
  for (const field of given) {
    const f = fieldSpec(spec, field);
    const r = validateField(field, ex.values[field]!, { now: ctx.now, label: f.label, options: f.options, language });
    if (!r.ok) {
      errors.push({ field, message: r.error });
      continue;
    }
    if (values[field] !== undefined && values[field] !== r.value) replies.push(FORM.changed(f.label, display(field, r.value)));
    if (values[field] !== r.value) changed.push(field);
    values[field] = r.value;
  }
  for (const field of ex.reopen) {
    delete values[field];
    changed.push(field);
  }

  let next: FormState = { ...state, values };
  if (changed.includes('idNumber') || changed.includes('level')) delete next.updating;
  if (next.eligibility && changed.some((f) => f === 'level' || f === 'education' || f === 'title')) {
    next = { ...next, eligibility: { answers: next.eligibility.answers, asked: next.eligibility.asked } };
  }
  if (errors.length > 0) {
    const first = errors[0]!.field;
    return stay({ ...next, step: 'filling', asking: first }, [
      ...replies,
      ...errors.map((e) => e.message),
      askField(spec, first),
    ]);
  }
  const reopened = ex.reopen[0];
  if (reopened && given.length === 0) {
    return stay({ ...next, step: 'filling', asking: reopened }, [...replies, askField(spec, reopened)]);
  }
  return advance({ ...next, step: 'filling' }, ctx, spec, replies);
}

/** Decide what comes next: a conflict to resolve, an eligibility question, the next field, or the summary. */
function advance(state: FormState, ctx: FormContext, spec: FormSpec, replies: string[]): FormStep {
  const v = state.values;
  if (v.gender && v.idNumber && !genderMatchesId(v.gender as '男' | '女', v.idNumber)) {
    const label = fieldSpec(spec, 'gender').label;
    const next: FormState = { ...state, step: 'confirm-gender' };
    delete next.asking;
    return stay(next, [...replies, FORM.genderConflict(label, v.gender, genderFromIdNumber(v.idNumber))]);
  }

  let s = state;
  if (v.idNumber && v.level && ctx.existing) {
    const record = ctx.existing(v.idNumber, v.level);
    if (record && s.updating?.reference !== record.reference) {
      s = { ...s, updating: { reference: record.reference } };
      replies = [...replies, FORM.updating(v.level, record.reference)];
    } else if (!record && s.updating) {
      s = { ...s };
      delete s.updating;
    }
  }

  const eligibility = eligibilityStep(s, ctx, spec, replies);
  if (eligibility.step) return eligibility.step;
  s = eligibility.state;
  replies = eligibility.replies;

  const missing = spec.fields.find((f) => s.values[f.field] === undefined);
  if (missing) return stay({ ...s, step: 'filling', asking: missing.field }, [...replies, askField(spec, missing.field)]);

  const done: FormState = { ...s, step: 'confirm' };
  delete done.asking;
  if (done.status === 'submitted') {
    const window = registrationWindow(ctx.facts, spec, ctx.now);
    if (window.kind === 'closed') {
      done.status = 'interest';
      replies = [...replies, FORM.closedBeforeSubmit(window.fact.label, chineseDate(window.fact.closes))];
    }
  }
  return stay(done, [...replies, formSummary(done, spec), FORM.confirmAsk]);
}

/**
 * Once 培训等级, 学历 and 职称 are known, check eligibility (once per level):
 * say the outcome, ask at most two extra questions when the tool lacks
 * something, and stop at "not eligible" to let the resident choose.
 */
function eligibilityStep(
  state: FormState,
  ctx: FormContext,
  spec: FormSpec,
  replies: string[],
): { step?: FormStep; state: FormState; replies: string[] } {
  const v = state.values;
  if (v.level === undefined || v.education === undefined || v.title === undefined) return { state, replies };
  const progress: EligibilityProgress = state.eligibility ?? { answers: {}, asked: [] };
  if (progress.decision !== undefined && progress.level === v.level) return { state, replies };

  const check = ctx.checkEligibility ?? toolEligibilityChecker(ctx.facts, ctx.now);
  const outcome: EligibilityOutcome | undefined = check({
    level: v.level,
    profile: buildProfile(v, progress.answers, ctx.facts),
    region: spec.region,
    occupation: formOccupation(ctx.facts, spec),
  });
  const office = districtOffice(ctx.facts, spec, v.district);
  const officeName = office?.name ?? '';
  const decided = (decision: EligibilityOutcome['decision']): FormState => ({
    ...state,
    eligibility: { answers: progress.answers, asked: progress.asked, decision, level: v.level },
  });

  if (!outcome) return { state: decided('incomplete'), replies };
  switch (outcome.decision) {
    case 'eligible':
      return { state: decided('eligible'), replies: [...replies, ELIGIBILITY.eligible(v.level, clauseText(outcome.clause))] };
    case 'refer':
      return { state: decided('refer'), replies: [...replies, ELIGIBILITY.refer(officeName, office?.phone)] };
    case 'not-eligible': {
      const said = outcome.excludedBy
        ? ELIGIBILITY.notEligibleExcluded(v.level, outcome.excludedBy, officeName, office?.phone)
        : ELIGIBILITY.notEligible(v.level, outcome.clauses.map(clauseText), officeName, office?.phone);
      const next = { ...decided('not-eligible'), step: 'confirm-ineligible' as const };
      delete next.asking;
      return { step: stay(next, [...replies, said, ELIGIBILITY.chooseContinue]), state, replies };
    }
    case 'incomplete': {
      const key = outcome.missing.find((k) => !progress.asked.includes(k));
      if (key && progress.asked.length < 2) {
        const next: FormState = {
          ...state,
          step: 'eligibility',
          eligibility: { ...progress, asked: [...progress.asked, key], asking: key },
        };
        delete next.asking;
        return { step: stay(next, [...replies, ELIGIBILITY.questions[key]]), state, replies };
      }
      return { state: decided('incomplete'), replies: [...replies, ELIGIBILITY.undecided] };
    }
  }
}

function isLevel(level: string): level is RegistrationRecord['level'] {
  return level === '初级' || level === '中级';
}

/** Submit: the record as an effect, the reference, the receiving office and what happens next. */
function submit(state: FormState, ctx: FormContext, spec: FormSpec): FormStep {
  const v = state.values;
  const missing = spec.fields.find((f) => v[f.field] === undefined);
  if (missing || !isLevel(v.level ?? '')) return advance({ ...state, step: 'filling' }, ctx, spec, []);

  if (state.status === 'submitted') {
    const window = registrationWindow(ctx.facts, spec, ctx.now);
    if (window.kind === 'closed') {
      const interest: FormState = { ...state, status: 'interest' };
      return stay(interest, [
        FORM.closedBeforeSubmit(window.fact.label, chineseDate(window.fact.closes)),
        formSummary(interest, spec),
        FORM.confirmAsk,
      ]);
    }
  }

  const level = v.level as RegistrationRecord['level'];
  const existing = ctx.existing?.(v.idNumber!, level);
  // A new registration's reference is assigned by the store in the transaction that saves it.
  const reference = existing?.reference ?? state.updating?.reference ?? NEW_REFERENCE;
  const now = ctx.now.toISOString();
  const record: RegistrationRecord = {
    reference,
    userId: ctx.userId,
    name: v.name!,
    gender: v.gender as '男' | '女',
    idNumber: v.idNumber!,
    education: v.education!,
    title: v.title ?? '',
    employer: v.employer!,
    district: v.district!,
    phone: v.phone!,
    level,
    status: state.status,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  const office = districtOffice(ctx.facts, spec, record.district);
  const replies: string[] = [];
  const updated = existing !== undefined || state.updating !== undefined;
  if (state.status === 'interest') {
    replies.push(updated ? FORM.updated(reference) : FORM.interestSaved(reference));
    if (office) replies.push(FORM.interestReceiver(office.name, office.phone));
  } else {
    const lines = [updated ? FORM.updated(reference) : FORM.submitted(reference)];
    if (office) lines.push(FORM.receiver(office.name, office.phone));
    lines.push(FORM.nextSteps);
    const next = nextStepFacts(ctx.facts, spec, level);
    if (next.classSize) lines.push(FORM.classSize(next.classSize.statement));
    if (next.fee) lines.push(FORM.fee(level, next.fee.amountYuan, next.fee.mode));
    if (next.subsidy) lines.push(FORM.subsidy(next.subsidy.beneficiaries, level, next.subsidy.amountYuan));
    replies.push(lines.join('\n'));
  }
  replies.push(FORM.changeLater);
  return end(replies, [{ kind: 'save-registration', record }]);
}
