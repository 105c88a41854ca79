// The test script's memory: how far each order's scripted check answers and consumer failures have got. It is
// the experimenter's, not any node's, so it lives outside the nodes and survives their crashes. Machines only
// peek at it while resolving a transition; using up a step is an effect (`script`, model/effects.ts).
import type { LocalTxAnswer, OrderSpec } from './runSpec.ts';

export class OrderScript {
  private readonly checkAnswersUsed = new Map<string, number>();
  private readonly consumerAttempts = new Map<string, number>();

  constructor(readonly orders: ReadonlyMap<string, OrderSpec>) {}

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
    const spec = this.orders.get(order);
    if (spec === undefined) return false;
    if (spec.consumerFailures === 'always') return true;
    return (this.consumerAttempts.get(order) ?? 0) + 1 <= spec.consumerFailures;
  }

  /** One attempt of the target-fund listener happened. */
  useConsumerAttempt(order: string): void {
    this.consumerAttempts.set(order, (this.consumerAttempts.get(order) ?? 0) + 1);
  }
}
