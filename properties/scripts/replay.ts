// Replay one profile seed, of the model or of a mutant, and print its verdict: the replay line for mutant runs
// (the CLI's `txsim replay` has no mutant flag). Exit 1 when a property is violated.
//   node --import tsx properties/scripts/replay.ts --seed 12 --profile default [--mutant dlq-skipped] [--facts]
import { parseArgs } from 'node:util';
import { summarizeOrders } from '../../model/orderSummary.ts';
import { formatViolation } from '../index.ts';
import { profileNamed } from '../profiles/index.ts';
import { replayLine } from '../repro.ts';
import { runAndCheck } from '../runAndCheck.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    profile: { type: 'string', default: 'default' },
    mutant: { type: 'string' },
    facts: { type: 'boolean', default: false },
  },
});
if (values.seed === undefined || !/^\d+$/.test(values.seed)) {
  console.error('usage: replay.ts --seed S [--profile P] [--mutant M] [--facts]');
  process.exit(2);
}
const seed = Number(values.seed);
const profile = profileNamed(values.profile);
const spec = profile.generate(seed);
const { outcome, violations } = runAndCheck(spec, values.mutant === undefined ? {} : { mutant: values.mutant });
console.log(replayLine({ profile: profile.name, seed, ...(values.mutant === undefined ? {} : { mutant: values.mutant }) }));
console.log(`${spec.name}: ${spec.orders.length} orders, ${spec.faults.script.length} scripted faults, trace ${outcome.traceHash.slice(0, 16)}`);
for (const s of summarizeOrders(outcome)) console.log(`  ${s.id.padEnd(4)} main ${s.main.padEnd(11)} message ${s.message.padEnd(11)} purchases ${s.targetPurchases}`);
if (values.facts) for (const f of outcome.facts) console.log(`  ${JSON.stringify(f)}`);
console.log(violations.length === 0 ? 'no violation' : `${violations.length} violation(s):`);
for (const v of violations) console.log(`  [${v.class}] ${formatViolation(v)}`);
process.exit(violations.length === 0 ? 0 : 1);
