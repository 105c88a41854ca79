// The txsim command as a function: parse argv with commander, run one command, return its exit code. Nothing here
// calls process.exit, so tests drive it in-process. Errors never show a stack trace: bad flags, unknown names and
// invalid files exit 2 with a message naming the flag or field and the fix; a txsim bug exits 3.
import { Command, CommanderError } from 'commander';
import { ScenarioError } from '../scenarios/load.ts';
import { LeanRuntimeVersionError } from '../sim/lean/version.ts';
import { addCompareCommand } from './commands/compare.ts';
import { addExploreCommand } from './commands/explore.ts';
import { addMergeCommand } from './commands/merge.ts';
import { addReplayCommand } from './commands/replay.ts';
import { addRunCommand } from './commands/run.ts';
import { addScenariosCommand } from './commands/scenarios.ts';
import { EXIT, println, UsageError, type CliIo, type CommandContext } from './io.ts';
import { suggestChoices } from './options.ts';

const VERSION = '0.1.0';

function buildProgram(ctx: CommandContext): Command {
  const { io } = ctx;
  const program = new Command('txsim')
    .description('Deterministic simulation and verification of RocketMQ-style transactional messages (the discounted-purchase flow)')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`txsim: ${text.replace(/^error: /, '').trimEnd()}\n`),
    })
    .showHelpAfterError('(run `npx txsim --help`, or `npx txsim <command> --help`, for usage)')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok; 1 a property was violated or an expectation failed; 2 bad input; 3 a txsim bug.\n' +
        'Examples:\n  npx txsim explore --runs 500 --profile swarm\n  npx txsim replay --seed 17 --profile default\n' +
        '  npx txsim explore --runs 100000 --seed 1 --shard 3/8 --json > shard-3.json\n  npx txsim merge shard-*.json\n' +
        '  npx txsim scenarios\n  npx txsim run happy-path --lang zh\n  npx txsim run scenarios/examples/lost-rollback.json --json\n' +
        '  npx txsim compare --runs 200 --profile default\n' +
        '  npx txsim explore --consumer examples/correct-consumer.ts --producer examples/correct-producer.ts   (your own machines: docs/roles.md)',
    );
  addExploreCommand(program, ctx);
  addMergeCommand(program, ctx);
  addReplayCommand(program, ctx);
  addScenariosCommand(program, ctx);
  addRunCommand(program, ctx);
  addCompareCommand(program, ctx);
  suggestChoices(program);
  return program;
}

/**
 * Run the txsim command line; resolves to the exit code.
 *
 * @example
 * process.exitCode = await runCli(['run', 'happy-path', '--json'], { stdout: process.stdout, stderr: process.stderr, isTTY: false });
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram({ io, exit: (c) => (code = c) });
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version were printed already; every other commander error is a usage error it has reported.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      println(io.stderr, `txsim: ${error.message}`);
      return EXIT.usage;
    }
    if (error instanceof LeanRuntimeVersionError) {
      // An install that does not match the pinned xstate: not the user's input, not a model bug; the fix is npm ci.
      println(io.stderr, `txsim: ${error.message}`);
      return EXIT.internal;
    }
    if (error instanceof ScenarioError) {
      println(io.stderr, `txsim: invalid ${error.source}:`);
      for (const problem of error.problems) println(io.stderr, `  ${problem}`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    println(io.stderr, `txsim: internal error (a txsim bug, please report it): ${message}`);
    if (process.env.TXSIM_DEBUG && error instanceof Error && error.stack) println(io.stderr, error.stack);
    else println(io.stderr, '  (set TXSIM_DEBUG=1 for the stack trace)');
    return EXIT.internal;
  }
}
