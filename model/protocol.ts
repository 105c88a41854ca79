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

// ---------------------------------------------------------------------------------------------------------------
// Role calls: what txsim's client library says to a user's machine, and what the machine emits back.
//
// A user fills the `consumer` role (the target-fund group's MessageListener: the secondary transaction) or the
// `producer` role (the business system's TransactionListener: executeLocalTransaction and checkLocalTransaction)
// with an XState machine. txsim starts one actor of that machine per call, on the node of the instance that makes
// the call, sends it the call event, and reads what it `emit`s: its answer, and its requests to the business
// database (durable, shared by the group, each operation taking simulated time) or to the instance's memory
// (volatile, lost with the instance). A crash of the instance stops its calls' actors and aborts their database
// operations still in flight; the call is made again only if RocketMQ would make it again (a redelivery, a check).
// The wire protocol above stays txsim's own: the client library turns the answers into consumeAck, commit,
// rollback and checkReply messages.

/** A call event: what the client library sends a user's machine to start it, by role. */
export interface RoleCallFields {
  /** consumer: MessageListener.consumeMessage for one message of the target-fund group. */
  deliver: {
    /** The business transaction id (the idempotency key the article prescribes). */
    txId: string;
    /** The id of this stored copy of the message: a send-back or a second commit of one half message has a new one. */
    msgId: string;
    order: string;
    investor: string;
    amount: number;
    tag: string;
    /** How many times this message was consumed before (0 on the first delivery). */
    reconsumeTimes: number;
  };
  /** producer: TransactionListener.executeLocalTransaction, after the broker stored the half message. */
  executeLocal: { txId: string; order: string; investor: string; amount: number };
  /** producer: TransactionListener.checkLocalTransaction, for a check-back from the broker. */
  check: { txId: string; order: string; checkTimes: number };
}

export type RoleCallType = keyof RoleCallFields;
export type RoleCall<T extends RoleCallType = RoleCallType> = { [K in T]: { type: K } & RoleCallFields[K] }[T];

/** Which calls each user-fillable role must handle (its machine's initial state needs a transition for each). */
export const ROLE_CALLS: Readonly<Record<UserRole, readonly RoleCallType[]>> = Object.freeze({
  consumer: Object.freeze(['deliver'] as const),
  producer: Object.freeze(['executeLocal', 'check'] as const),
});

/** The roles a user may fill with their own machine. */
export type UserRole = 'consumer' | 'producer';
export const USER_ROLES: readonly UserRole[] = Object.freeze(['consumer', 'producer']);

/**
 * One operation of a database transaction, applied atomically with the others when the transaction commits. Keys
 * are the user's own (txsim keeps them apart from its ledger's); the two ledger operations move the money the
 * checkers judge.
 */
export type DbOp =
  /** A unique insert: if the key exists the whole transaction rolls back with reason 'duplicate-key'. */
  | { op: 'insert'; key: string; value?: unknown }
  | { op: 'put'; key: string; value?: unknown }
  | { op: 'delete'; key: string }
  /** consumer role: the secondary transaction's ledger move (redeem the money-market fund, buy the target fund). */
  | { op: 'buyTargetFund'; order: string; amount: number }
  /** producer role: the main transaction's ledger move (wallet to money-market fund); rolls back with reason 'insufficient-balance' when the wallet is short. */
  | { op: 'debitWallet'; order: string; amount: number };

/** What a user's machine may emit, by type: its answer to the call, or a request. */
export interface RoleEmitFields {
  /** consumer's answer: CONSUME_SUCCESS, or RECONSUME_LATER with an optional delayLevelWhenNextConsume. */
  consumeAck: { status: 'success' | 'later'; delayLevel?: number };
  /** producer's answer to executeLocal: the LocalTransactionState. */
  endTransaction: { action: TransactionAction };
  /** producer's answer to check: the LocalTransactionState. */
  checkReply: { action: TransactionAction };
  /** Read one key of the database (takes config.dbReadMs); answered by `db.result` with its value. */
  'db.read': { key: string };
  /** Write one key outside a transaction (takes config.dbWriteMs); answered by `db.result`. */
  'db.write': { key: string; value?: unknown };
  /** Run operations as one transaction (takes config.dbTransactionMs); answered by `db.result`, ok or not. */
  'db.transaction': { ops: DbOp[] };
  /** Read one key of the instance's memory (no latency; lost when the instance crashes); answered by `memory.result`. */
  'memory.read': { key: string };
  /** Write one key of the instance's memory. */
  'memory.write': { key: string; value?: unknown };
}

export type RoleEmitType = keyof RoleEmitFields;
export type RoleEmit<T extends RoleEmitType = RoleEmitType> = { [K in T]: { type: K } & RoleEmitFields[K] }[T];

/** What txsim sends a user's machine back after a request. */
export interface RoleResultFields {
  /** `value`: the key's value for a read (undefined when absent); `reason` when a transaction rolled back. */
  'db.result': { ok: boolean; value?: unknown; reason?: 'duplicate-key' | 'insufficient-balance' };
  'memory.result': { key: string; value?: unknown };
}

export type RoleResultType = keyof RoleResultFields;
export type RoleResult<T extends RoleResultType = RoleResultType> = { [K in T]: { type: K } & RoleResultFields[K] }[T];

/** The answer each call expects, and which emits a role may use at all. */
export const ROLE_ANSWERS: Readonly<Record<RoleCallType, RoleEmitType>> = Object.freeze({
  deliver: 'consumeAck',
  executeLocal: 'endTransaction',
  check: 'checkReply',
});
export const ROLE_REQUESTS: readonly RoleEmitType[] = Object.freeze(['db.read', 'db.write', 'db.transaction', 'memory.read', 'memory.write']);
