#!/usr/bin/env node
// The `dte` command as an npm bin: check the Node version, then run the TypeScript sources
// through tsx's loader.
import { requireNode } from './require-node.js';

requireNode();
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../bot/channels/cli/dte.ts');
process.exitCode = await main(process.argv.slice(2));
