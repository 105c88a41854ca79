// Business intervention (seed section 5): the operator watches the alerts. A DLQ alert is answered, after
// operatorRedriveAfterMs, by re-driving the group's dead letters of that order (after fixing the cause); a
// check-max alert by resuming the parked half message (RESUME_CHECK_HALF_MESSAGE). At most once per alert kind
// and order, remembered durably, so a message that fails again stays where it lands.
import { assertEvent, enqueueActions, setup } from 'xstate';
import type { ModelEnv } from './env.ts';

export interface OperatorInput {
  env: ModelEnv;
}

export type OperatorEvent =
  | { type: 'alert'; from: string; order: string; alert: 'dlq' | 'check-max'; group: string }
  | { type: 'act'; broker: string; order: string; alert: 'dlq' | 'check-max'; group: string };

export const operatorMachine = setup({
  types: { input: {} as OperatorInput, context: {} as OperatorInput, events: {} as OperatorEvent },
  actions: {
    plan: enqueueActions(({ context, event, enqueue }) => {
      assertEvent(event, 'alert');
      const { host, config } = context.env;
      if (config.operatorRedriveAfterMs === null) return;
      const key = `acted/${event.alert}/${event.order}`;
      if (host.store.has(key)) return;
      host.store.set(key, true);
      enqueue.raise(
        { type: 'act', broker: event.from, order: event.order, alert: event.alert, group: event.group },
        { delay: config.operatorRedriveAfterMs, id: key },
      );
    }),
    act: ({ context, event }) => {
      assertEvent(event, 'act');
      const { host } = context.env;
      if (event.alert === 'dlq') host.send(event.broker, 'redrive', { group: event.group }, { order: event.order });
      else host.send(event.broker, 'resume', {}, { order: event.order });
    },
  },
}).createMachine({
  id: 'operator',
  context: ({ input }) => input,
  on: {
    alert: { actions: 'plan' },
    act: { actions: 'act' },
  },
});
