// The host of a user's machine on one instance (one incarnation of a consumer or producer node): it starts one
// actor of the machine per call (model/protocol.ts "Role calls"), on the node's clock, sends it the call event,
// and serves what it emits. Its answer goes back to the instance's own actor as a `userAnswer` event; its database
// requests take config.dbReadMs / dbWriteMs / dbTransactionMs and apply when that time ends, on the group's shared
// database, through the host (observed writes); its memory requests are answered at once from the instance's
// memory. Everything here is volatile: a crash stops the actors and cancels the requests in flight (they are
// timers of the node's clock), and the next incarnation gets a fresh RoleCalls with empty memory.
// A machine that breaks the protocol fails the run with a RoleProtocolError (never a txsim error).
import type { AnyStateMachine } from 'xstate';
import type { DurableStore } from '../sim/durableStore.ts';
import type { ActorRuntime, NodeHost, SideActor } from '../sim/node.ts';
import type { ModelConfig } from './config.ts';
import { ROLE_ANSWERS, ROLE_REQUESTS, type DbOp, type RoleCall, type RoleEmit, type RoleEmitType, type UserRole } from './protocol.ts';
import { copyValue, dbOpProblem, runTransaction, userKey, type DbResult } from './userDb.ts';
import { LeanRefusal, RoleProtocolError } from './userRoles.ts';
import { LeanUnsupported } from '../sim/lean/actor.ts';

/** The answers a call may get, by emit type. */
type AnswerType = 'consumeAck' | 'endTransaction' | 'checkReply';

/** A user's answer, handed to the instance's own actor. `memo` is what the caller gave with the call. */
export interface UserAnswerEvent {
  readonly type: 'userAnswer';
  /** The caller's key of the call (a consumer's delivery key, `exec:<order>`, `check:<n>`). */
  readonly key: string;
  readonly memo: unknown;
  readonly answer: RoleEmit<AnswerType>;
  /** Why the call's last database transaction rolled back, if one did ('duplicate-key', 'insufficient-balance'). */
  readonly dbReason?: string;
}

/** What a node's RoleCalls is built from: the role, its machine and interpreter, the group database, the config. */
export interface RoleCallsSetup {
  readonly role: UserRole;
  readonly machine: AnyStateMachine;
  readonly runtime: ActorRuntime;
  readonly db: DurableStore;
  readonly config: ModelConfig;
  /** End the run with this error (the first one wins). */
  readonly fail: (error: Error) => void;
}

/** One call in progress. */
interface Call {
  readonly key: string;
  /** The call's number on this incarnation: the `value` of its CALL, DB_BEGIN, DB, MEMORY and ANSWER records. */
  readonly serial: number;
  readonly call: RoleCall;
  readonly memo: unknown;
  actor: SideActor | undefined;
  answered: boolean;
  dbReason: string | undefined;
  /** Results due before start() returned (an entry action's memory request). */
  early: Array<{ type: string } & Record<string, unknown>>;
}

const ANSWER_TYPES: ReadonlySet<string> = new Set(Object.values(ROLE_ANSWERS));
const REQUEST_TYPES: ReadonlySet<string> = new Set(ROLE_REQUESTS);
const ACTIONS: ReadonlySet<unknown> = new Set(['commit', 'rollback', 'unknown']);

/** Volatile state of an instance that a user's machine fills a role of: its calls and its memory. */
export interface RoleCallsVolatile {
  /** memory.read / memory.write: lost with the instance. */
  readonly memory: Map<string, unknown>;
  /** Database requests not yet applied (each a timer of the node's clock). */
  readonly inFlight: number;
}

/**
 * The user's machine of one role on one instance incarnation.
 *
 * @example
 * const calls = new RoleCalls(host, { role: 'consumer', machine, runtime: 'lean', db, config, fail });
 * calls.call('consume:0', { type: 'deliver', txId: 'tx-o1', msgId: 'broker-1:T:0:0', order: 'o1', investor: 'inv-o1', amount: 100, tag: '', reconsumeTimes: 0 });
 */
export class RoleCalls implements RoleCallsVolatile {
  readonly memory = new Map<string, unknown>();
  inFlight = 0;
  private serial = 0;
  private failed = false;

  constructor(
    private readonly host: NodeHost,
    readonly setup: RoleCallsSetup,
  ) {}

  get role(): UserRole {
    return this.setup.role;
  }

  /**
   * Start one actor for a call and send it the call event; its answer comes back as a `userAnswer` event. The
   * start waits for a 0 ms timer of the node: the caller is in the middle of an action, and XState must not build
   * the user machine's actions inside another machine's custom action (it warns); a crash at this instant drops it.
   */
  call(key: string, call: RoleCall, memo?: unknown): void {
    if (this.failed) return;
    this.host.clock.setTimeout(() => this.start(key, call, memo), 0);
  }

