// One business intervention of the operator (seed section 5): an alert's lifecycle. `investigating` while people
// find and fix the cause (operatorRedriveAfterMs); then `redriving` a dead-lettered message (the console's resend of
// the group's DLQ messages of that order) or `resuming` a half message parked in TRANS_CHECK_MAX_TIME_TOPIC
// (RESUME_CHECK_HALF_MESSAGE); both are final: the operator acts once per alert and order.
// Durable: nothing of its own (the operator writes `acted/...` before it starts one). Volatile: all of it; a crash
// of the operator's node drops the intervention with its timer, and it is never carried out.
import { setup } from 'xstate';
import { EFFECT_ACTIONS, decide, type Outbox } from './effects.ts';
import type { ModelEnv } from './env.ts';
import type { Received } from './protocol.ts';

export type AlertKind = Received<'alert'>['alert'];

export interface InterventionInput {
  env: ModelEnv;
  /** What the broker raised: a dead letter (`dlq`) or a parked half message (`check-max`). */
  alert: AlertKind;
  /** The broker that raised it, and is told what to do. */
  broker: string;
  order: string;
  /** The consumer group (dlq) or producer group (check-max) of the alert. */
  group: string;
}

/** The re-drive of the order's dead letters of the group, to the broker that raised the alert. */
function redrive(context: InterventionInput, _event: unknown, out: Outbox): void {
  out.send(context.broker, { type: 'redrive', group: context.group }, context.order);
}

/** RESUME_CHECK_HALF_MESSAGE for the order's parked half message. */
function resume(context: InterventionInput, _event: unknown, out: Outbox): void {
  out.send(context.broker, { type: 'resume' }, context.order);
}

export const interventionMachine = setup({
  types: { input: {} as InterventionInput, context: {} as InterventionInput },
  delays: {
    // The operator only starts an intervention when it is configured (operatorRedriveAfterMs not null).
    causeFixed: ({ context }) => context.env.config.operatorRedriveAfterMs ?? 0,
  },
  guards: {
    deadLetter: ({ context }) => context.alert === 'dlq',
  },
  actions: {
    ...EFFECT_ACTIONS,
    // Effects only, decided as params in the config below.
    redrive: EFFECT_ACTIONS.effects,
    resume: EFFECT_ACTIONS.effects,
  },
}).createMachine({
  id: 'intervention',
  context: ({ input }) => input,
  initial: 'investigating',
  states: {
    investigating: {
      after: { causeFixed: [{ guard: 'deadLetter', target: 'redriving' }, { target: 'resuming' }] },
    },
    redriving: { type: 'final', entry: { type: 'redrive', params: decide(redrive) } },
    resuming: { type: 'final', entry: { type: 'resume', params: decide(resume) } },
  },
});
