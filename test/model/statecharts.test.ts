// The statecharts in docs/model.md are generated from the machine definitions (model/statechart.ts): the committed
// diagrams must equal what the machines generate now (`npm run statecharts` rewrites them).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { brokerMachine } from '../../model/broker.ts';
import { consumerMachine } from '../../model/consumer.ts';
import { localTransactionMachine } from '../../model/localTransaction.ts';
import { transactionCenterMachine } from '../../model/transactionCenter.ts';
import { CHARTED_MACHINES, MODEL_DOC_PATH, statechartOf, withStatecharts } from '../../model/statechart.ts';

describe('statecharts', () => {
  test('docs/model.md shows each machine\'s statechart as generated from its definition', () => {
    const doc = readFileSync(MODEL_DOC_PATH, 'utf8');
    expect(doc, 'run `npm run statecharts` and commit docs/model.md').toBe(withStatecharts(doc));
    for (const { machine } of CHARTED_MACHINES) expect(doc).toContain(statechartOf(machine));
  });

  test('a lifecycle is drawn with its timers, guards, actions and final states', () => {
    const chart = statechartOf(localTransactionMachine).split('\n').map((line) => line.trim());
    expect(chart).toEqual(
      expect.arrayContaining([
        'state localTransaction {',
        '[*] --> sendingHalf',
        'sendingHalf : entry / sendHalf',
        'sendingHalf --> executing : prepareAck / acceptAck',
        'sendingHalf --> sendingHalf : after sendTimeout [canRetry] / nextAttempt',
        'sendingHalf --> sendFailed : after sendTimeout',
        'confirming --> done : always',
        'done --> [*]',
      ]),
    );
    // The `after` timer is the transition drawn, not an entry action.
    expect(chart.filter((line) => line.includes('raise'))).toEqual([]);
  });

  test('what a machine does without leaving a state is written inside it; what it does in every state, beside its box', () => {
    const center = statechartOf(transactionCenterMachine).split('\n').map((line) => line.trim());
    expect(center).toEqual(expect.arrayContaining(['state "checking" as checking', 'checking : entry / checkRound', 'note right of transactionCenter', 'commit / endTransaction', 'end note']));
    expect(center.filter((line) => line.includes('-->') && line.includes('endTransaction'))).toEqual([]);
    const broker = statechartOf(brokerMachine).split('\n').map((line) => line.trim());
    expect(broker).toEqual(expect.arrayContaining(['state "serving" as serving', 'serving : consumeAck / consumeAck']));
    expect(broker.filter((line) => line.includes('-->'))).toEqual(['[*] --> serving']);
  });

  test('nested states are drawn in their boxes; a transition between boxes is drawn once, between the boxes', () => {
    const chart = statechartOf(consumerMachine).split('\n').map((line) => line.trim());
    expect(chart).toEqual(
      expect.arrayContaining([
        'state starting {',
        '[*] --> starting_quiet',
        'state "quiet" as starting_quiet',
        'starting_quiet --> starting_ticking : always [offsetsUnconfirmed] / armCommit',
        'note left of starting',
        'reregister / register, armReregister',
        'state running {',
        'running_ticking --> running_quiet : commitOffsets / commitOffsets',
      ]),
    );
    // starting.quiet -> running.quiet and starting.ticking -> running.ticking: one arrow between the boxes.
    expect(chart.filter((line) => line.includes('[lastBrokerConfirms]'))).toEqual(['starting --> running : registered [lastBrokerConfirms] / confirmRegister']);
  });

  test('the section is refused without its markers', () => {
    expect(() => withStatecharts('# no markers')).toThrow(/markers are missing/);
  });
});
