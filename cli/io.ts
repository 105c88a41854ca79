// What a command may touch of the outside world: two output streams, whether stderr is a terminal (for the live
// progress line), and the working directory. runCli takes one, so every command is testable in-process.

/** A writable text stream (process.stdout fits). */
export interface TextSink {
  write(text: string): unknown;
}

/** The command's outside world. */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  /** stderr is a terminal: show the live progress line. */
  isTTY: boolean;
  /** Directory relative paths are resolved against (default process.cwd()). */
  cwd?: string;
  /** The environment (default process.env): where `--shard-count` finds its shard index. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C (cli/main.ts): a long command stops, reports what it did and exits EXIT.interrupted. */
  signal?: AbortSignal;
}

/** Exit codes of the command. */
export const EXIT = Object.freeze({
  /** Every check passed. */
  ok: 0,
  /** A property was violated, a scenario expectation failed, or a replay diverged. */
  failed: 1,
  /** Bad input: unknown name, bad flag, invalid file. */
  usage: 2,
  /** A txsim bug: the model or a checker threw. */
  internal: 3,
  /** Interrupted (Ctrl-C): 128 + SIGINT, as a shell reports a command killed by it. */
  interrupted: 130,
});

/** Bad input from the user: printed as `txsim: <message>`, exit 2, never a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Write one line (a newline is added). */
export function println(sink: TextSink, line = ''): void {
  sink.write(`${line}\n`);
}

/** What a command's action gets: the io, and where to put its exit code. */
export interface CommandContext {
  io: CliIo;
  /** Record the command's exit code (runCli returns it). */
  exit(code: number): void;
}

/** Print a value as pretty JSON on stdout. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A command-line argument quoted for a POSIX shell when it needs it. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
