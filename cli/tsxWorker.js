// The entry of every txsim worker thread. A worker starts with a fresh module loader: the tsx hooks the main
// thread registered (bin/txsim.js, `node --import tsx`, vitest) do not reach it, and `execArgv: ['--import',
// 'tsx']` comes too late for the worker's own entry on Node 20. So a worker starts in this plain-JS file,
// registers tsx for its thread, then imports the TypeScript module named in workerData.entry (a file URL).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
