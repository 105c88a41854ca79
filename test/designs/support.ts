// Shared helpers for the design tests: a stub io for pure transitions, and one-order specs with a fault script.
import { NO_FAULTS, type FaultOptions, type ScriptedFault } from '../../sim/faults.ts';
import type { DesignOrder, DesignRunSpec } from '../../designs/design.ts';
import { DEFAULT_TIMING, type DesignIo } from '../../designs/harness.ts';

/** Enough io for guards and delays; pure transitions never run the effects that would need the rest. */
export const PURE_IO = { timing: DEFAULT_TIMING } as unknown as DesignIo;

export const O1: DesignOrder = { id: 'o1', at: 1000, amount: 100, walletBalance: 500 };

export function spec(
  script: ScriptedFault[] = [],
  extra: Partial<DesignRunSpec> & { options?: FaultOptions } = {},
): DesignRunSpec {
  const { options, ...rest } = extra;
  return { seed: 42, orders: [O1], faults: { options: options ?? NO_FAULTS, script }, profile: 'scripted', ...rest };
}

/** The action types a pure transition returned, without XState's own timer bookkeeping. */
export function actionTypes(actions: ReadonlyArray<{ type: string }>): string[] {
  return actions.map((a) => a.type).filter((t) => !t.startsWith('xstate.'));
}
