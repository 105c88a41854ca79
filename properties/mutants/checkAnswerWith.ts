// The producer's check answer decided again, on a doctored context. The model decides a check's effects as the
// params of its `answerCheck` action (model/businessSystem.ts), from the instance's real context, before any
// implementation runs; a mutant that changes what a check reads (a memory instead of the database, a buffer
// flushed first) provides an `answerCheck` that ignores those params and decides the answer here instead.
import { checkReply, type BusinessSystemContext, type BusinessSystemEvent } from '../../model/businessSystem.ts';
import { EFFECT_ACTIONS, Outbox } from '../../model/effects.ts';

/**
 * Decide the check reply on `context` (reads and writes go to its stores) and run its effects.
 *
 * @example
 * businessSystemMachine.provide({ actions: { answerCheck: ({ context, event }) => answerCheckWith({ ...context, db: view }, event) } });
 */
export function answerCheckWith(context: BusinessSystemContext, event: BusinessSystemEvent): void {
  const out = new Outbox(undefined, context);
  checkReply(context, event, out);
  EFFECT_ACTIONS.effects({ context }, out.effects);
}
