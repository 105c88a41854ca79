// The scenario file format: one zod 4 schema (strict objects, so an unknown or misspelt field is an error, never
// silently ignored) and the types derived from it. A scenario is data: the config overrides, the orders, the
// scripted and random faults and the expected outcome of one run. Semantic checks that need more than one field
// (unique order ids, node names, order references) live in load.ts; the mapping to a RunSpec in toRunSpec.ts.
// scenario.schema.json is generated from `scenarioSchema` (see jsonSchema.ts) and documented in docs/scenarios.md.
import { z } from 'zod';
import type { ModelConfig } from '../model/config.ts';

/** Wire messages a scripted message fault can match (the model's message types). */
export const MESSAGE_TYPES = [
  'prepare',
  'prepareAck',
  'commit',
  'rollback',
  'check',
  'checkReply',
  'deliver',
  'consumeAck',
  'register',
  'alert',
  'redrive',
  'resume',
] as const;

/** Answers of the local transaction and of check-backs (RocketMQ LocalTransactionState, plus an exception). */
export const LOCAL_TX_ANSWERS = ['commit', 'rollback', 'unknown', 'throw'] as const;
export const MAIN_STATES = ['committed', 'rolled_back', 'pending'] as const;
export const MESSAGE_STATES = ['consumed', 'dlq', 'parked', 'rolled_back', 'filtered', 'pending'] as const;
export const ALERT_KINDS = ['dlq', 'check-max'] as const;

/** An integer in [min, max] whose every error reads `must be <what>`. */
function int(min: number, max = Number.MAX_SAFE_INTEGER, what?: string) {
  const error = `must be ${what ?? (max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`)}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** A duration or point in simulated time: whole milliseconds, >= min. */
const ms = (min = 0) => int(min, Number.MAX_SAFE_INTEGER, min === 0 ? 'a whole number of milliseconds >= 0' : `a whole number of milliseconds >= ${min}`);
const perMille = () => int(0, 1000, 'a per-mille rate, an integer from 0 to 1000');
const bool = () => z.boolean({ error: 'must be true or false' });
const text = (what: string, max = 200) => z.string({ error: `must be ${what}` }).min(1, { error: `must be ${what}` }).max(max, { error: `must be ${what} (at most ${max} characters)` });

/** Order ids: short names without spaces (they appear in trace columns and replay lines). */
const ORDER_ID = /^[A-Za-z0-9_.:-]{1,32}$/;
const orderId = () =>
  z.string({ error: 'must be an order id (a string)' }).regex(ORDER_ID, { error: 'must be 1-32 letters, digits or _ . : - (no spaces)' });
const nodeName = () => text('a node name such as "broker-1" or "consumer-2"', 64);

const NO_OPERATOR = 'a whole number of milliseconds >= 0, or null for no operator';
const PER_REQUEST = 'a whole number of milliseconds >= 1, or null (off, RocketMQ\'s default)';
const MAX_RECONSUME = 'an integer from 0 to 100, or -1 (RocketMQ\'s default, meaning 16)';
/** DefaultMQPushConsumer maxReconsumeTimes: -1 (meaning 16 for a concurrent listener) or 0-100. */
const maxReconsumeTimes = () => int(-1, 100, MAX_RECONSUME);
const FAILURES = 'an integer from 0 to 1000 or "always"';
const failures = () => z.union([int(0, 1000, FAILURES), z.literal('always')], { error: `must be ${FAILURES}` });

/** Settings of one consumer group, keyed by the group's name in config.groups. */
export const groupSettingsSchema = z
  .strictObject({
    subscription: text('a subscription expression such as "*" or "TagA || TagC"', 200)
      .optional()
      .describe("The group's subscription expression, for every instance (target-fund: consumerSubscriptions[i] overrides it per instance)."),
    maxReconsumeTimes: maxReconsumeTimes()
      .optional()
      .describe("The group's DefaultMQPushConsumer maxReconsumeTimes (-1 = 16): failures before its own %DLQ%<group>. Default: config.maxReconsumeTimes."),
    failures: failures().optional().describe("The group's listener fails this many first attempts of every message, or \"always\" (default 0)."),
  })
  .describe('One consumer group: target-fund or a tag-matrix subscriber (ops, customer-service, orchestration, compliance, data-center).');

