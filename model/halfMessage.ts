// The records of the transaction center and the broker's queues, as stored in a broker's durable store.

/** A half message (prepare) in RMQ_SYS_TRANS_HALF_TOPIC, queue 0, at `offset`. */
export interface HalfEntry {
  readonly offset: number;
  readonly txId: string;
  readonly order: string;
  readonly producerGroup: string;
  readonly topic: string;
  readonly tag: string;
  readonly queue: number;
  readonly bornMs: number;
  /** TRANSACTION_CHECK_TIMES. */
  readonly checkTimes: number;
  /** Offset of the first copy (the producer's original half message). */
  readonly originalOffset: number;
  /** CHECK_IMMUNITY_TIME_IN_SECONDS, when the producer set it (model/checkPolicy.ts). */
  readonly checkImmunitySeconds?: number;
}

/** A consumable message in a business-topic queue or a group's retry queue. */
export interface StoredMessage {
  readonly txId: string;
  readonly order: string;
  readonly tag: string;
  readonly bornMs: number;
  /** RECONSUME_TIME: how many times this message has failed before. */
  readonly reconsumeTimes: number;
  /** Re-driven from the DLQ by an operator (business intervention). */
  readonly redriven: boolean;
}

/** A message waiting in SCHEDULE_TOPIC_XXXX for its delay level to pass. */
export interface ScheduledRetry {
  readonly id: number;
  readonly dueMs: number;
  readonly group: string;
  readonly message: StoredMessage;
}