  private start(key: string, call: RoleCall, memo: unknown): void {
    if (this.failed) return;
    const serial = this.serial++;
    const c: Call = { key, serial, call, memo, actor: undefined, answered: false, dbReason: undefined, early: [] };
    const id = `${this.host.name}#${this.host.incarnation}/${this.role}/${serial}`;
    this.host.record('CALL', { order: call.order, detail: `${call.type} ${call.txId}`, value: serial });
    const actor = this.host.startSideActor(this.setup.machine, {
      id,
      runtime: this.setup.runtime,
      onEmit: (event) => this.onEmit(c, event),
      onError: (error) => this.onError(c, error),
    });
    c.actor = actor;
    for (const result of c.early.splice(0)) this.result(c, result);
    if (this.failed || !this.host.live) return;
    const event = { ...call };
    if (!actor.can(event)) {
      return this.fail(c, call.type, `cannot take the '${call.type}' call in its initial state`, `give the initial state a transition on '${call.type}'`);
    }
    actor.send(event);
  }

  private fail(c: Call, event: string, problem: string, fix: string): void {
    if (this.failed) return;
    this.failed = true;
    this.setup.fail(new RoleProtocolError(this.role, event, `${problem} while handling ${c.call.type} of ${c.call.order}`, fix));
  }

  private onError(c: Call, error: unknown): void {
    if (this.failed) return;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof LeanUnsupported) {
      this.failed = true;
      this.setup.fail(new LeanRefusal(this.role, `the lean runtime does not support ${error.feature}`));
      return;
    }
    this.fail(c, c.call.type, `threw ${message}`, 'make its actions, guards and delays total (no exceptions)');
  }

  private onEmit(c: Call, event: { type: string } & Record<string, unknown>): void {
    // A step crash (CrashFault.onStep) stopped the actor mid-macrostep: what it emits after that goes nowhere.
    if (this.failed || !this.host.live) return;
    try {
      this.serve(c, event);
    } catch (error) {
      // structuredClone refused a value (a function, a class instance with private state, ...).
      this.fail(c, event.type, `sent a value that is not data (${error instanceof Error ? error.message : String(error)})`, 'send plain data: objects, arrays, strings, numbers, booleans, null');
    }
  }

  private serve(c: Call, event: { type: string } & Record<string, unknown>): void {
    if (ANSWER_TYPES.has(event.type)) return this.answer(c, event as RoleEmit<AnswerType>);
    if (!REQUEST_TYPES.has(event.type)) {
      const allowed = [ROLE_ANSWERS[c.call.type], ...ROLE_REQUESTS].join(', ');
      return this.fail(c, event.type, `emitted an event the protocol does not know`, `emit only ${allowed}`);
    }
    this.request(c, event as RoleEmit);
  }

  /** The call's answer: checked against the call, then handed to the instance's actor. */
  private answer(c: Call, answer: RoleEmit<AnswerType>): void {
    const expected = ROLE_ANSWERS[c.call.type];
    if (answer.type !== expected) return this.fail(c, answer.type, `answered with '${answer.type}'`, `answer ${c.call.type} with ${expected}`);
    if (c.answered) return this.fail(c, answer.type, 'answered twice', 'emit the answer once per call');
    const problem = answerProblem(answer);
    if (problem !== undefined) return this.fail(c, answer.type, problem, fixOf(answer.type));
    c.answered = true;
    const detail = answer.type === 'consumeAck' ? `consumeAck ${answer.status}` : `${answer.type} ${answer.action}`;
    this.host.record('ANSWER', { order: c.call.order, detail, value: c.serial });
    const event: UserAnswerEvent = { type: 'userAnswer', key: c.key, memo: c.memo, answer: { ...answer }, ...(c.dbReason === undefined ? {} : { dbReason: c.dbReason }) };
    this.host.notify(event as unknown as { type: string } & Record<string, unknown>);
  }

  private request(c: Call, request: RoleEmit): void {
    switch (request.type) {
      case 'memory.read':
      case 'memory.write': {
        if (typeof request.key !== 'string') return this.fail(c, request.type, 'sent a key that is not a string', `emit { type: '${request.type}', key: 'some-key' }`);
        if (request.type === 'memory.write') this.memory.set(request.key, copyValue(request.value));
        const read = request.type === 'memory.read' ? `read ${request.key}: ${valueText(this.memory.get(request.key))}` : `write ${request.key}`;
        this.host.record('MEMORY', { order: c.call.order, detail: read, value: c.serial });
        // Answered at once: the emit is handed out after the macrostep, so the actor is at rest in its waiting state.
        return this.result(c, { type: 'memory.result', key: request.key, value: copyValue(this.memory.get(request.key)) });
      }
      case 'db.read':
      case 'db.write':
        if (typeof request.key !== 'string' || request.key === '') return this.fail(c, request.type, 'sent a key that is not a non-empty string', `emit { type: '${request.type}', key: 'some-key' }`);
      {
        // Copied now: what is written is the value as sent, whatever the machine does with its object meanwhile.
        const value = request.type === 'db.write' ? copyValue(request.value) : undefined;
        const ms = request.type === 'db.read' ? this.setup.config.dbReadMs : this.setup.config.dbWriteMs;
        return this.later(c, ms, `${request.type === 'db.read' ? 'read' : 'write'} ${request.key}`, () => this.single(request.type, request.key, value));
      }
      case 'db.transaction': {
        const ops: unknown = request.ops;
        if (!Array.isArray(ops)) return this.fail(c, request.type, 'sent ops that are not an array', "emit { type: 'db.transaction', ops: [{ op: 'insert', key }, ...] }");
        for (const op of ops) {
          const problem = dbOpProblem(op, this.role);
          if (problem !== undefined) return this.fail(c, request.type, problem, 'emit operations of model/protocol.ts DbOp that your role may run');
        }
        const copied = (ops as DbOp[]).map((op) => ('value' in op ? { ...op, value: copyValue(op.value) } : { ...op }));
        return this.later(c, this.setup.config.dbTransactionMs, `transaction ${copied.map((o) => o.op).join('+')}`, () => this.transaction(c, copied));
      }
      default:
        return undefined;
    }
  }

  /**
   * A database request ends after its latency, unless the instance crashed meanwhile (the timer is cancelled). Its
   * DB_BEGIN record (`what`) and DB record (`what: outcome`) share the call's number, so a reader sees an operation
   * a crash aborted: a DB_BEGIN with no DB. The host hears two steps (a step crash may strike at either): the
   * request issued, and the request done (applied, before its result reaches the machine).
   */
  private later(c: Call, ms: number, what: string, apply: () => DbResult): void {
    this.inFlight++;
    this.host.record('DB_BEGIN', { order: c.call.order, detail: what, value: c.serial });
    this.host.clock.setTimeout(() => {
      this.inFlight--;
      if (this.failed) return;
      const result = apply();
      const outcome = what.startsWith('read ') ? valueText(result.value) : result.ok ? 'ok' : (result.reason ?? 'rolled back');
      this.host.record('DB', { order: c.call.order, detail: `${what}: ${outcome}`, value: c.serial });
      if (this.host.step('done')) this.result(c, { type: 'db.result', ...result });
    }, ms);
    this.host.step('issued');
  }

  private single(type: 'db.read' | 'db.write', userKeyName: string, value: unknown): DbResult {
    const key = userKey(userKeyName);
    if (type === 'db.read') return { ok: true, value: copyValue(this.setup.db.get(key)) };
    this.host.write(this.setup.db, key, value);
    return { ok: true };
  }

  private transaction(c: Call, ops: readonly DbOp[]): DbResult {
    const { db } = this.setup;
    const writer = { write: (key: string, value: unknown) => this.host.write(db, key, value), erase: (key: string) => this.host.erase(db, key) };
    const result = runTransaction(db, ops, { now: this.host.now(), txId: c.call.txId }, writer);
    c.dbReason = result.ok ? undefined : result.reason;
    return result;
  }

  /** Hand a result to the call's actor: dropped once the actor finished, a protocol error if it cannot take it. */
  private result(c: Call, event: { type: string } & Record<string, unknown>): void {
    const actor = c.actor;
    if (actor === undefined) {
      c.early.push(event);
      return;
    }
    if (actor.status !== 'active') return;
    if (!actor.can(event)) {
      return this.fail(c, event.type, `cannot take the '${event.type}' it asked for in its current state`, `give the state that waits for it a transition on '${event.type}'`);
    }
    actor.send(event);
  }
}