/** Every ModelConfig field, optional: a scenario overrides the defaults of model/config.ts by their exact names. */
export const configSchema = z
  .strictObject({
    producers: int(1, 32).describe('Instances in the producer group (the business system); they share one order/ledger database.'),
    brokers: int(1, 8).describe('Brokers; each runs the transaction center for its half messages.'),
    consumers: int(1, 32).describe('Instances of the target-fund consumer group (the secondary transaction).'),
    queuesPerTopic: int(1, 64).describe('Queues of the business topic on each broker (RocketMQ defaultTopicQueueNums = 4).'),
    tagSubscribers: bool().describe('Run the tag-matrix subscribers (ops, customer-service, orchestration, compliance, data-center).'),
    consumerSubscriptions: z
      .array(text('a subscription expression such as "*" or "TagA || TagC"', 200), { error: 'must be an array of subscription expressions' })
      .max(32, { error: 'must have at most 32 entries (one per consumer)' })
      .describe('Subscription expression per target-fund consumer instance (default "*").'),
    // DefaultMQProducerImpl.sendDefaultImpl: `if (timeout < costTime) { callTimeout = true; break; }`: one budget for all attempts.
    sendMsgTimeoutMs: ms(1).describe('Producer sendMsgTimeout: one budget for every attempt of the half send (a lost SEND_OK spends it).'),
    retryTimesWhenSendFailed: int(0, 16).describe('Producer retryTimesWhenSendFailed: extra attempts of the half send, within the sendMsgTimeout budget.'),
    // DefaultMQProducer.sendMsgMaxTimeoutPerRequest (RocketMQ 5.3.3, -1 = off): caps each attempt of sendDefaultImpl.
    sendMsgMaxTimeoutPerRequestMs: z
      .union([int(1, Number.MAX_SAFE_INTEGER, PER_REQUEST), z.null()], { error: `must be ${PER_REQUEST}` })
      .describe('Producer sendMsgMaxTimeoutPerRequest (5.3.3, off by default): each attempt waits at most this long within the sendMsgTimeout budget; null: off.'),
    uniqueTxId: bool().describe('One transaction id per order kept across retries (UNIQ_KEY); false gives each attempt a fresh id.'),
    localTxMs: ms().describe('Default duration of the main (local) transaction.'),
    checkAnswerWhenMissing: z
      .enum(['unknown', 'rollback'], { error: 'must be "unknown" or "rollback"' })
      .describe('Answer to a check-back for a transaction with no local record.'),
    transactionCenter: z
      .enum(['faithful', 'idealized'], { error: 'must be "faithful" or "idealized"' })
      .describe('"faithful": RocketMQ, no per-transaction state; "idealized": remembers each resolution (a txsim departure).'),
    transactionTimeoutMs: ms().describe('BrokerConfig transactionTimeOut: minimum age of a half message before its first check.'),
    checkIntervalMs: ms(1).describe('BrokerConfig transactionCheckInterval: period of the check service.'),
    checkMax: int(0, 100).describe('BrokerConfig transactionCheckMax: checks before a half message is parked (0 still gives one check).'),
    // BrokerConfig.transactionOpBatchInterval (3000); TransactionalOpBatchService writes the buffered op records.
    transactionOpBatchIntervalMs: ms().describe('BrokerConfig transactionOpBatchInterval (3000): op records are written in batches at most this late (0: at once).'),
    // BrokerConfig.transactionOpMsgMaxSize (4096); deletePrepareMessage wakes the batch early past it.
    transactionOpMsgMaxSize: int(1, 1_048_576).describe('BrokerConfig transactionOpMsgMaxSize (4096): a batch whose offsets exceed this many bytes is written at once.'),
    // ConsumerManager.CHANNEL_EXPIRED_TIMEOUT (120000): a silent consumer channel is dropped, and the group rebalances.
    consumerChannelExpiryMs: ms(1).describe('ConsumerManager CHANNEL_EXPIRED_TIMEOUT (120000): a machine-crashed consumer keeps its queues this long after its last heartbeat; a killed process loses them at once (rebalance).'),
    // ProducerManager.CHANNEL_EXPIRED_TIMEOUT (120000): scanNotActiveChannel drops a channel silent this long.
    producerChannelExpiryMs: ms(1).describe('ProducerManager CHANNEL_EXPIRED_TIMEOUT (120000): a machine-crashed producer stays registered this long after its last heartbeat; checks sent to it are lost.'),
    flush: z.enum(['sync', 'async'], { error: 'must be "sync" or "async"' }).describe('flushDiskType of the broker commit log.'),
    flushIntervalMs: ms(1).describe('MessageStoreConfig flushIntervalCommitLog (500): the async flush thread wakes this often.'),
    // MessageStoreConfig.flushCommitLogLeastPages (4); CommitLog.FlushRealTimeService flushes at a wake-up only with this many dirty pages.
    flushLeastPages: int(0, 1024).describe('MessageStoreConfig flushCommitLogLeastPages (4): a wake-up flushes only when this many 4 KB pages are dirty.'),
    // MessageStoreConfig.flushCommitLogThoroughInterval (10000); FlushRealTimeService then flushes with 0 least pages.
    flushThoroughIntervalMs: ms(1).describe('MessageStoreConfig flushCommitLogThoroughInterval (10000): a full flush this often, whatever is dirty.'),
    messageBytes: int(1, 4_194_304).describe('Commit-log bytes of one stored message (a txsim model size, default 512).'),
    // MessageStoreConfig.fileReservedTime (72 h); TransactionalMessageServiceImpl.needSkip discards older half messages.
    fileReservedTimeMs: ms(1).describe('MessageStoreConfig fileReservedTime in ms (72 h): an older half message is discarded without a check.'),
    delayLevelsMs: z
      .array(ms(1), { error: 'must be an array of delays in milliseconds' })
      .min(1, { error: 'must list at least one delay level' })
      .max(32, { error: 'must list at most 32 delay levels' })
      .describe('messageDelayLevel in milliseconds (RocketMQ: 1s 5s 10s 30s 1m ... 2h).'),
    firstRetryDelayLevel: int(1, 32).describe('Delay level (1-based) of the first consumer retry (RocketMQ: 3).'),
    maxReconsumeTimes: maxReconsumeTimes().describe('DefaultMQPushConsumer maxReconsumeTimes: retries before the DLQ; -1 (RocketMQ default) means 16.'),
    groups: z
      .record(text('a consumer group name', 64), groupSettingsSchema, { error: 'must be an object keyed by consumer group name, e.g. { "ops": { "maxReconsumeTimes": 3 } }' })
      .describe('Per consumer group settings by group name: subscription, maxReconsumeTimes, failures.'),
    idempotentConsumer: bool().describe('Consumers keep an idempotency record keyed by transaction id.'),
    consumeMs: ms().describe("Time the consumer's listener takes for one message."),
    // DefaultMQPushConsumer.consumeTimeout (15 min); ConsumeMessageConcurrentlyService.cleanExpireMsg sends the message back.
    consumeTimeoutMs: ms(1).describe('DefaultMQPushConsumer consumeTimeout (15 min): a listener running longer has its message sent back (level 3) while it still runs.'),
    persistOffsetIntervalMs: ms(1).describe('persistConsumerOffsetInterval: consumed offsets reach the broker this often.'),
    redeliverAfterMs: ms(1).describe('An unacknowledged delivery is delivered again after this long.'),
    dbReadMs: ms().describe("A user machine's db.read of the business database takes this long (default 2)."),
    dbWriteMs: ms().describe("A user machine's db.write of one key takes this long (default 5)."),
    dbTransactionMs: ms().describe("A user machine's db.transaction takes this long; its operations apply at once when it ends (default 10)."),
    operatorRedriveAfterMs: z
      .union([int(0, Number.MAX_SAFE_INTEGER, NO_OPERATOR), z.null()], { error: `must be ${NO_OPERATOR}` })
      .describe('An operator re-drives DLQ messages and resumes parked half messages this long after the alert; null: no operator.'),
    latencyMsMin: ms().describe('Lower bound of the one-way network latency.'),
    latencyMsMax: ms().describe('Upper bound of the one-way network latency (>= latencyMsMin).'),
  })
  .partial()
  .describe('Overrides of the model configuration (model/config.ts DEFAULT_CONFIG), by field name.');

