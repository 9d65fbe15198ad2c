/**
 * The answer-quality gate: the whole question set against the real app,
 * offline, in-process. Fails below 95% overall or on any wrong number, and
 * lists every failure in the assertion message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUESTIONS_PATH, loadQuestions } from './eval-item.js';
import { type EvalApp, type EvalEnvironment, openApp, prepareEnvironment, runEvaluation } from './evaluate.js';
import { formatFailures } from './report.js';
import { ACCURACY_THRESHOLD, type EvalSummary, summarise } from './score.js';

describe('answer quality over the question set (offline)', () => {
  let env: EvalEnvironment | undefined;
  let app: EvalApp | undefined;
  let summary: EvalSummary;

  beforeAll(async () => {
    const questions = loadQuestions(QUESTIONS_PATH);
    if (!questions.ok) throw new Error(questions.error);
    const prepared = prepareEnvironment({ llm: false });
    if (!prepared.ok) throw new Error(prepared.error);
    env = prepared.value;
    const opened = await openApp(env.config);
    if (!opened.ok) throw new Error(opened.error);
    app = opened.value;
    summary = summarise(await runEvaluation(app, questions.value));
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    env?.cleanup();
  });

  it(`answers at least ${ACCURACY_THRESHOLD * 100}% of the questions correctly`, () => {
    expect(
      summary.accuracy,
      `accuracy ${(summary.accuracy * 100).toFixed(1)}% (${summary.passed}/${summary.total}); failures:\n${formatFailures(summary)}`,
    ).toBeGreaterThanOrEqual(ACCURACY_THRESHOLD);
  });

  it('states no number that its tools and sources do not give', () => {
    const withWrong = summary.failures.filter((f) => f.wrongNumbers.length > 0);
    expect(
      summary.wrongNumbers,
      `wrong numbers:\n${withWrong.map((f) => `${f.id} ${f.question}: ${f.wrongNumbers.join(', ')}\n  ${f.answer}`).join('\n')}`,
    ).toBe(0);
  });

  it('never claims the notices are silent on something they answer', () => {
    const claims = summary.failures.filter((f) => f.falseNotStated);
    expect(summary.falseNotStated, `false "not stated" claims:\n${claims.map((f) => `${f.id} ${f.question}\n  ${f.answer}`).join('\n')}`).toBe(0);
  });
});
