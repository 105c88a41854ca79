// The actor system of the lean runtime: one per root actor (a node's actor and its children), as XState's
// createSystem. It names actors and keeps the delayed events. The scheduler mirrors XState's exactly: an event
// is keyed by `sessionId.id`; scheduling an id that is already pending replaces the key's entry without cancelling
// the older timer (both fire); cancel clears the key's current timer. Traces stay byte-identical to XState's
// interpreter only if these details match, so they are kept on purpose.
import type { XStateClock } from '../simClock.ts';

/** What the system needs of an actor: its pending delayed events by id, and a way to hand it an event. */
export interface LeanSystemActor {
  readonly sessionId: string;
  /** Delayed events this actor scheduled, by id: XState's `sessionId.id` keys, kept per actor. */
  readonly timers: Map<string, unknown>;
  receive(event: LeanEvent): void;
}

export interface LeanEvent {
  readonly type: string;
  readonly [key: string]: unknown;
}

/**
 * Session ids, relays and delayed events for one tree of lean actors.
 *
 * @example
 * const system = new LeanSystem(clock);
 * system.schedule(actor, actor, { type: 'tick' }, 1_000, 'tick');
 */
export class LeanSystem {
  private nextSession = 0;
  private anonymous = 0;

  constructor(readonly clock: XStateClock) {}

  bookSessionId(): string {
    return `x:${this.nextSession++}`;
  }

  relay(target: LeanSystemActor, event: LeanEvent): void {
    target.receive(event);
  }

  schedule(source: LeanSystemActor, target: LeanSystemActor, event: LeanEvent, delay: number, id?: string): void {
    // XState names an id-less delayed event with Math.random; a counter is as unique and deterministic.
    const eventId = id ?? `lean:${this.anonymous++}`;
    const timers = source.timers;
    const timeout = this.clock.setTimeout(() => {
      timers.delete(eventId);
      target.receive(event);
    }, delay);
    timers.set(eventId, timeout);
  }

  cancel(source: LeanSystemActor, id: string): void {
    const timeout = source.timers.get(id);
    if (timeout === undefined) return;
    source.timers.delete(id);
    this.clock.clearTimeout(timeout);
  }

  /** A stopped or finished actor's delayed events never fire. */
  cancelAll(source: LeanSystemActor): void {
    for (const id of [...source.timers.keys()]) this.cancel(source, id);
  }
}
