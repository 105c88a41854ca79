// Money, shared by every design so the comparison counts the same thing. Two databases: the business DB (the
// main transaction's side) holds each investor's wallet, frozen funds and MMF subscribed, plus one row per
// committed order; the target-fund service's DB holds the MMF redeemed, the target fund bought and one row per
// purchase. The main transaction moves wallet -> MMF; the secondary moves MMF -> target fund. Per investor:
// wallet + frozen + (MMF subscribed - MMF redeemed) + target = the initial wallet, always; a negative MMF
// position means the target fund was bought with MMF that was never subscribed. Each operation is one local
// transaction (the simulator is single-threaded, so it is atomic) and reports the change to the meter.
import type { DurableStore } from '../sim/durableStore.ts';
import type { ConsistencyMeter } from './meter.ts';

/** The investor of an order: one investor per order, as in model/ledger.ts. */
export function investorOf(order: string): string {
  return `inv-${order}`;
}

/** An investor's row in the business DB. */
export interface BusinessAccount {
  wallet: number;
  frozen: number;
  mmf: number;
}

/** An investor's row in the target-fund service's DB. */
export interface TargetAccount {
  mmfRedeemed: number;
  target: number;
}

/** A committed main transaction in the business DB. */
export interface OrderRow {
  status: 'committed';
  amount: number;
  at: number;
}

/** A target purchase in the target-fund DB. `count` > 1 only for a non-idempotent consumer. */
export interface PurchaseRow {
  status: 'bought' | 'reversed';
  amount: number;
  count: number;
  at: number;
}

/** What an order needs to move money. */
export interface OrderRef {
  order: string;
  amount: number;
}

/**
 * The two databases and the money operations on them.
 *
 * @example
 * const ledger = new Ledger(sim.createStore(), sim.createStore(), meter, () => sim.now);
 * ledger.openAccount('o1', 500);
 * ledger.mainTx({ order: 'o1', amount: 100 }); // 'committed'
 * ledger.buyTarget({ order: 'o1', amount: 100 }); // 'bought'
 */
export class Ledger {
  constructor(
    readonly businessDb: DurableStore,
    readonly fundDb: DurableStore,
    private readonly meter: ConsistencyMeter,
    private readonly now: () => number,
  ) {}

  openAccount(order: string, wallet: number): void {
    const investor = investorOf(order);
    this.businessDb.set(`acct/${investor}`, { wallet, frozen: 0, mmf: 0 } satisfies BusinessAccount);
    this.fundDb.set(`target/${investor}`, { mmfRedeemed: 0, target: 0 } satisfies TargetAccount);
  }

  account(order: string): BusinessAccount {
    const a = this.businessDb.get<BusinessAccount>(`acct/${investorOf(order)}`);
    if (a === undefined) throw new Error(`Ledger: no account for order ${order}`);
    return a;
  }

  targetAccount(order: string): TargetAccount {
    const a = this.fundDb.get<TargetAccount>(`target/${investorOf(order)}`);
    if (a === undefined) throw new Error(`Ledger: no target account for order ${order}`);
    return a;
  }

  orderRow(order: string): OrderRow | undefined {
    return this.businessDb.get<OrderRow>(`order/${order}`);
  }

  purchaseRow(order: string): PurchaseRow | undefined {
    return this.fundDb.get<PurchaseRow>(`purchase/${order}`);
  }

  /** The wallet covers the order (an XA participant's check before it votes). */
  canPay(ref: OrderRef): boolean {
    return this.account(ref.order).wallet >= ref.amount;
  }

  /**
   * The main transaction: wallet -> MMF and the order row, plus `alsoWrite` (the local message table's outbox
   * row) in the same local transaction.
   */
  mainTx(ref: OrderRef, alsoWrite?: (db: DurableStore) => void): 'committed' | 'already-committed' | 'insufficient-funds' {
    if (this.orderRow(ref.order) !== undefined) return 'already-committed';
    const a = this.account(ref.order);
    if (a.wallet < ref.amount) return 'insufficient-funds';
    this.setAccount(ref.order, { ...a, wallet: a.wallet - ref.amount, mmf: a.mmf + ref.amount });
    this.commitOrder(ref);
    alsoWrite?.(this.businessDb);
    return 'committed';
  }

