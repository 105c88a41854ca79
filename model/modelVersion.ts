// The version of the model's behaviour: bump it in any change that alters a trace hash for the same RunSpec (a
// machine's event order, a random draw, a fork's name). Replay files record it, so a file recorded by an earlier
// model gets a clear message instead of a silent divergence.

/** The model behaviour version that replay files record and `txsim replay` checks. */
// 2: the simulator's random forks moved under `sim/` (issue 12), apart from the profiles' `faults`.
// 3: fidelity round 2 (issue 13): shared send budget, registered producer channels, batched op records, dirty-page
//    flush, check limits and immunity, push-consumer answers and offset ticks, per-group retries.
// 4: lifecycle states (issue 12) kept every hash; a crashed owner's acked offsets are no longer persisted when every
//    instance of its group is down (the allocation's fallback to all instances counted the dead owner as live).
export const MODEL_VERSION = 4;
