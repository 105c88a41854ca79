#!/usr/bin/env node
// The txsim command: a thin launcher that loads the TypeScript entry through bin/typescriptHooks.mjs.
import './registerTypescript.mjs';

await import('../cli/main.ts');