/** One discounted-purchase order; omitted fields take model/runSpec.ts ORDER_DEFAULTS. */
export const orderSchema = z
  .strictObject({
    id: orderId().describe('Order id, unique in the scenario (e.g. "o1").'),
    at: ms().optional().describe('Simulated time the investor places the order (default 0).'),
    amount: z
      .number({ error: 'must be a positive number' })
      .positive({ error: 'must be a positive number' })
      .max(1e12, { error: 'must be a positive number up to 1e12' })
      .describe('Amount bought: wallet -> money-market fund (main), then money-market fund -> target fund (secondary).'),
    walletBalance: z
      .number({ error: 'must be a number >= 0' })
      .min(0, { error: 'must be a number >= 0' })
      .max(1e12, { error: 'must be a number >= 0 up to 1e12' })
      .optional()
      .describe('Wallet before the order (default 10000); the main transaction fails when it is short.'),
    tag: text('a message tag such as "TagC"', 64).optional().describe('Message tag; omitted sends an untagged message.'),
    localTx: z
      .enum(LOCAL_TX_ANSWERS, { error: 'must be one of "commit", "rollback", "unknown", "throw"' })
      .optional()
      .describe('What executeLocalTransaction does (default "commit").'),
    checkAnswers: z
      .array(z.enum(LOCAL_TX_ANSWERS, { error: 'must be one of "commit", "rollback", "unknown", "throw"' }), {
        error: 'must be an array of answers ("commit", "rollback", "unknown", "throw")',
      })
      .max(100, { error: 'must have at most 100 answers' })
      .optional()
      .describe('What successive check-backs answer before the durable record answers (default []).'),
    localTxMs: ms().optional().describe("Duration of this order's main transaction (default config.localTxMs)."),
    consumerFailures: failures()
      .optional()
      .describe('The target-fund listener fails this many first attempts, or "always" (a poison message); default 0.'),
    producer: int(0, 31).optional().describe('Index (0-based) of the producer instance the client calls first.'),
    // The CHECK_IMMUNITY_TIME_IN_SECONDS user property (MessageConst.PROPERTY_CHECK_IMMUNITY_TIME_IN_SECONDS).
    checkImmunitySeconds: int(0, 2_592_000, 'a whole number of seconds from 0 to 2592000')
      .optional()
      .describe('CHECK_IMMUNITY_TIME_IN_SECONDS on the half message: no check before this age (rounds still burn counts), and a late producer commit is rejected (604).'),
    delayLevels: z
      .record(
        text('a consumer group name', 64),
        z
          .array(int(-1, 1000, 'a delay level: 0 (the broker decides), a level >= 1, or -1 (straight to the DLQ)'), { error: 'must be an array of delay levels' })
          .max(1000, { error: 'must list at most 1000 levels' }),
        { error: 'must be an object keyed by consumer group name, e.g. { "target-fund": [5, -1] }' },
      )
      .optional()
      .describe("Per group, the delayLevelWhenNextConsume its listener sets on each failed attempt of this order (0: broker decides; -1: DLQ)."),
  })
  .describe('One discounted-purchase order.');

