// Money. The business database (shared by the producer group) holds each investor's wallet and money-market
// fund (MMF) position; the target-fund service's database holds the MMF redeemed and the target fund bought.
// The main transaction moves wallet -> MMF; the secondary moves MMF -> target fund. Conservation per investor:
// wallet + (MMF bought - MMF redeemed) + target = the initial wallet, with every part >= 0.
import type { KeyValue } from './effects.ts';

/** What the ledger reads and writes: a durable store, or an action body's staged view of one. */
type Db = Pick<KeyValue, 'get' | 'has' | 'set'>;
type DbReader = Pick<KeyValue, 'get' | 'has'>;

export interface BusinessAccount {
  wallet: number;
  mmf: number;
}

export interface TargetAccount {
  mmfRedeemed: number;
  target: number;
  purchases: number;
}

/** The status of a main (local) transaction in the business database. */
export type LocalTxRecord =
  | { status: 'committed'; txId: string; amount: number; at: number }
  | { status: 'rolled_back'; txId: string; reason: string; at: number }
  | { status: 'unknown'; txId: string; at: number };

export function investorOf(order: string): string {
  return `inv-${order}`;
}

/**
 * The order of an investor (each order has its own investor, see investorOf).
 *
 * @example
 * orderOfInvestor('inv-o7'); // 'o7'
 */
export function orderOfInvestor(investor: string): string {
  return investor.startsWith('inv-') ? investor.slice(4) : investor;
}

export function businessAccount(db: DbReader, investor: string): BusinessAccount | undefined {
  return db.get<BusinessAccount>(`acct/${investor}`);
}

export function openBusinessAccount(db: Db, investor: string, wallet: number): void {
  if (!db.has(`acct/${investor}`)) db.set(`acct/${investor}`, { wallet, mmf: 0 } satisfies BusinessAccount);
}

/** The main transaction, atomic: debit the wallet, credit the MMF, write the record. False when the wallet is short. */
export function runMainTransaction(db: Db, order: string, txId: string, amount: number, at: number): boolean {
  const key = `acct/${investorOf(order)}`;
  const account = db.get<BusinessAccount>(key) ?? { wallet: 0, mmf: 0 };
  if (account.wallet < amount) {
    db.set(`tx/${order}`, { status: 'rolled_back', txId, reason: 'insufficient-balance', at } satisfies LocalTxRecord);
    return false;
  }
  db.set(key, { wallet: account.wallet - amount, mmf: account.mmf + amount } satisfies BusinessAccount);
  db.set(`tx/${order}`, { status: 'committed', txId, amount, at } satisfies LocalTxRecord);
  return true;
}

export function localTxRecord(db: DbReader, order: string): LocalTxRecord | undefined {
  return db.get<LocalTxRecord>(`tx/${order}`);
}

export function writeLocalTxRecord(db: Db, order: string, record: LocalTxRecord): void {
  db.set(`tx/${order}`, record);
}

export function targetAccount(db: DbReader, investor: string): TargetAccount {
  return db.get<TargetAccount>(`target/${investor}`) ?? { mmfRedeemed: 0, target: 0, purchases: 0 };
}

/** The secondary transaction, atomic: redeem MMF, buy the target fund, and (if idempotent) record the key. */
export function buyTargetFund(db: Db, order: string, amount: number, idempotencyKey: string | null): void {
  const investor = investorOf(order);
  const account = targetAccount(db, investor);
  db.set(`target/${investor}`, {
    mmfRedeemed: account.mmfRedeemed + amount,
    target: account.target + amount,
    purchases: account.purchases + 1,
  } satisfies TargetAccount);
  if (idempotencyKey !== null) db.set(`done/${idempotencyKey}`, true);
}

export function alreadyProcessed(db: DbReader, idempotencyKey: string): boolean {
  return db.has(`done/${idempotencyKey}`);
}
