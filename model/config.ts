// The model's configuration: one typed object, every field with RocketMQ's default and where that default
// lives (see ../shared/rocketmq-semantics.md and docs/model.md). Scenario files and CLI flags override fields by
// these exact names; the scenario schema (scenarios/format.ts) names the field and the fix for every bad value.

/** Which transaction center to run. */
export type TransactionCenterMode =
  /** As RocketMQ: no per-transaction state, so duplicate or late END_TRANSACTIONs can commit twice. */
  | 'faithful'
  /** A txsim departure: remembers each transaction's resolution and ignores duplicates and late conflicts. */
  | 'idealized';

/** What a producer instance answers to a check-back for a transaction it has no record of. */
export type MissingRecordAnswer = 'unknown' | 'rollback';

/** Settings of one consumer group (by name: `target-fund` or a tag-matrix subscriber such as `ops`). */
export interface GroupSettings {
  /** The group's subscription expression (every instance); for target-fund, consumerSubscriptions[i] overrides it per instance. */
  subscription?: string;
  /** The group's DefaultMQPushConsumer `maxReconsumeTimes` (-1 = 16), sent with each send-back; default: the config's. */
  maxReconsumeTimes?: number;
  /** The group's listener fails this many first attempts of every message, or `always`. */
  failures?: number | 'always';
}

export interface ModelConfig {
  /** Instances in the producer group (the business system); they share one durable order/ledger database. */
  producers: number;
  /** Brokers; each runs a transaction center for the half messages sent to it. */
  brokers: number;
  /** Instances in the target-fund consumer group (the secondary transaction). */
  consumers: number;
  /** Queues of the business topic on each broker (RocketMQ `defaultTopicQueueNums` = 4). */
  queuesPerTopic: number;
  /** Run the seed's tag matrix subscribers: ops TagA, customer-service TagB, orchestration TagC, compliance TagA || TagC, data-center *. */
  tagSubscribers: boolean;
  /** Subscription expression per target-fund consumer instance (default `*` for all); differing ones show RocketMQ's mixed-subscription loss. */
  consumerSubscriptions: string[];

  /** Producer `sendMsgTimeout` (DefaultMQProducer): one budget shared by every attempt of the half send. */
  sendMsgTimeoutMs: number;
  /** Producer `retryTimesWhenSendFailed` (DefaultMQProducer): extra attempts of the half send, within the sendMsgTimeout budget. */
  retryTimesWhenSendFailed: number;
  /** Producer `sendMsgMaxTimeoutPerRequest` (RocketMQ 5.3.3, off by default): each attempt waits at most this long, so a lost SEND_OK leaves budget for a retry; null: off. */
  sendMsgMaxTimeoutPerRequestMs: number | null;
  /** A unique transaction id per order, kept across retries (RocketMQ UNIQ_KEY). Off: each send attempt has a fresh id (seed 6.2). */
  uniqueTxId: boolean;
  /** Default duration of the main (local) transaction. */
  localTxMs: number;
  /** Answer to a check for a transaction with no local record (txsim choice; `rollback` is the racy shortcut of apache/rocketmq#2694). */
  checkAnswerWhenMissing: MissingRecordAnswer;

  transactionCenter: TransactionCenterMode;
  /** BrokerConfig `transactionTimeOut`: minimum age of a half message before its first check. */
  transactionTimeoutMs: number;
  /** BrokerConfig `transactionCheckInterval` (30 s since 5.1.1): period of the check service's rounds. */
  checkIntervalMs: number;
  /** BrokerConfig `transactionCheckMax`: checks before a half message is parked in TRANS_CHECK_MAX_TIME_TOPIC. */
  checkMax: number;
  /** ConsumerManager `CHANNEL_EXPIRED_TIMEOUT` (120 s): a machine-crashed consumer keeps its queues this long after its last heartbeat, then a rebalance moves them. */
  consumerChannelExpiryMs: number;
  /** BrokerConfig `transactionOpBatchInterval` (3 s): op records are written in batches at most this late; 0: at once (a txsim option). */
  transactionOpBatchIntervalMs: number;
  /** BrokerConfig `transactionOpMsgMaxSize` (4096): a batch is written at once when its offsets ("off1,off2,...") exceed this many bytes. */
  transactionOpMsgMaxSize: number;
  /** ProducerManager `CHANNEL_EXPIRED_TIMEOUT` (120 s): a machine-crashed producer's channel stays registered this long after its last heartbeat. */
  producerChannelExpiryMs: number;

  /** MessageStoreConfig `flushDiskType`: ASYNC_FLUSH by default. */
  flush: 'sync' | 'async';
  /** MessageStoreConfig `flushIntervalCommitLog`: the async flush thread wakes this often (500 ms). */
  flushIntervalMs: number;
  /** MessageStoreConfig `flushCommitLogLeastPages` (4): a wake-up flushes only when this many 4 KB pages are dirty. */
  flushLeastPages: number;
  /** MessageStoreConfig `flushCommitLogThoroughInterval` (10 s): a full flush, whatever is dirty, this often. */
  flushThoroughIntervalMs: number;
  /** Commit-log bytes of one stored message (half, committed, retry, DLQ or op message): a txsim model size. */
  messageBytes: number;
  /** MessageStoreConfig `fileReservedTime` (72 h): a half message born longer ago is discarded unchecked (TransactionalMessageServiceImpl.needSkip). */
  fileReservedTimeMs: number;
  /** MessageStoreConfig `messageDelayLevel` in ms: 1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h. */
  delayLevelsMs: number[];
  /** Delay level of the first retry (broker: 3 + reconsumeTimes). */
  firstRetryDelayLevel: number;

