// The broker's delivery bookkeeping, staged: per consumer group and queue a cursor (the next offset to deliver, the
// offsets in flight, acknowledged, and committed but not yet persisted), and the owner of each queue decided at the
// last rebalance. An action body never changes the table while XState resolves it: it edits a DeliveryDraft (a
// cursor is copied at its first edit in the body; reads see the body's edits) and leaves the edits as data, the
// params of the broker's `applyDeliveryEdits` action, which a running actor executes in the macrostep like the
// effects (model/effects.ts). So `transition()` returns the edits and leaves the snapshot's table as it was.
// Why staged and not immutable tables changed by assign: copying the tables on every delivery and ack cost about a
// tenth of a property run (measured); the staged edits cost what the in-place updates did.
// Volatile: a restarted broker starts from an empty table and rebuilds each cursor from the persisted offset.

/** Delivery progress of one group on one queue. Never changed once in the table: an edit replaces it (its sets too). */
export interface QueueCursor {
  readonly next: number;
  readonly inflight: ReadonlySet<number>;
  /** Acknowledged by the consumer, not yet in its offset commit: lost if the consumer restarts first. */
  readonly acked: ReadonlySet<number>;
  /** Safe to persist: in a consumer's offset commit, or skipped by the broker's own tag filter. */
  readonly committed: ReadonlySet<number>;
}

const EMPTY: ReadonlySet<number> = new Set();

/**
 * A cursor being edited by one action body: it shares its original's sets until it writes one (copy on write: most
 * edits touch one set), then the copy is its own. Reads go through the getters; writes through `write*()`.
 */
export class DraftCursor implements QueueCursor {
  next: number;
  private inflightSet: ReadonlySet<number>;
  private ackedSet: ReadonlySet<number>;
  private committedSet: ReadonlySet<number>;
  /** Which sets are this draft's own copies: 1 inflight, 2 acked, 4 committed. */
  private own = 0;

  constructor(base: QueueCursor | undefined, next: number) {
    this.next = base === undefined ? next : base.next;
    this.inflightSet = base === undefined ? EMPTY : base.inflight;
    this.ackedSet = base === undefined ? EMPTY : base.acked;
    this.committedSet = base === undefined ? EMPTY : base.committed;
  }

  get inflight(): ReadonlySet<number> {
    return this.inflightSet;
  }

  get acked(): ReadonlySet<number> {
    return this.ackedSet;
  }

  get committed(): ReadonlySet<number> {
    return this.committedSet;
  }

  writeInflight(): Set<number> {
    if ((this.own & 1) === 0) {
      this.inflightSet = new Set(this.inflightSet);
      this.own |= 1;
    }
    return this.inflightSet as Set<number>;
  }

  writeAcked(): Set<number> {
    if ((this.own & 2) === 0) {
      this.ackedSet = new Set(this.ackedSet);
      this.own |= 2;
    }
    return this.ackedSet as Set<number>;
  }

  clearInflight(): void {
    this.inflightSet = EMPTY;
    this.own &= ~1;
  }

  clearAcked(): void {
    this.ackedSet = EMPTY;
    this.own &= ~2;
  }

  writeCommitted(): Set<number> {
    if ((this.own & 4) === 0) {
      this.committedSet = new Set(this.committedSet);
      this.own |= 4;
    }
    return this.committedSet as Set<number>;
  }
}

/** One action body's edits, as data: the cursors it replaces and the owners it sets, in order. */
export interface DeliveryEdits {
  readonly cursors: ReadonlyArray<{ readonly group: string; readonly queue: string; readonly cursor: QueueCursor }>;
  readonly owners: ReadonlyArray<{ readonly group: string; readonly queue: string; readonly owner: string }>;
}

/**
 * The table itself: group -> queue -> cursor, and group -> queue -> owner (nested, not keyed by `group|queue`, so the
 * per-delivery lookup builds no string). Changed only by `apply`, the implementation of `applyDeliveryEdits`.
 */
