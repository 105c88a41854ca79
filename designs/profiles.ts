// Fault profiles for the design comparison. A profile draws, from a run's seed, one fault plan that every
// design then plays: random per-message faults plus a script of crashes (and, for `harsh`, partitions) that
// names roles (initiator, main, secondary), which each design maps onto its own nodes. Half the crashes are
// aimed at an order's first 20 ms, the busy moment when a crash hurts most (the nemesis strikes while work is
// in flight); the rest fall anywhere in the workload's span. Every crashed node restarts by itself.
import type { FaultPlan, ScriptedFault } from '../sim/faults.ts';
import type { Rng } from '../sim/rng.ts';
import { ROLES, type DesignOrder, type Role } from './design.ts';

/** A named way to draw a run's fault plan. */
export interface CompareProfile {
  name: string;
  description: string;
  /** The run's fault plan, from the profile's own fork of the run's seed. */
  draw(rng: Rng, orders: readonly DesignOrder[]): FaultPlan;
}

interface CrashDraw {
  crashesMin: number;
  crashesMax: number;
  restartMsMin: number;
  restartMsMax: number;
  aimedPerMille: number;
  partitionsMax: number;
  partitionHealMsMax: number;
}

function drawScript(rng: Rng, orders: readonly DesignOrder[], d: CrashDraw): ScriptedFault[] {
  const last = orders.reduce((m, o) => Math.max(m, o.at), 0);
  const script: ScriptedFault[] = [];
  const crashes = rng.int(d.crashesMin, d.crashesMax);
  for (let i = 0; i < crashes; i++) {
    const node: Role = rng.pick(ROLES);
    const aimed = orders.length > 0 && rng.chance(d.aimedPerMille);
    const at = aimed ? rng.pick(orders).at + rng.int(0, 20) : rng.int(0, last + 2000);
    script.push({ at, type: 'crash', node, restartAfterMs: rng.int(d.restartMsMin, d.restartMsMax) });
  }
  const partitions = d.partitionsMax > 0 ? rng.int(0, d.partitionsMax) : 0;
  for (let i = 0; i < partitions; i++) {
    const a = rng.pick(ROLES);
    const b = rng.pick(ROLES.filter((r) => r !== a));
    script.push({ at: rng.int(0, last + 2000), type: 'partition', between: [a, b], healAfterMs: rng.int(1000, d.partitionHealMsMax) });
  }
  return script.sort((x, y) => x.at - y.at);
}

/** The comparison's fault profiles by name. */
export const COMPARE_PROFILES: Readonly<Record<string, CompareProfile>> = Object.freeze({
  calm: {
    name: 'calm',
    description: 'no faults: the designs on their normal path',
    draw: () => ({ options: { dropPerMille: 0, lostResponsePerMille: 0, duplicatePerMille: 0, delayPerMille: 0, delayMsMax: 0, reorderPerMille: 0 }, script: [] }),
  },
  default: {
    name: 'default',
    description: '1-3 crashes of initiator/main/secondary (half aimed at an order), restart in 1-30 s; 1% drops and lost acks, 2% duplicates and delays up to 300 ms',
    draw: (rng, orders) => ({
      options: { dropPerMille: 10, lostResponsePerMille: 10, duplicatePerMille: 20, delayPerMille: 20, delayMsMax: 300, reorderPerMille: 10 },
      script: drawScript(rng, orders, {
        crashesMin: 1, crashesMax: 3, restartMsMin: 1000, restartMsMax: 30_000, aimedPerMille: 500, partitionsMax: 0, partitionHealMsMax: 0,
      }),
    }),
  },
  harsh: {
    name: 'harsh',
    description: '3-6 crashes (half aimed), restart in 5-120 s; 0-2 partitions between roles healing within 60 s; 4% drops and lost acks, 5% duplicates and delays up to 2 s',
    draw: (rng, orders) => ({
      options: { dropPerMille: 40, lostResponsePerMille: 40, duplicatePerMille: 50, delayPerMille: 50, delayMsMax: 2000, reorderPerMille: 30 },
      script: drawScript(rng, orders, {
        crashesMin: 3, crashesMax: 6, restartMsMin: 5000, restartMsMax: 120_000, aimedPerMille: 500, partitionsMax: 2, partitionHealMsMax: 60_000,
      }),
    }),
  },
});

/** A profile by name; throws listing the known names. */
export function getCompareProfile(name: string): CompareProfile {
  const p = COMPARE_PROFILES[name];
  if (p === undefined) throw new Error(`unknown comparison profile ${name}; known: ${Object.keys(COMPARE_PROFILES).join(', ')}`);
  return p;
}
