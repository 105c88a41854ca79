// Strict parsers for numeric flags (commander argParsers) and the shared option definitions. A flag value is an
// integer written in plain decimal digits and inside its range, or the command exits 2 naming the flag:
// `--runs abc`, `--runs -1`, `--seed 1.5`, `--seed 1e3` are all refused.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { PROFILES } from '../properties/profiles/index.ts';
import { isProfilePath } from '../properties/profiles/loadProfile.ts';
import { RUN_DEFAULTS } from '../model/defaults.ts';
import { suggest } from '../scenarios/issues.ts';

/** The largest seed: 2^53 - 1, the largest integer a JSON number (and a JavaScript number) holds exactly. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

/**
 * A commander argParser for an integer in [min, max].
 *
 * @example
 * new Option('--runs <n>').argParser(integerArg(1, 1_000_000));
 */
export function integerArg(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  const range = max === Number.MAX_SAFE_INTEGER ? `an integer from ${min} to 2^53 - 1 (${max})` : `an integer from ${min} to ${max}`;
  return (value: string) => {
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`It must be ${range}.`);
    return n;
  };
}

/** `--seed <n>`: an integer from 0 to 2^53 - 1. */
export function seedOption(description: string): Option {
  return new Option('--seed <n>', `${description}; 0 to 2^53 - 1`).argParser(integerArg(0, MAX_SEED));
}

/**
 * Give every option of the program that has choices (--profile, --runtime, --lang, --diagram, ...) a "did you
 * mean" for a near miss; commander's own message ("Allowed choices are ...") stays first.
 *
 * @example
 * suggestChoices(program); // `--profile harhs`: ... Allowed choices are default, swarm, harsh. Did you mean "harsh"?
 */
export function suggestChoices(program: Command): void {
  for (const command of [program, ...program.commands]) {
    for (const option of command.options) {
      const choices = option.argChoices;
      const parse = option.parseArg;
      if (choices === undefined || parse === undefined) continue;
      option.argParser((value: string, previous: unknown) => {
        try {
          return parse(value, previous);
        } catch (error) {
          // Two letters are too few to guess from ("fr" is as near "en" as "zh").
          const guess = error instanceof InvalidArgumentError && value.length > 2 ? suggest(value, choices) : undefined;
          if (guess === undefined) throw error;
          throw new InvalidArgumentError(`${error instanceof Error ? error.message : ''} Did you mean "${guess}"?`);
        }
      });
    }
  }
}

/** The registered fault profile names. */
export function profileNames(): string[] {
  return Object.keys(PROFILES);
}

/**
 * `--profile <name>`: one of the registered fault profiles, or the path of a profile file
 * (properties/profiles/fileFormat.ts). The choices stay declared, for the help and suggestChoices' "did you mean".
 */
export function profileOption(description: string): Option {
  return new Option('--profile <name>', `${description}, or a profile .json file`).choices(profileNames()).argParser((value: string) => {
    if (profileNames().includes(value) || isProfilePath(value)) return value;
    throw new InvalidArgumentError(`Allowed choices are ${profileNames().join(', ')}, or the path of a profile .json file (e.g. ./my-profile.json).`);
  });
}

/** The interpreters a run may use (sim/node.ts ActorRuntime). */
export const RUNTIMES = ['lean', 'xstate'] as const;

/** `--runtime lean|xstate`: which interpreter runs the machines; both give the same trace. */
export function runtimeOption(): Option {
  return new Option('--runtime <name>', "interpreter of the machines: lean (fast, the default) or xstate (XState's own actors); the trace is the same")
    .choices([...RUNTIMES])
    .default(RUN_DEFAULTS.runtime);
}