export class DeliveryTable {
  private readonly cursorsByGroup = new Map<string, Map<string, QueueCursor>>();
  private readonly ownersByGroup = new Map<string, Map<string, string>>();

  cursor(group: string, queue: string): QueueCursor | undefined {
    return this.cursorsByGroup.get(group)?.get(queue);
  }

  /** The queues a group has a cursor on, in the order they got one. */
  queuesOf(group: string): IterableIterator<string> | undefined {
    return this.cursorsByGroup.get(group)?.keys();
  }

  owner(group: string, queue: string): string | undefined {
    return this.ownersByGroup.get(group)?.get(queue);
  }

  /** Run a body's edits (a running actor, in the macrostep; never while resolving). */
  apply(edits: DeliveryEdits): void {
    for (const { group, queue, cursor } of edits.cursors) nested(this.cursorsByGroup, group).set(queue, cursor);
    for (const { group, queue, owner } of edits.owners) nested(this.ownersByGroup, group).set(queue, owner);
  }
}

function nested<V>(outer: Map<string, Map<string, V>>, group: string): Map<string, V> {
  let inner = outer.get(group);
  if (inner === undefined) outer.set(group, (inner = new Map()));
  return inner;
}

type EditedCursor = DeliveryEdits['cursors'][number] & { readonly cursor: DraftCursor };
const NO_CURSORS: EditedCursor[] = [];
const NO_OWNERS: Array<DeliveryEdits['owners'][number]> = [];

/**
 * One action body's view of the table: reads see the body's edits; `edits()` gives them as data.
 *
 * @example
 * const draft = new DeliveryDraft(context.delivery);
 * draft.edit('target-fund', 'T:0', 0).writeInflight().add(0);
 * enqueue({ type: 'applyDeliveryEdits', params: draft.edits() });
 */
export class DeliveryDraft {
  // A body edits a handful of cursors: short lists beat maps here (one draft per broker event), shared empty ones
  // until the first edit.
  private edited: EditedCursor[] = NO_CURSORS;
  private owners: Array<DeliveryEdits['owners'][number]> = NO_OWNERS;

  constructor(private readonly table: DeliveryTable) {}

  /** A group's cursor on a queue as the body sees it, if it has one. */
  cursor(group: string, queue: string): QueueCursor | undefined {
    for (const e of this.edited) if (e.group === group && e.queue === queue) return e.cursor;
    return this.table.cursor(group, queue);
  }

  /** The cursor to change: the body's copy of it, made now; a group without one on this queue starts at `next`. */
  edit(group: string, queue: string, next: number): DraftCursor {
    for (const e of this.edited) if (e.group === group && e.queue === queue) return e.cursor;
    const cursor = new DraftCursor(this.table.cursor(group, queue), next);
    if (this.edited === NO_CURSORS) this.edited = [];
    this.edited.push({ group, queue, cursor });
    return cursor;
  }

  /** The queues a group has a cursor on, in the order they got one (the body's new ones last). */
  queuesOf(group: string): string[] {
    const queues = [...(this.table.queuesOf(group) ?? [])];
    for (const e of this.edited) if (e.group === group && !queues.includes(e.queue)) queues.push(e.queue);
    return queues;
  }

  owner(group: string, queue: string): string | undefined {
    for (let i = this.owners.length - 1; i >= 0; i--) {
      const o = this.owners[i] as DeliveryEdits['owners'][number];
      if (o.group === group && o.queue === queue) return o.owner;
    }
    return this.table.owner(group, queue);
  }

  setOwner(group: string, queue: string, owner: string): void {
    if (this.owners === NO_OWNERS) this.owners = [];
    this.owners.push({ group, queue, owner });
  }

  /** The body's edits, for `applyDeliveryEdits`; undefined when it changed nothing. */
  edits(): DeliveryEdits | undefined {
    if (this.edited === NO_CURSORS && this.owners === NO_OWNERS) return undefined;
    return { cursors: this.edited, owners: this.owners };
  }
}
