// The test script's memory: how far each order's scripted check answers and consumer failures have got. It is
// the experimenter's, not any node's, so it lives outside the nodes and survives their crashes.
import { TARGET_GROUP, type GroupSettings } from './config.ts';
import type { LocalTxAnswer, OrderSpec } from './runSpec.ts';

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

  /** The next scripted check answer for an order, or undefined when its script is used up. */
  nextCheckAnswer(order: string): LocalTxAnswer | undefined {
    const spec = this.orders.get(order);
    if (spec === undefined) return undefined;
    const used = this.checkAnswersUsed.get(order) ?? 0;
    if (used >= spec.checkAnswers.length) return undefined;
    this.checkAnswersUsed.set(order, used + 1);
    return spec.checkAnswers[used];
  }

  /** Count one attempt of the target-fund listener; true when the script says this attempt fails. */
  consumerAttemptFails(order: string): boolean {
    return this.listenerAttempt(order, TARGET_GROUP).fails;
  }

  /**
   * Count one attempt of a group's listener on an order's message: it fails while the attempt is within the order's
   * consumerFailures (target-fund) or the group's `failures`, and then sets the delay level the order lists for that
   * group's failure (delayLevelWhenNextConsume; 0: the broker decides).
   */
  listenerAttempt(order: string, group: string): { fails: boolean; delayLevel: number } {
    const key = `${group}\n${order}`;
    const attempt = (this.consumerAttempts.get(key) ?? 0) + 1;
    this.consumerAttempts.set(key, attempt);
    const spec = this.orders.get(order);
    if (spec === undefined) return { fails: false, delayLevel: 0 };
    const fails = failsAt(attempt, group === TARGET_GROUP ? spec.consumerFailures : 0) || failsAt(attempt, this.groups[group]?.failures ?? 0);
    return { fails, delayLevel: fails ? (spec.delayLevels?.[group]?.[attempt - 1] ?? 0) : 0 };
  }
}
