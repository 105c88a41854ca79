// The profile file format (`txsim explore --profile ./my-profile.json`): a fault profile as data - the fixed config,
// the topology, workload, random-fault, crash and partition ranges a seed draws from. One zod 4 schema of strict
// objects (a misspelt field is an error, never ignored); profile.schema.json is generated from it (profileJsonSchema.ts).
// A range is an integer or [min, max]; fromData.ts turns a validated file into a FaultProfile, loadProfile.ts reads it.
import { z } from 'zod';
import { configSchema } from '../../scenarios/format.ts';

/** An integer in [min, max] whose every error reads `must be <what>`. */
function int(min: number, max: number, what: string) {
  const error = `must be ${what}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** An integer or an inclusive [min, max] pair of integers, each in [lo, hi]. */
function range(lo: number, hi: number, unit: string) {
  const what = `${unit} from ${lo} to ${hi}`;
  const error = `must be an integer (${what}) or a [min, max] pair of them, e.g. [${lo}, ${Math.min(hi, lo + 2)}]`;
  return z.union([int(lo, hi, `an integer ${what}`), z.tuple([int(lo, hi, `an integer ${what}`), int(lo, hi, `an integer ${what}`)], { error })], { error });
}

const MAX_MS = 86_400_000;
const perMille = () => range(0, 1000, 'per mille');
const msRange = (min = 0) => range(min, MAX_MS, 'milliseconds');

/** How often a role's nodes crash and how long they stay down. */
const crashRuleSchema = z
  .strictObject({
    count: range(0, 20, 'crashes').describe('Crashes of nodes of this role per run (each picks a node of the role at random).'),
    restartAfterMs: msRange().describe('Down time before the restart.'),
    kind: z
      .enum(['process', 'machine'], { error: 'must be "process" or "machine"' })
      .optional()
      .describe('"process" (default) keeps the page cache; "machine" also loses unflushed async writes (beyond the design under async flush).'),
  })
  .describe('Crashes of one role.');

/** A profile file. */
export const profileFileSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of profile.schema.json, for editors; ignored.'),
    name: z
      .string({ error: 'must be a profile name such as "my-profile"' })
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must be a kebab-case name such as "my-profile"' })
      .max(64, { error: 'must be at most 64 characters' })
      .describe('Profile name (kebab-case); it names the runs (`my-profile#17`).'),
    description: z.string({ error: 'must be a sentence' }).max(2000).optional().describe('What the profile explores, in one sentence.'),
    beyondDesign: z
      .boolean({ error: 'must be true or false' })
      .optional()
      .describe('True when the faults go beyond the design on purpose (violations expected); default false.'),
    config: configSchema.optional().describe('Fixed config overrides (model/config.ts); a profile starts from the defaults with operatorRedriveAfterMs 60000.'),
    topology: z
      .strictObject({
        producers: range(1, 32, 'instances').optional().describe('Producer instances.'),
        brokers: range(1, 8, 'brokers').optional().describe('Brokers.'),
        consumers: range(1, 32, 'instances').optional().describe('Target-fund consumer instances.'),
      })
      .optional()
      .describe('Topology ranges drawn per seed (they override config.producers/brokers/consumers).'),
    workload: z
      .strictObject({
        orders: range(1, 1000, 'orders').optional().describe('Orders per run (default [3, 10]).'),
        windowMs: int(0, MAX_MS, 'milliseconds from 0 to 86400000').optional().describe('Orders arrive within [0, windowMs] (default 20000).'),
        insufficientPerMille: int(0, 1000, 'a per-mille rate').optional().describe('Orders whose wallet is short of the amount.'),
        rollbackPerMille: int(0, 1000, 'a per-mille rate').optional().describe('executeLocalTransaction answers rollback.'),
        unknownPerMille: int(0, 1000, 'a per-mille rate').optional().describe('executeLocalTransaction answers unknown.'),
        throwPerMille: int(0, 1000, 'a per-mille rate').optional().describe('executeLocalTransaction throws.'),
        unresolvedPerMille: int(0, 1000, 'a per-mille rate').optional().describe('An undecided order whose check-backs never resolve.'),
        failingPerMille: int(0, 1000, 'a per-mille rate').optional().describe('The consumer fails the first 1..maxFailures attempts.'),
        maxFailures: int(1, 1000, 'an integer from 1 to 1000').optional().describe('Most failing attempts of a failing order.'),
        poisonPerMille: int(0, 1000, 'a per-mille rate').optional().describe('The consumer always fails (a poison message).'),
        slowLocalTxPerMille: int(0, 1000, 'a per-mille rate').optional().describe('A commit/rollback main transaction is slow.'),
        slowLocalTxMsMax: int(100, MAX_MS, 'milliseconds from 100 to 86400000').optional().describe('Longest slow main transaction.'),
      })
      .optional()
      .describe('Workload ranges (defaults: those of the `default` profile).'),
    randomFaults: z
      .strictObject({
        dropPerMille: perMille().optional().describe('Any message is lost.'),
        lostResponsePerMille: perMille().optional().describe('Only responses (acks) are lost.'),
        duplicatePerMille: perMille().optional().describe('The message arrives twice.'),
        delayPerMille: perMille().optional().describe('The message is held back by up to delayMsMax.'),
        delayMsMax: msRange().optional().describe('Largest extra delay of a delayed message.'),
        reorderPerMille: perMille().optional().describe('The message may overtake earlier ones on its link.'),
      })
      .optional()
      .describe('Random per-message fault rates drawn per seed (omitted: 0) and applied until the heal.'),
    crashes: z
      .strictObject({
        producers: crashRuleSchema.optional(),
        consumers: crashRuleSchema.optional(),
        brokers: crashRuleSchema.optional(),
      })
      .optional()
      .describe('Crashes by role (omitted: none), at random times while orders arrive.'),
    partitions: z
      .strictObject({
        count: range(0, 10, 'partitions').describe('Partitions per run, each between a producer or consumer and a broker.'),
        healAfterMs: msRange().describe('The partition heals this long after it starts.'),
      })
      .optional()
      .describe('Network partitions (omitted: none).'),
    lingerMs: msRange()
      .optional()
      .describe('Faulty time after the last order and scripted fault (default [0, 60000]); within the design it ends before the first operator alert.'),
  })
  .describe('A txsim fault profile: how `txsim explore` draws a run from each seed.');

/** A validated profile file. */
export type ProfileFile = z.infer<typeof profileFileSchema>;
/** A range as written: an integer or [min, max]. */
export type RangeValue = number | [number, number];
/** A role's crash rule. */
export type CrashRule = z.infer<typeof crashRuleSchema>;
