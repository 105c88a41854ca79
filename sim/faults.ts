// Faults are data. FaultOptions are per-message probabilities (all off by default), drawn from the `faults`
// fork of the seed; a ScriptedFault is an exact instruction (at time T, drop the next commit of o1) that
// consumes no random draw, so a scripted run stays the same run when random faults are switched on elsewhere.

/** Per-message fault probabilities in per-mille, applied by the network while the faulty phase lasts. */
export interface FaultOptions {
  /** Any message is lost. */
  dropPerMille: number;
  /** Only responses (acks) are lost: the request arrived, the sender never learns it ("lost acknowledgement"). */
  lostResponsePerMille: number;
  /** The message arrives twice. */
  duplicatePerMille: number;
  /** The message is held back by up to delayMsMax extra milliseconds (and may overtake others). */
  delayPerMille: number;
  delayMsMax: number;
  /** The message may overtake earlier messages on its link (no FIFO for it). */
  reorderPerMille: number;
}

/** Everything off: the network is reliable and FIFO per link. */
export const NO_FAULTS: Readonly<FaultOptions> = Object.freeze({
  dropPerMille: 0,
  lostResponsePerMille: 0,
  duplicatePerMille: 0,
  delayPerMille: 0,
  delayMsMax: 0,
  reorderPerMille: 0,
});

/** At `at`, the next `count` (default 1) messages of type `message` (optionally for one order or link) are hit. */
export interface MessageFault {
  at: number;
  type: 'drop' | 'duplicate' | 'delay';
  message: string;
  order?: string;
  from?: string;
  to?: string;
  count?: number;
  /** Extra delay for `delay` faults. */
  byMs?: number;
}

/**
 * Which step of a node's hosted program a step signal reports (NodeHost.step): a request it `issued`, or a request
 * `done` (its result applied, before the program takes its next step).
 */
export type StepWhen = 'issued' | 'done';

/** A crash at a step instead of a time: the node's nth `when` step counted from the fault's `at` on. */
export interface StepTrigger {
  /** 1 = the first such step at or after `at`. */
  nth: number;
  when: StepWhen;
  /** Crash this long after that step instead of at it (while a slow request is still in flight, say). */
  afterMs?: number;
}

/**
 * At `at`, the node goes down: its actor, timers and volatile state are gone. A `machine` crash (the default)
 * also loses a store's unflushed writes under async flush; a `process` crash keeps them (page cache survives).
 * Without restartAfterMs the node stays down until heal(). With `onStep`, `at` only arms it: the node crashes right
 * at its nth step of that kind (counted from `at` on, before the heal); a trigger that never fires does nothing.
 */
export interface CrashFault {
  at: number;
  type: 'crash';
  node: string;
  restartAfterMs?: number;
  kind?: 'machine' | 'process';
  onStep?: StepTrigger;
}

/** At `at`, the two nodes stop hearing each other, both ways, until healAfterMs later (or heal()). */
export interface PartitionFault {
  at: number;
  type: 'partition';
  between: [string, string];
  healAfterMs?: number;
}

export type ScriptedFault = MessageFault | CrashFault | PartitionFault;

/** The whole fault plan of a run: random options plus an exact script. */
export interface FaultPlan {
  options: FaultOptions;
  script: ScriptedFault[];
}

export function isMessageFault(fault: ScriptedFault): fault is MessageFault {
  return fault.type === 'drop' || fault.type === 'duplicate' || fault.type === 'delay';
}

/** The time the last scripted fault has fully played out (a crash's restart, a partition's heal). */
export function scriptEndMs(script: readonly ScriptedFault[]): number {
  let end = 0;
  for (const fault of script) {
    let t = fault.at;
    if (fault.type === 'crash') t += fault.restartAfterMs ?? 0;
    else if (fault.type === 'partition') t += fault.healAfterMs ?? 0;
    else if (fault.type === 'delay') t += fault.byMs ?? 0;
    if (t > end) end = t;
  }
  return end;
}
