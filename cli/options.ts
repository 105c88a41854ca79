// Strict parsers for numeric flags (commander argParsers) and the shared option definitions. A flag value is an
// integer written in plain decimal digits and inside its range, or the command exits 2 naming the flag:
// `--runs abc`, `--runs -1`, `--seed 1.5`, `--seed 1e3` are all refused.
import { InvalidArgumentError, Option } from 'commander';
import { PROFILES } from '../properties/profiles/index.ts';
import { RUN_DEFAULTS } from '../model/defaults.ts';

/**
 * A commander argParser for an integer in [min, max].
 *
 * @example
 * new Option('--runs <n>').argParser(integerArg(1, 1_000_000));
 */
export function integerArg(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
  return (value: string) => {
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`It must be ${range}.`);
    return n;
  };
}

/** `--seed <n>`: a non-negative safe integer. */
export function seedOption(description: string): Option {
  return new Option('--seed <n>', description).argParser(integerArg(0));
}

/** The registered fault profile names. */
export function profileNames(): string[] {
  return Object.keys(PROFILES);
}

/** `--profile <name>`: one of the registered fault profiles. */
export function profileOption(description: string): Option {
  return new Option('--profile <name>', description).choices(profileNames());
}

/** The interpreters a run may use (sim/node.ts ActorRuntime). */
export const RUNTIMES = ['lean', 'xstate'] as const;

/** `--runtime lean|xstate`: which interpreter runs the machines; both give the same trace. */
export function runtimeOption(): Option {
  return new Option('--runtime <name>', "interpreter of the machines: lean (fast, the default) or xstate (XState's own actors); the trace is the same")
    .choices([...RUNTIMES])
    .default(RUN_DEFAULTS.runtime);
}
