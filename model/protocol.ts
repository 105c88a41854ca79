// The wire protocol: every message any participant sends over the simulated network, by name, with its typed
// fields, its sender role and its receiver role. Machines send only these (the `send` effect takes a Message),
// the trace's `msg` column holds these names, and fault scripts, diagrams and user machines validate against
// MESSAGE_NAMES. The receiver's event is the message with `from` (the sender's node) and `order` (the business
// order it concerns, '' for none) added by the network.
//
// RocketMQ names, for the reader: prepare = SEND_MESSAGE of a half message (TRAN_MSG=true), prepareAck = its
// SEND_OK, commit/rollback = END_TRANSACTION (COMMIT/ROLLBACK), check = CHECK_TRANSACTION_STATE, checkReply =
// END_TRANSACTION from a check (fromTransactionCheck), deliver = a pulled message handed to the listener,
// consumeAck = the listener's status (success, or later = CONSUMER_SEND_MSG_BACK), register/registered = the
// client's heartbeat and the broker's answer, offsetCommit/offsetCommitted = UPDATE_CONSUMER_OFFSET and its
// confirmation, alert = the monitoring alert of a DLQ or check-max message, redrive = re-sending a dead letter,
// resume = RESUME_CHECK_HALF_MESSAGE.

/** A participant's role: who sends and who receives each message. */
export type Role = 'producer' | 'broker' | 'consumer' | 'operator';

/** The answer of a local transaction or a check-back (COMMIT_MESSAGE, ROLLBACK_MESSAGE, UNKNOW). */
export type TransactionAction = 'commit' | 'rollback' | 'unknown';

/** A consumed offset of one queue, as listed in offset commits. */
export interface QueueOffset {
  readonly queue: string;
  readonly offset: number;
}

/** Each message's fields, without `type` (the key), `from` and `order` (added by the network). */
export interface MessageFields {
  /** `checkImmunitySeconds`: the CHECK_IMMUNITY_TIME_IN_SECONDS user property, when the producer sets it. */
  prepare: { txId: string; attempt: number; producerGroup: string; topic: string; tag: string; queue: number; bornMs: number; checkImmunitySeconds?: number };
  prepareAck: { txId: string; offset: number; attempt: number; status: 'SEND_OK' };
  commit: { txId: string; offset: number; producerGroup: string; fromCheck: boolean };
  rollback: { txId: string; offset: number; producerGroup: string; fromCheck: boolean };
  check: { txId: string; offset: number; checkTimes: number; producerGroup: string };
  checkReply: { txId: string; offset: number; action: TransactionAction; producerGroup: string; fromCheck: true };
  deliver: { group: string; queue: string; offset: number; txId: string; tag: string; reconsumeTimes: number; redriven: boolean };
  /** `delayLevel`: the listener's delayLevelWhenNextConsume on a failure (absent: 0, the broker decides; < 0: the DLQ). */
  consumeAck: { group: string; queue: string; offset: number; status: 'success' | 'later'; delayLevel?: number };
  register: { group: string; incarnation: number };
  registered: { group: string; incarnation: number };
  offsetCommit: { group: string; offsets: QueueOffset[] };
  offsetCommitted: { group: string; offsets: QueueOffset[] };
  alert: { alert: 'dlq' | 'check-max'; group: string };
  redrive: { group: string };
  resume: Record<never, never>;
}

export type MessageType = keyof MessageFields;

/** A message as a sender builds it: its type and its fields. */
export type Message<T extends MessageType = MessageType> = { [K in T]: { type: K } & MessageFields[K] }[T];

/** A message as its receiver's event: the sender's node and the order it concerns added. */
export type Received<T extends MessageType = MessageType> = { [K in T]: Message<K> & { from: string; order: string } }[T];

/** Who sends each message to whom. */
export const MESSAGE_ROLES: Readonly<Record<MessageType, { readonly from: Role; readonly to: Role }>> = Object.freeze({
  prepare: { from: 'producer', to: 'broker' },
  prepareAck: { from: 'broker', to: 'producer' },
  commit: { from: 'producer', to: 'broker' },
  rollback: { from: 'producer', to: 'broker' },
  check: { from: 'broker', to: 'producer' },
  checkReply: { from: 'producer', to: 'broker' },
  deliver: { from: 'broker', to: 'consumer' },
  consumeAck: { from: 'consumer', to: 'broker' },
  register: { from: 'consumer', to: 'broker' },
  registered: { from: 'broker', to: 'consumer' },
  offsetCommit: { from: 'consumer', to: 'broker' },
  offsetCommitted: { from: 'broker', to: 'consumer' },
  alert: { from: 'broker', to: 'operator' },
  redrive: { from: 'operator', to: 'broker' },
  resume: { from: 'operator', to: 'broker' },
});

/**
 * Every wire message name, in protocol order: what a fault script, a diagram or a user machine may name.
 *
 * @example
 * isMessageType('consumeAck'); // true
 */
export const MESSAGE_NAMES: readonly MessageType[] = Object.freeze(Object.keys(MESSAGE_ROLES) as MessageType[]);

/**
 * Whether a string names a wire message.
 *
 * @example
 * isMessageType('prepareAck'); // true; isMessageType('ack') // false
 */
export function isMessageType(name: string): name is MessageType {
  return Object.hasOwn(MESSAGE_ROLES, name);
}

/**
 * The messages a role sends or receives, in protocol order.
 *
 * @example
 * messagesOf('operator', 'sends'); // ['redrive', 'resume']
 */
export function messagesOf(role: Role, direction: 'sends' | 'receives'): MessageType[] {
  return MESSAGE_NAMES.filter((name) => MESSAGE_ROLES[name][direction === 'sends' ? 'from' : 'to'] === role);
}
