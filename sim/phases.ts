// The one run driver of the model and of the design comparison: a faulty phase (orders arrive, faults strike)
// up to `faultEndMs`, heal(), then settle until nothing is busy or `settleBoundMs` after heal, all within one
// step budget for the whole run (past it the run is a livelock, an outcome, never a hang). The caller says what
// is busy through `busy`: the driver asks after every settle step with nothing in flight for the first reason
// only (cheap), and once at the end for all of them, so "did not settle" comes with its reasons.
import type { Simulation, StopReason } from './simulation.ts';

/**
 * Why the world is not quiet yet. Push reasons (`consumer-2 consuming o3`) onto `out`; stop once `out` holds
 * `limit` of them (the settle check asks for one, the final report for all). Nothing pushed: quiet.
 */
export type BusyProbe = (out: string[], limit: number) => void;

/** What a run's phases need besides the simulation. */
export interface PhasePlan {
  /** End of the faulty phase, in simulated ms. */
  faultEndMs: number;
  /** Time allowed to settle after heal(). */
  settleBoundMs: number;
  /** Bound on simulator steps for the whole run; reaching it is a livelock. */
  maxSteps: number;
  /** The world's own busy reasons; the driver adds the network's messages in flight. */
  busy: BusyProbe;
}

/** How the phases ended. */
export interface PhaseResult {
  healedAtMs: number;
  /** Why the settle phase stopped; `condition` when it reached quiescence (also when it ended quiet otherwise). */
  settleStop: StopReason;
  settled: boolean;
  /** The step budget ran out (in either phase). */
  livelock: boolean;
  /** Why the run did not settle, at its end: empty when it settled. */
  unsettled: string[];
}

/** Everything a probe would say, most reasons first the network's. */
export function busyReasons(sim: Simulation, busy: BusyProbe, limit = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  const inFlight = sim.network.inFlight;
  if (inFlight > 0) out.push(`network: ${inFlight} message${inFlight === 1 ? '' : 's'} in flight`);
  if (out.length < limit) busy(out, limit);
  return out;
}

/**
 * Run the faulty phase, heal, and settle.
 *
 * @example
 * sim.start();
 * const { settled, unsettled } = runPhases(sim, { faultEndMs: 5_000, settleBoundMs: 600_000, maxSteps: 1e6, busy: (out) => void 0 });
 */
export function runPhases(sim: Simulation, plan: PhasePlan): PhaseResult {
  const faulty = sim.runUntil({ untilMs: plan.faultEndMs, maxSteps: plan.maxSteps });
  let livelock = faulty === 'step-limit';
  sim.heal();
  const healedAtMs = sim.now;
  const scratch: string[] = [];
  // The cheap test first (nothing is quiet while messages are in flight), then the first busy reason only.
  const quiet = (): boolean => {
    if (sim.network.inFlight > 0) return false;
    scratch.length = 0;
    plan.busy(scratch, 1);
    return scratch.length === 0;
  };
  let settleStop: StopReason = 'step-limit';
  if (!livelock) {
    settleStop = sim.runUntil({ untilMs: healedAtMs + plan.settleBoundMs, maxSteps: plan.maxSteps - sim.steps, stopWhen: quiet });
    if (settleStop !== 'condition' && quiet()) settleStop = 'condition';
    if (settleStop === 'step-limit') livelock = true;
  }
  const settled = settleStop === 'condition';
  const unsettled = settled ? [] : livelock ? [`livelock: the step limit of ${plan.maxSteps} was reached`, ...busyReasons(sim, plan.busy)] : busyReasons(sim, plan.busy);
  return { healedAtMs, settleStop, settled, livelock, unsettled };
}