const messageFaultFields = {
  at: ms().describe('Simulated time the fault is armed; it hits the next matching messages sent from then on.'),
  message: z
    .enum(MESSAGE_TYPES, { error: `must be a message type: ${MESSAGE_TYPES.map((m) => `"${m}"`).join(', ')}` })
    .describe('Wire message type to match.'),
  order: orderId().optional().describe('Only messages of this order.'),
  from: nodeName().optional().describe('Only messages sent by this node.'),
  to: nodeName().optional().describe('Only messages sent to this node.'),
  count: int(1, 1000).optional().describe('How many matching messages are hit (default 1).'),
};

/** A scripted fault: one exact instruction, consuming no random draw. */
export const faultSchema = z
  .discriminatedUnion('type', [
    z
      .strictObject({ type: z.enum(['drop', 'duplicate']), ...messageFaultFields })
      .describe('Drop or duplicate the next matching messages.'),
    z
      .strictObject({
        type: z.literal('delay'),
        ...messageFaultFields,
        byMs: ms(1).describe('Extra delay; a delayed message may overtake later ones.'),
      })
      .describe('Delay the next matching messages.'),
    z
      .strictObject({
        type: z.literal('crash'),
        at: ms().describe('Simulated time of the crash.'),
        node: nodeName().describe('The node that crashes (see nodeNamesOf in model/world.ts).'),
        restartAfterMs: ms().optional().describe('Restart this long after the crash; omitted: down until the heal.'),
        kind: z
          .enum(['machine', 'process'], { error: 'must be "machine" or "process"' })
          .optional()
          .describe('"machine" (default) also loses unflushed async writes; "process" keeps them.'),
        onStep: z
          .strictObject({
            nth: int(1, 1000).describe('Which step: 1 = the first such step of the node at or after `at`.'),
            when: z
              .enum(['issued', 'done'], { error: 'must be "issued" (right after the request is issued: it is aborted) or "done" (right after it is applied, before the machine sees its result)' })
              .describe('"issued": right after the request goes out, so it is aborted; "done": right after it applied, before the machine takes its next step.'),
            afterMs: ms().optional().describe('Crash this long after that step instead of at it (default 0): with a slow database, while the request is still in flight.'),
          })
          .optional()
          .describe("Crash at a step of the node's user machine (docs/roles.md) instead of at `at`: its nth database request from `at` on, before the heal; never reached, no crash."),
      })
      .describe('A node crashes (at `at`, or at a step of its user machine with onStep).'),
    z
      .strictObject({
        type: z.literal('partition'),
        at: ms().describe('Simulated time the link is cut.'),
        between: z
          .tuple([nodeName(), nodeName()], { error: 'must be two node names, e.g. ["producer-1", "broker-1"]' })
          .describe('The two nodes that stop hearing each other, both ways.'),
        healAfterMs: ms().describe('The partition heals this long after it starts.'),
      })
      .describe('Two nodes are cut off from each other.'),
  ])
  .describe('A scripted fault.');

