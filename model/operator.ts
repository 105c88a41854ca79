// Business intervention (seed section 5): the operator watches the alerts. A DLQ alert is answered, after
// operatorRedriveAfterMs, by re-driving the group's dead letters of that order (after fixing the cause); a
// check-max alert by resuming the parked half message (RESUME_CHECK_HALF_MESSAGE). At most once per alert kind
// and order, remembered durably, so a message that fails again stays where it lands.
// Durable (its node's store): OperatorDurableKey, one `acted/<alert>/<order>` per alert acted on. Volatile: the
// pending `act` timers (an alert whose timer a crash drops is never acted on: the key was written first).
import { assertEvent, enqueueActions, setup } from 'xstate';
import { EFFECT_ACTIONS, Outbox, decide } from './effects.ts';
import type { ModelEnv } from './env.ts';
import type { Received } from './protocol.ts';

export interface OperatorInput {
  env: ModelEnv;
}

type AlertKind = Received<'alert'>['alert'];

/** What survives the operator's crash: the alerts it has acted on (its node's store). */
export type OperatorDurableKey = `acted/${AlertKind}/${string}`;

/** Volatile state: none in the context; the pending `act` timers live in the actor. */
export type OperatorVolatile = Record<never, never>;

export const actedKey = (alert: AlertKind, order: string): OperatorDurableKey => `acted/${alert}/${order}`;

export type OperatorEvent = Received<'alert'> | { type: 'act'; broker: string; order: string; alert: AlertKind; group: string };

export const operatorMachine = setup({
  types: { input: {} as OperatorInput, context: {} as OperatorInput, events: {} as OperatorEvent },
  actions: {
    ...EFFECT_ACTIONS,
    plan: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'alert');
      const { host, config } = context.env;
      if (config.operatorRedriveAfterMs === null) return;
      const key = actedKey(event.alert, event.order);
      if (host.store.has(key)) return;
      new Outbox(enqueue, context).node.set(key, true);
      enqueue.raise(
        { type: 'act', broker: event.from, order: event.order, alert: event.alert, group: event.group },
        { delay: config.operatorRedriveAfterMs, id: key },
      );
    }),
    // Effects only, decided as params in the config below.
    act: EFFECT_ACTIONS.effects,
  },
}).createMachine({
  id: 'operator',
  context: ({ input }) => input,
  on: {
    alert: { actions: 'plan' },
    act: {
      actions: {
        type: 'act',
        params: decide((_context: OperatorInput, event: OperatorEvent, out) => {
          assertEvent(event, 'act');
          if (event.alert === 'dlq') out.send(event.broker, { type: 'redrive', group: event.group }, event.order);
          else out.send(event.broker, { type: 'resume' }, event.order);
        }),
      },
    },
  },
});
