// The version of the model's behaviour: bump it in any change that alters a trace hash for the same RunSpec (a
// machine's event order, a random draw, a fork's name). Replay files record it, so a file recorded by an earlier
// model gets a clear message instead of a silent divergence.

/** The model behaviour version that replay files record and `txsim replay` checks. */
export const MODEL_VERSION = 2;