/** Random per-message fault rates for the faulty phase (everything off by default), drawn from the seed. */
export const randomFaultsSchema = z
  .strictObject({
    dropPerMille: perMille().describe('Any message is lost.'),
    lostResponsePerMille: perMille().describe('Only responses (acks) are lost.'),
    duplicatePerMille: perMille().describe('The message arrives twice.'),
    delayPerMille: perMille().describe('The message is held back by up to delayMsMax.'),
    delayMsMax: ms().describe('Largest extra delay of a delayed message.'),
    reorderPerMille: perMille().describe('The message may overtake earlier ones on its link.'),
  })
  .partial()
  .describe('Random fault rates applied until the heal (sim/faults.ts FaultOptions).');

/**
 * One expectation. Per order: any of main, message, targetPurchases, deliveries, checks (with `order`). Or a
 * property violation the scenario demonstrates (`violation`, optionally with `order`), an alert (`alert`), or
 * `noViolations: true`. Several fields in one entry are several expectations.
 */
export const expectationSchema = z
  .strictObject({
    order: orderId().optional().describe('The order the per-order fields (and violation or alert) refer to.'),
    main: z.enum(MAIN_STATES, { error: 'must be "committed", "rolled_back" or "pending"' }).optional().describe('Final state of the main transaction.'),
    message: z
      .enum(MESSAGE_STATES, { error: 'must be "consumed", "dlq", "parked", "rolled_back", "filtered" or "pending"' })
      .optional()
      .describe('Final state of the transactional message.'),
    targetPurchases: int(0, 1000).optional().describe('Times the target fund was bought (1 is right).'),
    deliveries: int(0, 100000).optional().describe('Deliveries to the target-fund listener.'),
    checks: int(0, 100000).optional().describe('Check-backs sent for the order.'),
    violation: z
      .string({ error: 'must be a property name such as "no-double-purchase"' })
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must be a kebab-case property name such as "no-double-purchase"' })
      .optional()
      .describe('The run violates this property (for the order, when given): a design limit the scenario shows.'),
    alert: z.enum(ALERT_KINDS, { error: 'must be "dlq" or "check-max"' }).optional().describe('An alert of this kind is raised (for the order, when given).'),
    noViolations: z.literal(true, { error: 'must be true (omit the field otherwise)' }).optional().describe('No property is violated.'),
  })
  .describe('An expected outcome.');

