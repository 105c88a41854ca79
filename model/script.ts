// The test script's memory: how far each order's scripted check answers and consumer failures have got. It is
// the experimenter's, not any node's, so it lives outside the nodes and survives their crashes.
import type { LocalTxAnswer, OrderSpec } from './runSpec.ts';

export class OrderScript {
  private readonly checkAnswersUsed = new Map<string, number>();
  private readonly consumerAttempts = new Map<string, number>();

  constructor(readonly orders: ReadonlyMap<string, OrderSpec>) {}

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
    const spec = this.orders.get(order);
    const attempt = (this.consumerAttempts.get(order) ?? 0) + 1;
    this.consumerAttempts.set(order, attempt);
    if (spec === undefined) return false;
    if (spec.consumerFailures === 'always') return true;
    return attempt <= spec.consumerFailures;
  }
}
