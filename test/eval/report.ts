/**
 * Text and JSON renderings of an eval summary, for the CLI and for the
 * assertion message of the vitest gate.
 */
import type { EvalSummary, ItemScore } from './score.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** One failure as a few lines: id, category, question, answer, what was wrong. */
export function formatFailure(s: ItemScore): string {
  const chars = Array.from(s.answer);
  const answer = chars.length > 400 ? `${chars.slice(0, 400).join('')}…` : s.answer;
  return [
    `✗ ${s.id} [${s.category}] ${s.question}`,
    `  answer: ${answer.replace(/\n/g, ' ⏎ ') || '(empty)'}`,
    `  route: ${s.route ?? '-'}  mode: ${s.mode ?? '-'}  cited: ${s.docs.join(', ') || '-'}`,
    ...s.problems.map((p) => `  - ${p}`),
  ].join('\n');
}

/** The failures only (used in assertion messages). */
export function formatFailures(summary: EvalSummary): string {
  return summary.failures.map(formatFailure).join('\n');
}

/** The full human-readable report: per category, overall, wrong numbers, failures, verdict. */
export function formatReport(summary: EvalSummary): string {
  const lines: string[] = [];
  const categories = Object.entries(summary.byCategory).sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(8, ...categories.map(([c]) => c.length));
  lines.push('Accuracy by category');
  for (const [c, f] of categories) {
    lines.push(`  ${c.padEnd(width)}  ${String(f.passed).padStart(3)}/${String(f.total).padEnd(3)}  ${pct(f.accuracy)}`);
  }
  lines.push('');
  lines.push(`Overall: ${summary.passed}/${summary.total} = ${pct(summary.accuracy)} (threshold ${pct(summary.threshold)})`);
  lines.push(`Wrong numbers: ${summary.wrongNumbers}`);
  lines.push(`False "not stated" claims: ${summary.falseNotStated}`);
  lines.push(
    `Modes: ${Object.entries(summary.modes)
      .map(([m, n]) => `${m} ${n}`)
      .join(', ') || '-'}`,
  );
  if (summary.failures.length > 0) {
    lines.push('', `Failures (${summary.failures.length})`, formatFailures(summary));
  }
  lines.push('', summary.passedGate ? 'PASS' : 'FAIL');
  return lines.join('\n');
}

/** A machine-readable summary (stable keys; failures without the long answers cut). */
export function toJsonSummary(summary: EvalSummary): object {
  return {
    total: summary.total,
    passed: summary.passed,
    accuracy: summary.accuracy,
    threshold: summary.threshold,
    passedGate: summary.passedGate,
    wrongNumbers: summary.wrongNumbers,
    falseNotStated: summary.falseNotStated,
    modes: summary.modes,
    byCategory: summary.byCategory,
    failures: summary.failures.map((f) => ({
      id: f.id,
      category: f.category,
      question: f.question,
      answer: f.answer,
      problems: f.problems,
      wrongNumbers: f.wrongNumbers,
      route: f.route,
      mode: f.mode,
      docs: f.docs,
    })),
  };
}
