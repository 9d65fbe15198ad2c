// Runs before the TypeScript loader so that an old Node gets one clear line, not a stack trace.
// The floor is read from package.json's `engines.node` (a `||` list of `^x.y.z` / `>=x.y.z`),
// so there is one place to change it. Plain JavaScript on purpose: it must parse on old Nodes.
import { readFileSync } from 'node:fs';

function parse(v) {
  return v.replace(/^[^\d]*/, '').split('.').map((n) => Number.parseInt(n, 10) || 0);
}

function atLeast(have, want) {
  for (let i = 0; i < 3; i++) {
    if ((have[i] || 0) !== (want[i] || 0)) return (have[i] || 0) > (want[i] || 0);
  }
  return true;
}

/** True when `version` (e.g. "v20.19.1") satisfies a range like "^20.19.0 || >=22.12.0". */
export function satisfies(version, range) {
  const have = parse(version);
  return range.split('||').some((part) => {
    const p = part.trim();
    const want = parse(p);
    if (p.startsWith('^')) return have[0] === want[0] && atLeast(have, want);
    if (p.startsWith('>=')) return atLeast(have, want);
    return have[0] === want[0] && have[1] === want[1] && have[2] === want[2];
  });
}

/** Exits with code 1 and a bilingual message when this Node is older than package.json allows. */
export function requireNode() {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const range = pkg.engines && pkg.engines.node;
  if (!range || satisfies(process.version, range)) return;
  process.stderr.write(
    `dte-bot 需要 Node.js ${range}，当前是 ${process.version}。请升级 Node.js（https://nodejs.org/zh-cn/download）后重试。\n` +
      `dte-bot needs Node.js ${range}; this is ${process.version}. Please upgrade Node.js and try again.\n`,
  );
  process.exit(1);
}
