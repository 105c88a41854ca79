#!/usr/bin/env node
// The txsim command: a thin launcher. In a checkout it loads the TypeScript entry through bin/typescriptHooks.mjs;
// in the installed package (no sources) it runs the built dist/cli/main.js.
//
// `txsim explore` with a worker thread on every core starts again in a node with V8's helper threads off
// (--single-threaded). The helpers (concurrent GC and compiler) give one thread about a quarter of a core more,
// which only helps while a core is idle; with a worker on each core they compete with the workers. Measured on
// 2 cores: 2 workers explore about 8% faster, and one worker keeps to one core. TXSIM_V8_HELPERS=1 keeps them.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const SINGLE_THREADED = '--single-threaded';

/** The --workers value explore will use, or undefined when the flag is malformed (the command reports that). */
function exploreWorkers(args) {
  const at = args.findIndex((a) => a === '--workers' || a.startsWith('--workers='));
  if (at === -1) return availableParallelism();
  const value = args[at].includes('=') ? args[at].slice('--workers='.length) : args[at + 1];
  return /^\d+$/.test(value ?? '') ? Number(value) : undefined;
}

const args = process.argv.slice(2);
const cores = availableParallelism();
const workers = args[0] === 'explore' ? exploreWorkers(args) : undefined;
if (workers !== undefined && workers >= 2 && workers >= cores && !process.execArgv.includes(SINGLE_THREADED) && process.env.TXSIM_V8_HELPERS !== '1') {
  const child = spawn(process.execPath, [SINGLE_THREADED, ...process.execArgv, fileURLToPath(import.meta.url), ...args], { stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, forward);
  child.on('exit', (code, signal) => {
    for (const s of ['SIGINT', 'SIGTERM']) process.off(s, forward);
    // Die of the child's signal, as a shell expects of an interrupted command.
    if (signal !== null) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
} else if (existsSync(new URL('../cli/main.ts', import.meta.url))) {
  // A checkout: run the TypeScript sources (never a stale dist/).
  await import('./registerTypescript.mjs');
  await import('../cli/main.ts');
} else {
  // The installed package holds the built JavaScript (npm run build), not the sources.
  await import('../dist/cli/main.js');
}
