// The test script's memory: how far each order's scripted check answers and consumer failures have got. It is
// the experimenter's, not any node's, so it lives outside the nodes and survives their crashes. Machines only
// peek at it while resolving a transition; using up a step is an effect (`script`, model/effects.ts).
import { TARGET_GROUP, type GroupSettings } from './config.ts';
import type { LocalTxAnswer, OrderSpec } from './runSpec.ts';

/** The attempt counter's key of an order's message in a group. */
const attemptKey = (order: string, group: string): string => `${group}\n${order}`;

/** Whether attempt n (1-based) fails when the first `failures` attempts fail. */
function failsAt(attempt: number, failures: number | 'always'): boolean {
  return failures === 'always' || attempt <= failures;
}

export class OrderScript {
  private readonly checkAnswersUsed = new Map<string, number>();
  private readonly consumerAttempts = new Map<string, number>();

  constructor(
    readonly orders: ReadonlyMap<string, OrderSpec>,
    /** Per consumer group settings (config.groups): a group's listener may fail every message's first attempts. */
    private readonly groups: Readonly<Record<string, GroupSettings>> = {},
  ) {}

  order(id: string): OrderSpec | undefined {
    return this.orders.get(id);
  }

  /** The next scripted check answer for an order, or undefined when its script is used up. Reads only. */
  peekCheckAnswer(order: string): LocalTxAnswer | undefined {
    const spec = this.orders.get(order);
    if (spec === undefined) return undefined;
    const used = this.checkAnswersUsed.get(order) ?? 0;
    return used >= spec.checkAnswers.length ? undefined : spec.checkAnswers[used];
  }

  /** The check answer peeked at was given: the next peek sees the one after it. */
  useCheckAnswer(order: string): void {
    const spec = this.orders.get(order);
    const used = this.checkAnswersUsed.get(order) ?? 0;
    if (spec !== undefined && used < spec.checkAnswers.length) this.checkAnswersUsed.set(order, used + 1);
  }

  /** Whether the next attempt of the target-fund listener fails, as the script says. Reads only. */
  peekConsumerAttemptFails(order: string): boolean {
    return this.peekListenerAttempt(order, TARGET_GROUP).fails;
  }

  /**
   * The next attempt of a group's listener on an order's message, read only: it fails while the attempt is within
   * the order's consumerFailures (target-fund) or the group's `failures`, and then sets the delay level the order
   * lists for that group's failure (delayLevelWhenNextConsume; 0: the broker decides).
   */
  peekListenerAttempt(order: string, group: string): { fails: boolean; delayLevel: number } {
    const attempt = (this.consumerAttempts.get(attemptKey(order, group)) ?? 0) + 1;
    const spec = this.orders.get(order);
    if (spec === undefined) return { fails: false, delayLevel: 0 };
    const fails = failsAt(attempt, group === TARGET_GROUP ? spec.consumerFailures : 0) || failsAt(attempt, this.groups[group]?.failures ?? 0);
    return { fails, delayLevel: fails ? (spec.delayLevels?.[group]?.[attempt - 1] ?? 0) : 0 };
  }

  /** One attempt of a group's listener (default: the target fund's) happened. */
  useConsumerAttempt(order: string, group: string = TARGET_GROUP): void {
    const key = attemptKey(order, group);
    this.consumerAttempts.set(key, (this.consumerAttempts.get(key) ?? 0) + 1);
  }
}
