// The TypeScript sources of `npm start`, compiled ahead of time instead of through tsx's loader.
//
// Why: on Node 20 tsx's loader runs in a thread of its own (module.register), with its own V8
// heap, and compiles every module as it is imported; measured, that thread and its caches are
// ~35 MB of the running bot's RSS (test/bench/real-process.ts). Compiling is what tsx does
// anyway — esbuild's transform, one file at a time — so it is done once here, into
// node_modules/.cache/dte-bot/<hash of the sources>/, and the bot runs those files:
//   - each file is compiled alone (no bundling): the same modules, the same imports, evaluated in
//     the same order as under tsx; relative imports resolve inside the compiled tree, packages in
//     the project's node_modules (the tree lies below it);
//   - `import.meta.url` is the source file's own URL (as tsx's CommonJS path does), so paths made
//     from it (PROJECT_ROOT, the language data, jieba's dictionary) are those of the sources;
//   - inline source maps name the .ts files, so stack traces read as they do under tsx.
// The hash covers every source file, tsconfig.json, this file, esbuild's and Node's versions: a
// change to any of them compiles a new tree at the next start (in a child process, so nothing of
// the compiler stays in the bot). When compiling is impossible (read-only node_modules, no
// esbuild), the caller falls back to tsx's loader, as before. Plain JavaScript on purpose.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The directories the bot's modules come from (test/ is never imported by them). */
export const SOURCE_DIRS = ['bot', 'knowledge', 'tools', 'prompts'];
const CACHE = join(ROOT, 'node_modules', '.cache', 'dte-bot');
/** Compiled trees kept (a bot still running an older one may import lazily loaded modules from it). */
const KEEP = 3;
const COMPLETE = '.complete';

/** Every .ts file under the source directories, relative to the root, sorted. */
function sourceFiles() {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const rel = join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(rel);
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(join(ROOT, dir))) walk(dir);
  return out.sort();
}

function esbuildPath() {
  // esbuild comes with tsx (the loader this replaces): resolved from tsx's own package.
  return createRequire(createRequire(join(ROOT, 'package.json')).resolve('tsx/package.json')).resolve('esbuild');
}

/** The hash naming the compiled tree of the sources as they are now. */
function sourcesHash(files) {
  const h = createHash('sha256');
  h.update(`dte-compiled-sources 1\0${process.version}\0`);
  h.update(readFileSync(fileURLToPath(import.meta.url)));
  h.update(readFileSync(join(dirname(esbuildPath()), '..', 'package.json')));
  h.update(readFileSync(join(ROOT, 'tsconfig.json')));
  for (const f of files) {
    h.update(`\0${f.split(sep).join('/')}\0`);
    h.update(readFileSync(join(ROOT, f)));
  }
  return h.digest('hex').slice(0, 20);
}

/**
 * The URL of the compiled `bot/main.js` for the sources as they are now, compiling them first
 * when needed; undefined when that cannot be done (the caller then uses tsx's loader).
 */
export function compiledEntry(entry = 'bot/main.ts') {
  try {
    const files = sourceFiles();
    const dir = join(CACHE, sourcesHash(files));
    if (!existsSync(join(dir, COMPLETE))) {
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--compile', dir], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
      if (child.status !== 0 || !existsSync(join(dir, COMPLETE))) return undefined;
    }
    return pathToFileURL(join(dir, entry.replace(/\.ts$/, '.js'))).href;
  } catch {
    return undefined;
  }
}

/** The child side: compile every source file into `dir` (written beside it, then renamed into place). */
async function compileInto(dir) {
  const esbuild = await import(pathToFileURL(esbuildPath()).href);
  const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));
  const tmp = `${dir}.tmp-${process.pid}`;
  mkdirSync(CACHE, { recursive: true });
  rmSync(tmp, { recursive: true, force: true });
  try {
    await Promise.all(
      sourceFiles().map(async (f) => {
        const source = join(ROOT, f);
        const url = pathToFileURL(source).href;
        const { code } = await esbuild.transform(readFileSync(source, 'utf8'), {
          loader: 'ts',
          format: 'esm',
          target: `node${process.versions.node}`,
          sourcemap: 'inline',
          sourcefile: url,
          tsconfigRaw: { compilerOptions: tsconfig.compilerOptions ?? {} },
          define: { 'import.meta.url': JSON.stringify(url) },
        });
        const out = join(tmp, f.replace(/\.ts$/, '.js'));
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, code);
      }),
    );
    writeFileSync(join(tmp, COMPLETE), '');
    try {
      renameSync(tmp, dir);
    } catch (error) {
      // Another start compiled the same sources first: theirs is the same tree.
      if (!existsSync(join(dir, COMPLETE))) throw error;
      rmSync(tmp, { recursive: true, force: true });
    }
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  } finally {
    await esbuild.stop?.();
  }
  // Older trees beyond the last few go.
  const trees = readdirSync(CACHE)
    .filter((d) => !d.includes('.tmp-') && existsSync(join(CACHE, d, COMPLETE)))
    .map((d) => ({ d, at: statSync(join(CACHE, d)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { d } of trees.slice(KEEP)) if (join(CACHE, d) !== dir) rmSync(join(CACHE, d), { recursive: true, force: true });
}

if (process.argv[2] === '--compile' && process.argv[1] && relative(process.argv[1], fileURLToPath(import.meta.url)) === '') {
  compileInto(process.argv[3]).then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`${error?.stack ?? error}\n`);
      process.exit(1);
    },
  );
}
