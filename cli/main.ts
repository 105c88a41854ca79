// The entry of the txsim command (bin/txsim.js loads it through bin/typescriptHooks.mjs): run the command line with the real streams
// and set the exit code. No process.exit on the normal path, so pending output is flushed; the one exception is a
// closed pipe (`txsim scenarios | head`): the reader has gone, so stop quietly instead of dying on EPIPE.
import { runCli } from './runCli.ts';

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: process.stderr.isTTY === true,
});
