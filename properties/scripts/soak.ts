// Soak: run N seeds of a profile (default: 10,000 of `default`) on the correct model, or on a mutant, and report
// the violations - by property, with the replay line of every failing seed (the first 20 in detail). Not part of
// CI: run it by hand after changing the model, a checker or a profile.
//   node --import tsx properties/scripts/soak.ts [--runs 10000] [--from 1] [--profile default] [--mutant NAME]
import { parseArgs } from 'node:util';
import { exploreSeeds } from '../explore.ts';
import { formatViolation } from '../index.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10000' },
    from: { type: 'string', default: '1' },
    profile: { type: 'string', default: 'default' },
    mutant: { type: 'string' },
  },
});
const runs = Number(values.runs);
const from = Number(values.from);
if (!Number.isInteger(runs) || runs <= 0 || !Number.isInteger(from)) {
  console.error('usage: soak.ts [--runs N] [--from S] [--profile P] [--mutant M]');
  process.exit(2);
}

const failures: string[] = [];
let next = 1_000;
const summary = await exploreSeeds({
  profile: values.profile,
  fromSeed: from,
  runs,
  trace: false,
  ...(values.mutant === undefined ? {} : { mutant: values.mutant }),
  onResult: (r) => {
    if (r.violations.length > 0) {
      failures.push(r.replay);
      if (failures.length <= 20) {
        console.log(`seed ${r.seed}: ${r.violations.length} violation(s)  ${r.replay}`);
        for (const v of r.violations.slice(0, 5)) console.log(`    [${v.class}] ${formatViolation(v)}`);
      }
    }
    if (r.seed - from + 1 >= next) {
      console.log(`  ... ${r.seed - from + 1} runs, ${failures.length} failing`);
      next += 1_000;
    }
  },
});

const hours = (summary.simTimeMs / 3_600_000).toFixed(1);
console.log(
  `\nsoak ${summary.profile}${summary.mutant === undefined ? '' : ` (mutant ${summary.mutant})`}: ${summary.runs} runs from seed ${from}, ` +
    `${summary.failingSeeds.length} failing, ${summary.violations} violations, ${hours} h simulated in ${(summary.wallMs / 1_000).toFixed(1)} s wall`,
);
for (const [property, count] of Object.entries(summary.violationsByProperty)) console.log(`  ${property}: ${count} failing runs`);
if (failures.length > 20) console.log(`  ... and ${failures.length - 20} more failing seeds, e.g. ${failures[20]}`);
process.exit(summary.failingSeeds.length === 0 ? 0 : 1);
