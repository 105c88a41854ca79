// The observed history (model/history.ts): facts come from what crossed the nodes' boundaries, each points at the
// trace record of its boundary event, and a machine cannot claim a fact of an observed kind.
import { describe, expect, test } from 'vitest';
import { enqueueActions } from 'xstate';
import { makeConfig } from '../../model/config.ts';
import { consumerMachine } from '../../model/consumer.ts';
import { Outbox } from '../../model/effects.ts';
import { CLAIM_KINDS } from '../../model/history.ts';
import { runModel } from '../../model/world.ts';
import { PROFILES } from '../../properties/profiles/index.ts';
import { SCENARIOS } from '../../scenarios/index.ts';
import { toRunSpec } from '../../scenarios/toRunSpec.ts';
import { NO_FAULTS } from '../../sim/faults.ts';
import { order, run } from './fixtures.ts';

/** The trace record kind and message each message-derived fact is observed at. */
const AT_MESSAGE: Record<string, { kind: 'SEND' | 'DELIVER'; msg: readonly string[] }> = {
  'half-sent': { kind: 'SEND', msg: ['prepare'] },
  'half-stored': { kind: 'SEND', msg: ['prepareAck'] },
  'check-sent': { kind: 'SEND', msg: ['check'] },
  'check-answered': { kind: 'SEND', msg: ['checkReply'] },
  alert: { kind: 'SEND', msg: ['alert'] },
  consumed: { kind: 'SEND', msg: ['consumeAck'] },
  'consume-failed': { kind: 'SEND', msg: ['consumeAck'] },
  delivered: { kind: 'DELIVER', msg: ['deliver'] },
};

describe('observed history', () => {
  test('a message-derived fact points at its SEND or DELIVER record; any other at the latest record before it', () => {
    const specs = [...Object.values(SCENARIOS).map(({ scenario }) => toRunSpec(scenario)), ...[1, 2, 3].map((s) => PROFILES.harsh!.generate(s))];
    for (const spec of specs) {
      const outcome = runModel(spec);
      for (const fact of outcome.facts) {
        const at = AT_MESSAGE[fact.kind];
        // A write, a reply or a request has no record of its own: its fact points at the latest one before it.
        if (fact.seq === -1) continue;
        const record = outcome.trace.at(fact.seq as number);
        if (at === undefined || !('node' in fact)) {
          expect(record.time, `${spec.name}: ${fact.kind} at t=${fact.t}`).toBeLessThanOrEqual(fact.t);
          continue;
        }
        expect(record.time, `${spec.name}: ${fact.kind} at t=${fact.t}`).toBe(fact.t);
        expect({ kind: record.kind, node: record.node, msg: at.msg.includes(record.msg) }, `${spec.name}: ${fact.kind}`).toEqual({
          kind: at.kind,
          node: fact.node,
          msg: true,
        });
      }
    }
  });

  test('a happy order\'s history, observed at the boundaries, in order', () => {
    const { outcome } = run([order('o1')], [], { tagSubscribers: false, consumers: 1, producers: 1 });
    expect(outcome.facts.map((f) => f.kind)).toEqual([
      'order-placed',
      'half-sent',
      'half-stored',
      'main-committed',
      'client-response',
      'end-tx',
      'committed',
      'delivered',
      'consumed',
    ]);
    expect(outcome.facts.find((f) => f.kind === 'consumed')).toMatchObject({ applied: true, node: 'consumer-1' });
  });

  test('a machine that claims an observed fact is refused', () => {
    // A broken consumer: acks every delivery at once, never runs its listener, and tries to claim a consumption.
    const liar = consumerMachine.provide({
      actions: {
        receive: enqueueActions(({ context, event, enqueue }) => {
          if (event.type !== 'deliver') return;
          const out = new Outbox(enqueue, context);
          out.send(event.from, { type: 'consumeAck', group: event.group, queue: event.queue, offset: event.offset, status: 'success' }, event.order, true);
          out.fact({ t: 0, kind: 'consumed', order: event.order, node: 'consumer-1', group: event.group, txId: event.txId, tag: event.tag, applied: true });
        }),
      },
    });
    const spec = { name: 'liar', seed: 1, config: makeConfig(), orders: [order('o1')], faults: { options: NO_FAULTS, script: [] } };
    expect(() => runModel(spec, { machines: { consumer: liar } })).toThrow(/claimed a 'consumed' fact/);
  });

  test('only facts no boundary shows may be claimed', () => {
    expect([...CLAIM_KINDS].sort()).toEqual(['end-tx', 'end-tx-rejected', 'filtered']);
  });
});