/** A value read, for the trace: `absent`, or `found` and its JSON (cut at 60 characters). */
function valueText(value: unknown): string {
  if (value === undefined) return 'absent';
  let json: string;
  try {
    json = JSON.stringify(value) ?? String(value);
  } catch {
    json = String(value); // a BigInt or a cycle: structured-cloneable, not JSON
  }
  return `found ${json.length > 60 ? `${json.slice(0, 57)}...` : json}`;
}

/** What is wrong with an answer's fields, or undefined. */
function answerProblem(answer: RoleEmit<AnswerType>): string | undefined {
  if (answer.type === 'consumeAck') {
    if (answer.status !== 'success' && answer.status !== 'later') return `sent status ${JSON.stringify(answer.status)}`;
    if (answer.delayLevel !== undefined && !Number.isInteger(answer.delayLevel)) return `sent delayLevel ${JSON.stringify(answer.delayLevel)}`;
    return undefined;
  }
  return ACTIONS.has(answer.action) ? undefined : `sent action ${JSON.stringify(answer.action)}`;
}

function fixOf(type: RoleEmitType): string {
  return type === 'consumeAck'
    ? "emit { type: 'consumeAck', status: 'success' | 'later', delayLevel?: integer }"
    : `emit { type: '${type}', action: 'commit' | 'rollback' | 'unknown' }`;
}
