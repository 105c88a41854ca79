// fast-check arbitrary of model configs within RocketMQ's ranges (rocketmq-semantics.md section 0): the
// topology, check and retry limits, flush mode and timings. Integers shrink toward their minimum, so a shrunk
// counterexample has one producer, one broker, one consumer, one check and no retry where the bug allows.
import fc from 'fast-check';
import { makeConfig, type ModelConfig } from '../../model/config.ts';
import type { Envelope } from './envelope.ts';

/**
 * Configs within RocketMQ's ranges; `design` keeps unique ids, idempotent consumers, `unknown` answers for
 * missing records and an operator, `beyond` may switch each off.
 *
 * @example
 * fc.sample(configArb('design'), 1)[0].checkMax; // 1..15
 */
export function configArb(envelope: Envelope = 'design'): fc.Arbitrary<ModelConfig> {
  const beyond = envelope === 'beyond';
  return fc
    .record({
      producers: fc.integer({ min: 1, max: 3 }),
      brokers: fc.integer({ min: 1, max: 2 }),
      consumers: fc.integer({ min: 1, max: 3 }),
      queuesPerTopic: fc.integer({ min: 1, max: 8 }),
      tagSubscribers: fc.boolean(),
      flush: fc.constantFrom<ModelConfig['flush']>('sync', 'async'),
      transactionCenter: fc.constantFrom<ModelConfig['transactionCenter']>('faithful', 'idealized'),
      // BrokerConfig transactionTimeOut / transactionCheckInterval / transactionCheckMax.
      transactionTimeoutMs: fc.integer({ min: 1_000, max: 10_000 }),
      checkIntervalMs: fc.integer({ min: 5_000, max: 60_000 }),
      checkMax: fc.integer({ min: 1, max: 15 }),
      // DefaultMQProducer retryTimesWhenSendFailed; DefaultMQPushConsumer maxReconsumeTimes (concurrent: <= 16).
      retryTimesWhenSendFailed: fc.integer({ min: 0, max: 3 }),
      maxReconsumeTimes: fc.integer({ min: 0, max: 16 }),
      consumeMs: fc.integer({ min: 1, max: 1_000 }),
      // ClientConfig persistConsumerOffsetInterval; the pull timeout.
      persistOffsetIntervalMs: fc.integer({ min: 1_000, max: 10_000 }),
      redeliverAfterMs: fc.integer({ min: 10_000, max: 60_000 }),
      latencyMsMax: fc.integer({ min: 1, max: 50 }),
      operatorRedriveAfterMs: beyond
        ? fc.option(fc.integer({ min: 1, max: 600 }).map((s) => s * 1_000), { nil: null })
        : fc.integer({ min: 1, max: 600 }).map((s) => s * 1_000),
      idempotentConsumer: beyond ? fc.boolean() : fc.constant(true),
      uniqueTxId: beyond ? fc.boolean() : fc.constant(true),
      checkAnswerWhenMissing: beyond ? fc.constantFrom<ModelConfig['checkAnswerWhenMissing']>('unknown', 'rollback') : fc.constant('unknown' as const),
    })
    .map((overrides) => makeConfig(overrides));
}
