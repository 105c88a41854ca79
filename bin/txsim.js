#!/usr/bin/env node
// The txsim command: a thin launcher that loads the TypeScript entry through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