  /** TCC try on the business side: wallet -> frozen. */
  freeze(ref: OrderRef): 'frozen' | 'insufficient-funds' {
    const a = this.account(ref.order);
    if (a.wallet < ref.amount) return 'insufficient-funds';
    this.setAccount(ref.order, { ...a, wallet: a.wallet - ref.amount, frozen: a.frozen + ref.amount });
    return 'frozen';
  }

  /** TCC confirm on the business side: frozen -> MMF and the order row. */
  confirmFrozen(ref: OrderRef): void {
    const a = this.account(ref.order);
    if (a.frozen < ref.amount) throw new Error(`Ledger.confirmFrozen: ${ref.order} has ${a.frozen} frozen, needs ${ref.amount}`);
    this.setAccount(ref.order, { ...a, frozen: a.frozen - ref.amount, mmf: a.mmf + ref.amount });
    this.commitOrder(ref);
  }

  /** TCC cancel on the business side: frozen -> wallet. */
  unfreeze(ref: OrderRef): void {
    const a = this.account(ref.order);
    if (a.frozen < ref.amount) throw new Error(`Ledger.unfreeze: ${ref.order} has ${a.frozen} frozen, needs ${ref.amount}`);
    this.setAccount(ref.order, { ...a, frozen: a.frozen - ref.amount, wallet: a.wallet + ref.amount });
  }

  /**
   * The secondary transaction: MMF -> target fund. Idempotent by order unless `idempotent` is false (a naive
   * consumer), in which case every call buys again.
   */
  buyTarget(ref: OrderRef, options: { idempotent?: boolean } = {}): 'bought' | 'duplicate' | 'reversed-before' {
    const row = this.purchaseRow(ref.order);
    if (row !== undefined && (options.idempotent ?? true)) return row.status === 'bought' ? 'duplicate' : 'reversed-before';
    const t = this.targetAccount(ref.order);
    this.setTarget(ref.order, { mmfRedeemed: t.mmfRedeemed + ref.amount, target: t.target + ref.amount });
    const count = row?.status === 'bought' ? row.count + 1 : 1;
    this.fundDb.set(`purchase/${ref.order}`, { status: 'bought', amount: ref.amount, count, at: row?.at ?? this.now() } satisfies PurchaseRow);
    this.meter.target(ref.order, count);
    return 'bought';
  }

  /** Compensation of the secondary: target fund -> MMF, every purchase of the order. */
  reverseTarget(order: string): boolean {
    const row = this.purchaseRow(order);
    if (row === undefined || row.status !== 'bought') return false;
    const t = this.targetAccount(order);
    const units = row.amount * row.count;
    this.setTarget(order, { mmfRedeemed: t.mmfRedeemed - units, target: t.target - units });
    this.fundDb.set(`purchase/${order}`, { ...row, status: 'reversed' } satisfies PurchaseRow);
    this.meter.target(order, 0);
    return true;
  }

  /** The MMF position (subscribed - redeemed); negative when the target was bought without the main tx. */
  mmfPosition(order: string): number {
    return this.account(order).mmf - this.targetAccount(order).mmfRedeemed;
  }

  /** wallet + frozen + MMF position + target: must equal the opening wallet. */
  total(order: string): number {
    const a = this.account(order);
    return a.wallet + a.frozen + this.mmfPosition(order) + this.targetAccount(order).target;
  }

  private commitOrder(ref: OrderRef): void {
    this.businessDb.set(`order/${ref.order}`, { status: 'committed', amount: ref.amount, at: this.now() } satisfies OrderRow);
    this.meter.main(ref.order, true);
  }

  private setAccount(order: string, a: BusinessAccount): void {
    this.businessDb.set(`acct/${investorOf(order)}`, a);
  }

  private setTarget(order: string, t: TargetAccount): void {
    this.fundDb.set(`target/${investorOf(order)}`, t);
  }
}