/** A scenario file. */
export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of scenario.schema.json, for editors; ignored.'),
    name: text('a scenario name such as "lost-rollback"', 80).describe('Scenario name (kebab-case by convention).'),
    title: text('a one-sentence title', 300).optional().describe('One sentence: what happens.'),
    lesson: text('a paragraph', 4000).optional().describe('A paragraph: why it matters.'),
    description: text('a description', 4000).optional().describe('Free-form notes.'),
    seed: int(0, Number.MAX_SAFE_INTEGER, 'a non-negative integer up to 2^53 - 1 (9007199254740991)').optional().describe('Simulator seed (default 1); `txsim run --seed` overrides it.'),
    config: configSchema.optional(),
    orders: z
      .array(orderSchema, { error: 'must be an array of orders' })
      .min(1, { error: 'must list at least one order, e.g. [{ "id": "o1", "amount": 100 }]' })
      .max(1000, { error: 'must list at most 1000 orders' })
      .describe('The workload (non-empty, unique ids).'),
    faults: z.array(faultSchema, { error: 'must be an array of faults' }).max(1000, { error: 'must list at most 1000 faults' }).optional().describe('The fault script.'),
    randomFaults: randomFaultsSchema.optional(),
    faultWindowMs: ms().optional().describe('End of the faulty phase (default: after the last scripted fault and the last order).'),
    settleBoundMs: ms(1).optional().describe('Simulated time allowed after the heal for every order to finish (default from the config).'),
    expect: z.array(expectationSchema, { error: 'must be an array of expectations' }).max(1000).optional().describe('Expected outcome.'),
  })
  .describe('A txsim scenario: one deterministic run of the discounted-purchase flow and its expected outcome.');

export type ConfigOverrides = z.infer<typeof configSchema>;
export type ScenarioOrder = z.infer<typeof orderSchema>;
export type ScenarioFault = z.infer<typeof faultSchema>;
export type RandomFaults = z.infer<typeof randomFaultsSchema>;
export type Expectation = z.infer<typeof expectationSchema>;
/** A validated scenario file. */
export type Scenario = z.infer<typeof scenarioSchema>;

/** A registered scenario: a kebab-case name, a one-sentence title, a paragraph on its lesson, and the file itself. */
export interface NamedScenario {
  name: string;
  title: string;
  lesson: string;
  scenario: Scenario;
}

// Compile-time guards: the schema covers exactly ModelConfig's fields, with compatible types.
type MissingConfigFields = Exclude<keyof ModelConfig, keyof ConfigOverrides>;
type ExtraConfigFields = Exclude<keyof ConfigOverrides, keyof ModelConfig>;
const _configCoversModel: [MissingConfigFields, ExtraConfigFields] extends [never, never] ? true : [MissingConfigFields, ExtraConfigFields] = true;
const _configAssignable = (c: ConfigOverrides): Partial<ModelConfig> => c;
void _configCoversModel;
void _configAssignable;

/**
 * Declare a named scenario: the registry entry and its scenario file object, which gets the same name, title and
 * lesson. A named scenario is one file in scenarios/named/ plus one line in scenarios/index.ts.
 *
 * @example
 * export const lostRollback = defineScenario({
 *   name: 'lost-rollback',
 *   title: 'The rollback is lost; the check-back finds the failed main transaction and rolls back.',
 *   lesson: 'Why the transaction center asks the producer group ...',
 *   scenario: { seed: 21, orders: [{ id: 'o1', amount: 800, walletBalance: 300 }], expect: [{ order: 'o1', main: 'rolled_back' }] },
 * });
 */
export function defineScenario(def: {
  name: string;
  title: string;
  lesson: string;
  scenario: Omit<Scenario, 'name' | 'title' | 'lesson'>;
}): NamedScenario {
  const { name, title, lesson } = def;
  return { name, title, lesson, scenario: { name, title, lesson, ...def.scenario } };
}
