// The entry of the txsim command (bin/txsim.js loads it through bin/typescriptHooks.mjs): run the command line with the real streams
// and set the exit code. No process.exit on the normal path, so pending output is flushed.
// A closed pipe (`txsim explore | head -1`): the reader has gone, so further output is dropped, but the command
// runs to its end and exits with its own code; an exploration that found failures still exits 1 (a `pipefail`
// step must not pass). Ctrl-C (SIGINT, SIGTERM) aborts the command's signal: explore prints the summary so far and
// the command that resumes it, then exits 130.
import { EXIT } from './io.ts';
import { runCli } from './runCli.ts';
import { closablePipe } from './pipe.ts';

const stdout = closablePipe(process.stdout);
const stderr = closablePipe(process.stderr);
const interrupt = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (!interrupt.signal.aborted) interrupt.abort(signal);
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout,
  stderr,
  isTTY: process.stderr.isTTY === true,
  signal: interrupt.signal,
});
// A command that ignores the signal (all but explore finish in well under a second) still ends as interrupted.
if (interrupt.signal.aborted && process.exitCode === EXIT.ok) process.exitCode = EXIT.interrupted;
