// The trace index: each model message's fate, found again from what a fact knows about its send.
import { describe, expect, it } from 'vitest';
import { FateClaims, indexTrace, isLost } from '../../report/traceIndex.ts';
import { runs } from './fixtures.ts';

describe('indexTrace', () => {
  it('finds the dropped commit from the end-tx fact that sent it', () => {
    const outcome = runs.lostCommit();
    const index = indexTrace(outcome.trace);
    const endTx = outcome.facts.find((f) => f.kind === 'end-tx' && !f.fromCheck);
    expect(endTx).toBeDefined();
    const fate = new FateClaims(index).take('commit', 'o1', endTx?.kind === 'end-tx' ? endTx.node : '', endTx?.t ?? -1);
    expect(fate).toMatchObject({ msg: 'commit', from: 'producer-1', to: 'broker-1', dropped: 'scripted', delivered: 0 });
    expect(fate !== undefined && isLost(fate)).toBe(true);
    expect(outcome.trace.at(fate?.faultSeq ?? -1).kind).toBe('DROP');
  });

  it('claims each message once', () => {
    const index = indexTrace(runs.lostCommit().trace);
    const claims = new FateClaims(index);
    const first = index.fates[0];
    expect(first).toBeDefined();
    if (first === undefined) return;
    expect(claims.take(first.msg, first.order, first.from, first.time, first.to)).toBe(first);
    expect(claims.take(first.msg, first.order, first.from, first.time, first.to)).toBeUndefined();
  });

  it('records crashes and restarts, and a message lost at a node that was down', () => {
    const index = indexTrace(runs.producerCrash().trace);
    expect(index.nodeEvents.filter((e) => e.node === 'producer-1').map((e) => [e.kind, e.time])).toEqual([
      ['CRASH', 3],
      ['RESTART', 1_003],
    ]);
    expect(index.fates.find((f) => f.msg === 'prepareAck')).toMatchObject({ lost: 'node-down', delivered: 0 });
  });

  it('is empty for a run recorded without trace', () => {
    const index = indexTrace(runs.traceless().trace);
    expect(index.enabled).toBe(false);
    expect(index.fates).toEqual([]);
  });
});
