// The mutant registry: deliberately broken variants of the model, by kebab-case name. Each replaces one named
// action, guard or child actor through XState's `.provide()`; the `default` profile must catch every one
// (test/properties/mutants.test.ts), which is how we know the checkers and the profile have teeth.
import type { Mutant } from '../types.ts';
import { checkBackSkipped } from './checkBackSkipped.ts';
import { checkAnswerCommitWhenUnknown } from './checkAnswerCommitWhenUnknown.ts';
import { checkAnswerFromMemory } from './checkAnswerFromMemory.ts';
import { checkMarkedDoneWhenSent } from './checkMarkedDoneWhenSent.ts';
import { checkRoundsNotRearmedAfterRestart } from './checkRoundsNotRearmedAfterRestart.ts';
import { dedupByMessageOffset } from './dedupByMessageOffset.ts';
import { endTransactionToFirstBroker } from './endTransactionToFirstBroker.ts';
import { fireAndForgetOffsetCommit } from './fireAndForgetOffsetCommit.ts';
import { freshTxIdPerSendAttempt } from './freshTxIdPerSendAttempt.ts';
import { halfStoredWriteBehind } from './halfStoredWriteBehind.ts';
import { idealizedResolutionPerOffset } from './idealizedResolutionPerOffset.ts';
import { redeliveryCountedAsFailure } from './redeliveryCountedAsFailure.ts';
import { retriesNotDurable } from './retriesNotDurable.ts';
import { txRecordWriteBehind } from './txRecordWriteBehind.ts';
import { commitBeforeLocalTx } from './commitBeforeLocalTx.ts';
import { consumerNotIdempotent } from './consumerNotIdempotent.ts';
import { dlqSkipped } from './dlqSkipped.ts';
import { halfVisibleBeforeCommit } from './halfVisibleBeforeCommit.ts';
import { offsetCommittedBeforeProcessing } from './offsetCommittedBeforeProcessing.ts';
import { retryCounterOffByOne } from './retryCounterOffByOne.ts';
import { rollbackDelivered } from './rollbackDelivered.ts';

/** Every mutant, by name. */
export const MUTANTS: Readonly<Record<string, Mutant>> = Object.freeze(
  Object.fromEntries(
    [
      consumerNotIdempotent,
      halfVisibleBeforeCommit,
      checkBackSkipped,
      commitBeforeLocalTx,
      offsetCommittedBeforeProcessing,
      dlqSkipped,
      retryCounterOffByOne,
      rollbackDelivered,
      checkAnswerFromMemory,
      checkAnswerCommitWhenUnknown,
      checkMarkedDoneWhenSent,
      checkRoundsNotRearmedAfterRestart,
      dedupByMessageOffset,
      freshTxIdPerSendAttempt,
      retriesNotDurable,
      fireAndForgetOffsetCommit,
      endTransactionToFirstBroker,
      txRecordWriteBehind,
      redeliveryCountedAsFailure,
      idealizedResolutionPerOffset,
      halfStoredWriteBehind,
    ].map((m) => [m.name, m]),
  ),
);
