// `txsim scenarios [--json]`: the named-scenario registry, each with its title and lesson.
import type { Command } from 'commander';
import { SCENARIOS } from '../../scenarios/index.ts';
import { EXIT, printJson, println, type CliIo, type CommandContext } from '../io.ts';
import { wrap } from '../render.ts';

/**
 * Print the registry: name, title and lesson of every named scenario (with --json, the scenario files too).
 *
 * @example
 * await listScenarios({ json: true }, io); // [{ "name": "happy-path", "title": ..., "lesson": ..., "scenario": {...} }]
 */
export async function listScenarios(options: { json?: boolean }, io: CliIo): Promise<number> {
  const entries = Object.values(SCENARIOS);
  if (options.json === true) {
    printJson(io, entries.map(({ name, title, lesson, scenario }) => ({ name, title, lesson, scenario })));
    return EXIT.ok;
  }
  for (const { name, title, lesson } of entries) {
    println(io.stdout, name);
    for (const line of wrap(title, 100, '  ')) println(io.stdout, line);
    for (const line of wrap(lesson, 100, '    ')) println(io.stdout, line);
    println(io.stdout);
  }
  println(io.stdout, `${entries.length} scenario(s); run one with \`npx txsim run NAME\` (add --lang zh for Chinese)`);
  return EXIT.ok;
}

/** Register `txsim scenarios`. */
export function addScenariosCommand(program: Command, ctx: CommandContext): void {
  program
    .command('scenarios')
    .description('list the named scenarios: name, title and lesson')
    .option('--json', 'print the registry as JSON')
    .action(async (options: { json?: boolean }) => ctx.exit(await listScenarios(options, ctx.io)));
}
