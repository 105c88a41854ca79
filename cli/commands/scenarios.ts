// `txsim scenarios [--json] [--lang en|zh]`: the named-scenario registry, each with its title and lesson.
import { Option, type Command } from 'commander';
import { words } from '../../report/catalog.ts';
import { scenarioText } from '../../report/scenarioText.ts';
import { LANGS, type Lang } from '../narrate.ts';
import { SCENARIOS } from '../../scenarios/index.ts';
import { EXIT, printJson, println, type CliIo, type CommandContext } from '../io.ts';
import { wrap } from '../render.ts';

/**
 * Print the registry: name, title and lesson of every named scenario (with --json, the scenario files too).
 *
 * @example
 * await listScenarios({ json: true }, io); // [{ "name": "happy-path", "title": ..., "lesson": ..., "scenario": {...} }]
 */
export async function listScenarios(options: { json?: boolean; lang?: Lang }, io: CliIo): Promise<number> {
  const entries = Object.values(SCENARIOS);
  const lang = options.lang ?? 'en';
  if (options.json === true) {
    // `title` and `lesson` stay the scenario's own; the reader's language is added beside them.
    printJson(
      io,
      entries.map(({ name, title, lesson, scenario }) => ({ name, title, lesson, ...(lang === 'en' ? {} : { translated: { lang, ...scenarioText(lang, { name, title, lesson }) } }), scenario })),
    );
    return EXIT.ok;
  }
  for (const entry of entries) {
    const { title, lesson } = scenarioText(lang, entry);
    println(io.stdout, entry.name);
    for (const line of wrap(title ?? '', 100, '  ')) println(io.stdout, line);
    for (const line of wrap(lesson ?? '', 100, '    ')) println(io.stdout, line);
    println(io.stdout);
  }
  println(io.stdout, words(lang).scenariosFooter(entries.length));
  return EXIT.ok;
}

/** Register `txsim scenarios`. */
export function addScenariosCommand(program: Command, ctx: CommandContext): void {
  program
    .command('scenarios')
    .description('list the named scenarios: name, title and lesson')
    .option('--json', 'print the registry as JSON')
    .addOption(new Option('--lang <lang>', 'language of titles and lessons').choices([...LANGS]).default('en'))
    .action(async (options: { json?: boolean; lang?: Lang }) => ctx.exit(await listScenarios(options, ctx.io)));
}
