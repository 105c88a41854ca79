// `node --import ./bin/registerTypescript.mjs file.ts`: load txsim's TypeScript through bin/typescriptHooks.mjs.
import { register } from 'node:module';

register('./typescriptHooks.mjs', import.meta.url);
