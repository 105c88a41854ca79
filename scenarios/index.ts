// The named-scenario registry: kebab-case name -> { name, title, lesson, scenario }. The command (`txsim
// scenarios`, `txsim run NAME`), the docs and the tests read only this map. Adding a scenario: one file in
// scenarios/named/ exporting defineScenario({...}), plus its import and one line below.
import type { NamedScenario } from './format.ts';
import { happyPath } from './named/happyPath.ts';
import { lostCommit } from './named/lostCommit.ts';
import { producerCrashAfterLocalCommit } from './named/producerCrashAfterLocalCommit.ts';
import { mainTxFails } from './named/mainTxFails.ts';
import { unknownThenCommit } from './named/unknownThenCommit.ts';
import { unknownThenRollback } from './named/unknownThenRollback.ts';
import { checkMaxExhausted } from './named/checkMaxExhausted.ts';
import { consumerRetryThenSuccess } from './named/consumerRetryThenSuccess.ts';
import { poisonMessageToDlq } from './named/poisonMessageToDlq.ts';
import { duplicateDeliveryIdempotent } from './named/duplicateDeliveryIdempotent.ts';
import { duplicateCommit } from './named/duplicateCommit.ts';
import { noUniqueTxId } from './named/noUniqueTxId.ts';
import { tagRouting } from './named/tagRouting.ts';
import { mixedSubscriptionsInGroup } from './named/mixedSubscriptionsInGroup.ts';
import { brokerCrashAsyncFlush } from './named/brokerCrashAsyncFlush.ts';
import { checkAnsweredByOtherProducer } from './named/checkAnsweredByOtherProducer.ts';

/** Every named scenario, in the order `txsim scenarios` lists them. */
export const SCENARIOS: Readonly<Record<string, NamedScenario>> = Object.freeze({
  'happy-path': happyPath,
  'lost-commit': lostCommit,
  'producer-crash-after-local-commit': producerCrashAfterLocalCommit,
  'main-tx-fails': mainTxFails,
  'unknown-then-commit': unknownThenCommit,
  'unknown-then-rollback': unknownThenRollback,
  'check-max-exhausted': checkMaxExhausted,
  'consumer-retry-then-success': consumerRetryThenSuccess,
  'poison-message-to-dlq': poisonMessageToDlq,
  'duplicate-delivery-idempotent': duplicateDeliveryIdempotent,
  'duplicate-commit': duplicateCommit,
  'no-unique-tx-id': noUniqueTxId,
  'tag-routing': tagRouting,
  'mixed-subscriptions-in-group': mixedSubscriptionsInGroup,
  'broker-crash-async-flush': brokerCrashAsyncFlush,
  'check-answered-by-other-producer': checkAnsweredByOtherProducer,
});

/** The registered names, in registry order. */
export function scenarioNames(): string[] {
  return Object.keys(SCENARIOS);
}

/** The named scenario, or undefined for an unknown name. */
export function findScenario(name: string): NamedScenario | undefined {
  return Object.hasOwn(SCENARIOS, name) ? SCENARIOS[name] : undefined;
}
