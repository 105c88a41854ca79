// Mutant half-visible-before-commit: the broker writes a prepared (half) message straight into the business
// topic's queue when it stores it, as if it were a normal message, so consumers see it before the transaction
// is decided - and even when it is rolled back. Caught by half-invisible (and atomicity for rolled-back orders).
import { appendMessage, brokerMachine, dispatch, finish, stepOf, topicQueue } from '../../model/broker.ts';
import type { TransactionCenterEvent } from '../../model/transactionCenter.ts';
import { enqueueActions } from 'xstate';
import type { Mutant } from '../types.ts';
import { originalAction } from './original.ts';

type Prepare = Extract<TransactionCenterEvent, { type: 'prepare' }>;
const forward = originalAction(brokerMachine, 'forwardToTransactionCenter');

/** A broker whose half messages are visible from the moment they are stored. */
export const halfVisibleBeforeCommit: Mutant = {
  name: 'half-visible-before-commit',
  description: 'Half messages are appended to the business topic on prepare: delivered before any commit, and after rollbacks (half-invisible).',
  caughtBy: ['half-invisible'],
  machines: {
    broker: brokerMachine.provide({
      actions: {
        forwardToTransactionCenter: enqueueActions(({ context, event, enqueue }) => {
          enqueue(forward);
          if (event.type !== 'prepare') return;
          const prepare = event as unknown as Prepare;
          const { env } = context;
          const step = stepOf(context, enqueue);
          const queue = topicQueue(prepare.queue % env.config.queuesPerTopic);
          appendMessage(step.out.node, queue, { txId: prepare.txId, order: prepare.order, tag: prepare.tag, bornMs: prepare.bornMs, reconsumeTimes: 0, redriven: false });
          for (const spec of env.topology.groups) dispatch(step, spec, queue);
          finish(step, enqueue);
        }),
      },
    }),
  },
};
