// The business database as a user's machine sees it: its own keys (kept under `app/`, apart from the ledger's),
// and the two ledger moves (buyTargetFund for the consumer role, debitWallet for the producer role) done by the
// ledger functions txsim's own machines use, so the checkers see exactly the same records. A transaction applies
// all its operations at one instant or none of them: a unique insert of an existing key rolls it back
// ('duplicate-key'), a short wallet too ('insufficient-balance', after writing the refused order's record as
// runMainTransaction does). Writes go out through `write`/`erase` (the node host: observed at the boundary).
import type { DurableStore } from '../sim/durableStore.ts';
import { buyTargetFund, runMainTransaction } from './ledger.ts';
import type { DbOp, RoleResultFields, UserRole } from './protocol.ts';

/** Where a user's keys live in the group database. */
export const USER_KEY_PREFIX = 'app/';

/**
 * The stored key of a user's key.
 *
 * @example
 * userKey('processed/tx-o1'); // 'app/processed/tx-o1'
 */
export const userKey = (key: string): string => `${USER_KEY_PREFIX}${key}`;

/** What a transaction or a single read or write answers. */
export type DbResult = RoleResultFields['db.result'];

/** The host's observed writes of the group database. */
export interface DbWriter {
  write(key: string, value: unknown): void;
  erase(key: string): void;
}

/** What a transaction's ledger moves need from the call: the time and the call's transaction id. */
export interface LedgerCall {
  readonly now: number;
  readonly txId: string;
}

/**
 * Why an operation is not one a role may run, or undefined when it is well formed.
 *
 * @example
 * dbOpProblem({ op: 'debitWallet', order: 'o1', amount: 5 }, 'consumer'); // 'debitWallet belongs to the producer role'
 */
export function dbOpProblem(op: unknown, role: UserRole): string | undefined {
  if (typeof op !== 'object' || op === null) return 'an operation is not an object';
  const o = op as Record<string, unknown>;
  switch (o.op) {
    case 'insert':
    case 'put':
    case 'delete':
      return typeof o.key === 'string' && o.key !== '' ? undefined : `${String(o.op)} needs a non-empty string key`;
    case 'buyTargetFund':
    case 'debitWallet': {
      const owner: UserRole = o.op === 'buyTargetFund' ? 'consumer' : 'producer';
      if (role !== owner) return `${o.op} belongs to the ${owner} role`;
      if (typeof o.order !== 'string' || typeof o.amount !== 'number' || !Number.isFinite(o.amount) || o.amount < 0) return `${o.op} needs { order: string, amount: number >= 0 }`;
      return undefined;
    }
    default:
      return `unknown operation '${String(o.op)}' (use insert, put, delete, buyTargetFund, debitWallet)`;
  }
}

/**
 * A copy of a user's value: stored data must not change when the machine later changes its own object.
 *
 * @example
 * copyValue({ status: 'done' }); // a new object; copyValue(() => 1) throws (not data)
 */
export function copyValue(value: unknown): unknown {
  return value === undefined ? undefined : structuredClone(value);
}

/** A transaction's view: reads see its own earlier writes; writes are kept in order until it commits. */
class Staged {
  private readonly values = new Map<string, unknown>();
  readonly order: string[] = [];

  constructor(private readonly db: DurableStore) {}

  get<T>(key: string): T | undefined {
    return (this.values.has(key) ? this.values.get(key) : this.db.get(key)) as T | undefined;
  }

  has(key: string): boolean {
    return this.values.has(key) ? this.values.get(key) !== DELETED : this.db.has(key);
  }

  set(key: string, value: unknown): void {
    this.values.set(key, value);
    this.order.push(key);
  }

  delete(key: string): void {
    this.set(key, DELETED);
  }

  value(key: string): unknown {
    return this.values.get(key);
  }
}

const DELETED = Symbol('deleted');

/**
 * Run a transaction's operations at once against `db`, writing through `writer` only if all of them apply.
 *
 * @example
 * runTransaction(db, [{ op: 'insert', key: 'processed/tx-o1' }, { op: 'buyTargetFund', order: 'o1', amount: 100 }], call, writer); // { ok: true }
 */
export function runTransaction(db: DurableStore, ops: readonly DbOp[], call: LedgerCall, writer: DbWriter): DbResult {
  const staged = new Staged(db);
  for (const op of ops) {
    switch (op.op) {
      case 'insert':
        if (staged.has(userKey(op.key))) return { ok: false, reason: 'duplicate-key' };
        staged.set(userKey(op.key), copyValue(op.value ?? true));
        break;
      case 'put':
        staged.set(userKey(op.key), copyValue(op.value ?? true));
        break;
      case 'delete':
        staged.delete(userKey(op.key));
        break;
      case 'buyTargetFund':
        buyTargetFund(staged, op.order, op.amount, null);
        break;
      case 'debitWallet':
        if (!runMainTransaction(staged, op.order, call.txId, op.amount, call.now)) {
          // The refused order is recorded as txsim's own producer records it (main-rolled-back); nothing else applies.
          writer.write(`tx/${op.order}`, staged.value(`tx/${op.order}`));
          return { ok: false, reason: 'insufficient-balance' };
        }
        break;
    }
  }
  const written = new Set<string>();
  for (let i = staged.order.length - 1; i >= 0; i--) written.add(staged.order[i] as string);
  // Each key once, in the order of its last write: a transaction's effect, not its steps.
  for (const key of [...written].reverse()) {
    const value = staged.value(key);
    if (value === DELETED) {
      if (db.has(key)) writer.erase(key);
    } else writer.write(key, value);
  }
  return { ok: true };
}
