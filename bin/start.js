#!/usr/bin/env node
// `npm start`: check the Node version, then run the composition root through tsx's loader.
import { requireNode } from './require-node.js';

requireNode();
const { register } = await import('tsx/esm/api');
register();
await import('../bot/main.ts');
