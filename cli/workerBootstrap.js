// The entry of every txsim worker thread. A worker starts with a fresh module loader: the TypeScript hooks the
// main thread registered (bin/txsim.js, `node --import ./bin/registerTypescript.mjs`, vitest) do not reach it, and
// `execArgv: ['--import', ...]` comes too late for the worker's own entry on Node 20. So a worker starts in this
// plain-JS file, registers the hooks for its thread, then imports the TypeScript module named in workerData.entry
// (a file URL).
import { workerData } from 'node:worker_threads';
import '../bin/registerTypescript.mjs';

await import(workerData.entry);
