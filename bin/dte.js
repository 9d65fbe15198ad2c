#!/usr/bin/env node
// The `dte` command as an npm bin: TypeScript sources run through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../bot/channels/cli/dte.ts');
process.exitCode = await main(process.argv.slice(2));
