// Business intervention (seed section 5): the operator watches the alerts. It is `watching` until an alert comes that
// it acts on, then `intervening` while one intervention or more is under way (model/intervention.ts, one child per
// alert: investigating for operatorRedriveAfterMs, then re-driving the group's dead letters of that order, after
// fixing the cause, or resuming the parked half message, RESUME_CHECK_HALF_MESSAGE). At most once per alert kind
// and order, remembered durably, so a message that fails again stays where it lands.
// Durable (its node's store): OperatorDurableKey, one `acted/<alert>/<order>` per alert acted on. Volatile: the
// interventions under way, children with their timers (an alert whose intervention a crash drops is never acted on:
// the key was written first).
import { assertEvent, enqueueActions, setup } from 'xstate';
import { EFFECT_ACTIONS, Outbox } from './effects.ts';
import type { ModelEnv } from './env.ts';
import { interventionMachine, type AlertKind } from './intervention.ts';
import type { Received } from './protocol.ts';

export interface OperatorInput {
  env: ModelEnv;
}

/** What survives the operator's crash: the alerts it has acted on (its node's store). */
export type OperatorDurableKey = `acted/${AlertKind}/${string}`;

/** Volatile: the interventions under way, by child id (the children and their timers live in the actor). */
export interface OperatorVolatile {
  readonly interventions: ReadonlySet<string>;
}

export interface OperatorContext extends OperatorInput, OperatorVolatile {}

export const actedKey = (alert: AlertKind, order: string): OperatorDurableKey => `acted/${alert}/${order}`;

/** The id of the child carrying out the intervention on an alert. */
export const interventionId = (alert: AlertKind, order: string): string => `intervention:${alert}:${order}`;

const DONE_PREFIX = 'xstate.done.actor.';

export type OperatorEvent = Received<'alert'> | { type: `xstate.done.actor.${string}` };

export const operatorMachine = setup({
  types: { input: {} as OperatorInput, context: {} as OperatorContext, events: {} as OperatorEvent },
  actors: { intervention: interventionMachine },
  guards: {
    /** An operator is configured and has not acted on this alert kind and order before. */
    actsOnAlert: ({ context, event }) => {
      assertEvent(event, 'alert');
      return context.env.config.operatorRedriveAfterMs !== null && !context.env.host.store.has(actedKey(event.alert, event.order));
    },
    /** The intervention that ended was the last one under way. */
    lastIntervention: ({ context, event }) => context.interventions.size === 1 && context.interventions.has(event.type.slice(DONE_PREFIX.length)),
  },
  actions: {
    ...EFFECT_ACTIONS,
    /** Remember the alert durably (first: a crash after it drops the intervention, never repeats it), then start it. */
    intervene: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'alert');
      new Outbox(enqueue, context).node.set(actedKey(event.alert, event.order), true);
      const id = interventionId(event.alert, event.order);
      enqueue.spawnChild('intervention', { id, input: { env: context.env, alert: event.alert, broker: event.from, order: event.order, group: event.group } });
      enqueue.assign({ interventions: new Set(context.interventions).add(id) });
    }),
    /** An intervention reached its final state: its child is removed, so the children are the interventions under way. */
    endIntervention: enqueueActions(({ context, event, enqueue }) => {
      const id = event.type.slice(DONE_PREFIX.length);
      enqueue.stopChild(id);
      const interventions = new Set(context.interventions);
      interventions.delete(id);
      enqueue.assign({ interventions });
    }),
  },
}).createMachine({
  id: 'operator',
  context: ({ input }) => ({ env: input.env, interventions: new Set() }),
  initial: 'watching',
  states: {
    watching: {
      on: { alert: { guard: 'actsOnAlert', target: 'intervening', actions: 'intervene' } },
    },
    intervening: {
      on: {
        alert: { guard: 'actsOnAlert', actions: 'intervene' },
        'xstate.done.actor.*': [{ guard: 'lastIntervention', target: 'watching', actions: 'endIntervention' }, { actions: 'endIntervention' }],
      },
    },
  },
});
