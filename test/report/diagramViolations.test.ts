// The diagrams never contradict the report: every violation the checkers find is a note naming its property id,
// in PlantUML and Mermaid, English and Chinese, for every named scenario and for the failing runs of a harsh
// exploration over a fixed set of seeds. Also: a double purchase is not drawn as "until it succeeds", each
// retry's delay is written out, and an abnormal end state (parked, DLQ, bought twice) is a note of its own.
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../../properties/profiles/index.ts';
import { runAndCheck, type RunResult } from '../../properties/runAndCheck.ts';
import { sequenceDiagram } from '../../report/sequenceDiagram.ts';
import { sequenceModel, type SeqItem } from '../../report/sequenceModel.ts';
import { SCENARIOS } from '../../scenarios/index.ts';
import { parseScenario } from '../../scenarios/load.ts';
import { toRunSpec } from '../../scenarios/toRunSpec.ts';

const HARSH_SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

function scenarioRun(name: string): RunResult {
  const named = SCENARIOS[name];
  if (named === undefined) throw new Error(name);
  return runAndCheck(toRunSpec(parseScenario(named.scenario, name)));
}

/** Violation notes of a diagram text: the property ids after "violation " / "违反 ". */
function namedProperties(text: string): string[] {
  return [...text.matchAll(/(?:violation|违反) ([a-z][a-z-]*)[:\uff1a]/g)].map((m) => m[1] as string);
}

function expectAllNamed(result: RunResult, label: string): void {
  for (const format of ['plantuml', 'mermaid'] as const) {
    for (const lang of ['en', 'zh'] as const) {
      const text = sequenceDiagram(result.outcome, { format, lang, violations: result.violations });
      const named = namedProperties(text);
      // As many notes as violations, property by property.
      const want = result.violations.map((v) => v.property).sort();
      expect(named.sort(), `${label} ${format} ${lang}`).toEqual(want);
    }
  }
}

describe('every violation is a note in the diagram', () => {
  for (const name of Object.keys(SCENARIOS)) {
    it(`named scenario ${name}`, () => expectAllNamed(scenarioRun(name), name));
  }

  it('the failing runs of a harsh exploration (seeds 1..40)', () => {
    let failing = 0;
    for (const seed of HARSH_SEEDS) {
      const result = runAndCheck(PROFILES.harsh!.generate(seed));
      if (result.violations.length === 0) continue;
      failing++;
      expectAllNamed(result, `harsh seed ${seed}`);
    }
    expect(failing).toBeGreaterThan(3);
  });

  it('places a double purchase after the second purchase, not at the start', () => {
    const { outcome, violations } = scenarioRun('no-unique-tx-id');
    const text = sequenceDiagram(outcome, { format: 'plantuml', lang: 'en', violations });
    const lines = text.split('\n');
    const note = lines.findIndex((l) => l.includes('violation no-double-purchase'));
    const purchases = lines.map((l, i) => (l.includes('Return: success') && l.startsWith('  sec') ? i : -1)).filter((i) => i >= 0);
    expect(purchases).toHaveLength(2);
    expect(note).toBeGreaterThan(purchases[1] as number);
    expect(text).toContain('end state: the target fund was bought 2 times');
  });
});

const flat = (items: readonly SeqItem[]): SeqItem[] => items.flatMap((i) => (i.kind === 'block' ? [i, ...i.branches.flatMap((b) => flat(b.items))] : [i]));

describe('what the story is, drawn as it is', () => {
  it('a poison message lists each retry delay and ends in a DLQ end-state note', () => {
    const { outcome, violations } = scenarioRun('poison-message-to-dlq');
    const text = sequenceDiagram(outcome, { format: 'plantuml', lang: 'en', violations });
    expect(text).toContain('retry 1..16 in 10 s, 30 s, 1 min, 2 min, 3 min, 4 min, 5 min, 6 min, 7 min, 8 min, 9 min, 10 min, 20 min, 30 min, 1 h, 2 h');
    expect(text).toMatch(/end state: in the dead-letter queue/);
  });

  it('the check-max run shows the producers going down and coming back, and the parked end state', () => {
    const { outcome, violations } = scenarioRun('check-max-exhausted');
    const items = flat(sequenceModel(outcome, { lang: 'en', violations }).items);
    const notes = items.filter((i) => i.kind === 'note').map((i) => (i.kind === 'note' ? i.label.template : ''));
    expect(notes.filter((n) => / crashed /.test(n))).toHaveLength(2);
    expect(notes.filter((n) => / restarted$/.test(n))).toHaveLength(2);
    expect(items.some((i) => i.kind === 'note' && i.endState === true && /parked/.test(i.label.template))).toBe(true);
  });

  it('a loop with more than one purchase is never labelled "until the secondary transaction succeeds"', () => {
    for (const seed of HARSH_SEEDS) {
      const { outcome, violations } = runAndCheck(PROFILES.harsh!.generate(seed));
      if (!violations.some((v) => v.property === 'no-double-purchase')) continue;
      const items = flat(sequenceModel(outcome, { lang: 'en', violations }).items);
      for (const block of items) {
        if (block.kind !== 'block' || block.type !== 'loop') continue;
        const purchases = flat(block.branches[0]?.items ?? []).filter((i) => i.kind === 'arrow' && i.label.template === 'Return: success').length;
        if (purchases > 1) expect(block.branches[0]?.label).toMatch(/repeated purchase/);
      }
    }
  });
});
