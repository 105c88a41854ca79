// Which faults an arbitrary may draw: `design` stays within what the design claims to survive (its
// counterexamples are bugs), `beyond` adds what the `harsh` profile does (machine crashes under async flush,
// idempotency off, fresh ids per attempt, rollback for unknown transactions, no operator, long outages).

/** The fault envelope of an arbitrary. */
export type Envelope = 'design' | 'beyond';
