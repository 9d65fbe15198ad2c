/**
 * Understanding lives in the language data (knowledge/language/*.json), not in
 * regexes in code: this scans every bot/**\/*.ts for regular expressions with
 * Chinese (Han) characters — regex literals, and `new RegExp(…)`/`RegExp(…)`
 * whose pattern holds Han text directly or through a string constant of the
 * same file — and fails naming file:line, unless the file is a generic parser
 * on the allow-list below.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const HAN = /\p{Script=Han}/u;

/**
 * Files that may hold Chinese regexes, and why. Only generic parsers belong
 * here — they know the number system, the calendar and fixed formats, not
 * how residents phrase anything.
 */
const ALLOWED: Readonly<Record<string, string>> = {
  // Chinese numerals (两, 十一, 半), durations (两年半, 1年3个月), relative years (去年), amounts in 元, list numbering (（一）).
  'bot/chinese-quantities.ts': 'Chinese numerals, durations and dates',
  // Numbers (三千, 1.3万, 百分之三十) and dates (2026年4月20日, 4月20日) of a model's reply and its evidence.
  'bot/engine/llm/grounding.ts': 'Chinese numerals and dates in the grounding check',
  // Dates residents give (2025年3月, 去年10月, 上个月).
  'bot/engine/understand/event-date.ts': 'dates',
  // chineseNumber: 十一 -> 11.
  'bot/engine/understand/normalize-question.ts': 'Chinese numerals',
  // Chinese numerals before a counting unit (两年 -> 2年) when a question is compared with the facts.
  'bot/engine/answer/fact-search.ts': 'Chinese numerals before counting units',
};

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Lines (1-based) of Chinese regexes in one source text, with the regex as written. */
function chineseRegexes(fileName: string, source: string): Array<{ line: number; text: string }> {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const constants = new Map<string, ts.Expression>();
  const collect = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) constants.set(n.name.text, n.initializer);
    ts.forEachChild(n, collect);
  };
  collect(sf);
  const holdsHan = (node: ts.Node, seen = new Set<string>()): boolean => {
    if (ts.isStringLiteralLike(node) || ts.isRegularExpressionLiteral(node) || ts.isTemplateLiteralToken(node)) return HAN.test(node.text);
    if (ts.isIdentifier(node)) {
      const init = constants.get(node.text);
      if (!init || seen.has(node.text)) return false;
      seen.add(node.text);
      return holdsHan(init, seen);
    }
    // A property name (x.y) or a call's callee is no text of the pattern; its arguments and operands are.
    if (ts.isPropertyAccessExpression(node)) return holdsHan(node.expression, seen);
    let found = false;
    ts.forEachChild(node, (child) => {
      found ||= holdsHan(child, seen);
    });
    return found;
  };
  const out: Array<{ line: number; text: string }> = [];
  const at = (n: ts.Node) => ({ line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1, text: n.getText(sf).slice(0, 80) });
  const visit = (n: ts.Node): void => {
    if (ts.isRegularExpressionLiteral(n) && HAN.test(n.text)) out.push(at(n));
    if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
      const pattern = n.arguments?.[0];
      if (pattern && holdsHan(pattern)) out.push(at(n));
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('no Chinese regex for understanding in bot/', () => {
  it('finds regex literals, new RegExp with Han text, and patterns built from a Han constant', () => {
    const found = chineseRegexes(
      'x.ts',
      [
        "const a = /报名|登记/u;",
        "const words = '补贴|补助';",
        'const b = new RegExp(`(?:${words})多少`);',
        "const c = RegExp('学时');",
        "const d = /\\d+/;",
        "const e = new RegExp('[0-9]+');",
      ].join('\n'),
    );
    expect(found.map((f) => f.line)).toEqual([1, 3, 4]);
  });

  it('has none outside the generic parsers of the allow-list (file:line)', () => {
    const offending = tsFiles(join(ROOT, 'bot'))
      .map((path) => relative(ROOT, path).split('\\').join('/'))
      .filter((file) => !(file in ALLOWED))
      .flatMap((file) => chineseRegexes(file, readFileSync(join(ROOT, file), 'utf8')).map((r) => `${file}:${r.line}: ${r.text}`));
    expect(offending, 'move these phrasings into knowledge/language/*.json (or, for a generic parser, justify it on the allow-list)').toEqual([]);
  });

  it('lists only files that exist', () => {
    for (const file of Object.keys(ALLOWED)) expect(() => statSync(join(ROOT, file)), file).not.toThrow();
  });
});