  /** DefaultMQPushConsumer `maxReconsumeTimes`; -1 (RocketMQ's default) means 16 for concurrent listeners. */
  maxReconsumeTimes: number;
  /** Per consumer group settings (subscription, maxReconsumeTimes, failures), by group name; default none. */
  groups: Record<string, GroupSettings>;
  /** Consumers keep an idempotency record keyed by transaction id (seed section 5). Off shows why it is needed. */
  idempotentConsumer: boolean;
  /** Time a consumer's listener takes for one message. */
  consumeMs: number;
  /** DefaultMQPushConsumer `consumeTimeout` (15 min): a listener still running this long has its message sent back (delay level 3) meanwhile. */
  consumeTimeoutMs: number;
  /** ClientConfig `persistConsumerOffsetInterval`: consumed offsets reach the broker this often. */
  persistOffsetIntervalMs: number;
  /** An unacknowledged delivery is delivered again after this long (the pull timeout, 30 s). */
  redeliverAfterMs: number;

  /** A user machine's `db.read` of the business database takes this long (simulated; see docs/model.md "User machines"). */
  dbReadMs: number;
  /** A user machine's `db.write` (one key, outside a transaction) takes this long. */
  dbWriteMs: number;
  /** A user machine's `db.transaction` takes this long; its operations apply at once when it ends. */
  dbTransactionMs: number;

  /** An operator re-drives DLQ messages and resumes parked half messages this long after the alert; null: no operator. */
  operatorRedriveAfterMs: number | null;

  /** One-way network latency bounds (drawn per message from the `network` fork). */
  latencyMsMin: number;
  latencyMsMax: number;
}

/** RocketMQ's delay levels (MessageStoreConfig.messageDelayLevel). */
export const ROCKETMQ_DELAY_LEVELS_MS: readonly number[] = Object.freeze([
  1_000, 5_000, 10_000, 30_000, 60_000, 120_000, 180_000, 240_000, 300_000, 360_000, 420_000, 480_000, 540_000,
  600_000, 1_200_000, 1_800_000, 3_600_000, 7_200_000,
]);

/** The defaults: RocketMQ 5.x's where RocketMQ has one. */
export const DEFAULT_CONFIG: Readonly<ModelConfig> = Object.freeze({
  producers: 2,
  brokers: 1,
  consumers: 2,
  queuesPerTopic: 4,
  tagSubscribers: true,
  consumerSubscriptions: [],
  sendMsgTimeoutMs: 3_000,
  retryTimesWhenSendFailed: 2,
  sendMsgMaxTimeoutPerRequestMs: null,
  uniqueTxId: true,
  localTxMs: 20,
  checkAnswerWhenMissing: 'unknown',
  transactionCenter: 'faithful',
  transactionTimeoutMs: 6_000,
  checkIntervalMs: 30_000,
  checkMax: 15,
  producerChannelExpiryMs: 120_000,
  consumerChannelExpiryMs: 120_000,
  transactionOpBatchIntervalMs: 3_000,
  transactionOpMsgMaxSize: 4_096,
  flush: 'async',
  flushIntervalMs: 500,
  flushLeastPages: 4,
  flushThoroughIntervalMs: 10_000,
  messageBytes: 512,
  fileReservedTimeMs: 72 * 3_600_000,
  delayLevelsMs: [...ROCKETMQ_DELAY_LEVELS_MS],
  firstRetryDelayLevel: 3,
  maxReconsumeTimes: 16,
  groups: {},
  idempotentConsumer: true,
  consumeMs: 5,
  consumeTimeoutMs: 15 * 60_000,
  persistOffsetIntervalMs: 5_000,
  redeliverAfterMs: 30_000,
  dbReadMs: 2,
  dbWriteMs: 5,
  dbTransactionMs: 10,
  operatorRedriveAfterMs: null,
  latencyMsMin: 1,
  latencyMsMax: 5,
} satisfies ModelConfig);

/**
 * The config with overrides applied (no validation: scenarios/format.ts validates user input). RocketMQ's
 * `maxReconsumeTimes: -1` becomes 16, what it means for a concurrent listener (DefaultMQPushConsumerImpl).
 */
export function makeConfig(overrides: Partial<ModelConfig> = {}): ModelConfig {
  const config: ModelConfig = { ...DEFAULT_CONFIG, delayLevelsMs: [...DEFAULT_CONFIG.delayLevelsMs], groups: {}, ...overrides };
  if (config.maxReconsumeTimes === -1) config.maxReconsumeTimes = 16;
  return config;
}

/** Names of the tag-matrix subscriber systems and their subscription expressions (seed section 2.3). */
export const TAG_SUBSCRIBERS: ReadonlyArray<{ group: string; subscription: string }> = Object.freeze([
  { group: 'ops', subscription: 'TagA' },
  { group: 'customer-service', subscription: 'TagB' },
  { group: 'orchestration', subscription: 'TagC' },
  { group: 'compliance', subscription: 'TagA || TagC' },
  { group: 'data-center', subscription: '*' },
]);

/** The consumer group of the secondary transaction (buy the target fund). */
export const TARGET_GROUP = 'target-fund';
/** The business topic the transactional messages are committed to. */
export const BUSINESS_TOPIC = 'discounted-purchase';
/** The producer group of the business system. */
export const PRODUCER_GROUP = 'purchase-producers';
