#!/usr/bin/env node
// `npm start`: check the Node version, then run the composition root: compiled ahead of time when
// that can be done (compiled-sources.js: the same modules without tsx's loader thread, ~35 MB less
// RSS), else through tsx's loader.
import { requireNode } from './require-node.js';

requireNode();
const { compiledEntry } = await import('./compiled-sources.js');
const entry = compiledEntry('bot/main.ts');
if (entry) {
  // What tsx's register() does besides loading: stack traces read through the sources' maps.
  process.setSourceMapsEnabled(true);
  await import(entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../bot/main.ts');
}
