// The runs the report tests draw: each a small scripted run with one lesson (a lost commit, consumer retries, a
// poison message, an unresolved transaction, a crash ...). Built once per test file and shared.
import { makeConfig } from '../../model/config.ts';
import { runModel, type Outcome } from '../../model/world.ts';
import { NO_FAULTS } from '../../sim/faults.ts';
import { order, run } from '../model/fixtures.ts';

const cache = new Map<string, Outcome>();
const once = (name: string, make: () => Outcome): Outcome => {
  let outcome = cache.get(name);
  if (outcome === undefined) cache.set(name, (outcome = make()));
  return outcome;
};

export const runs = {
  /** The article's check-back flow: the commit is lost, the 30 s check-back recovers it. */
  lostCommit: () => once('lostCommit', () => run([order('o1')], [{ at: 0, type: 'drop', message: 'commit', order: 'o1' }]).outcome),
  /** The secondary transaction fails twice, then succeeds: `loop 直到从事务执行成功`. */
  retry: () => once('retry', () => run([order('o1', { consumerFailures: 2 })]).outcome),
  /** A poison message: 16 retries over 4 h 45 min, then the dead-letter queue and an alert. */
  poison: () => once('poison', () => run([order('o1', { consumerFailures: 'always' })]).outcome),
  /** The main transaction stays UNKNOW: 15 check-backs, then parked with a check-max alert. */
  parked: () => once('parked', () => run([order('o1', { localTx: 'unknown' })]).outcome),
  /** The wallet is short: the main transaction fails and the half message is rolled back. */
  rollback: () => once('rollback', () => run([order('o1', { walletBalance: 10 })]).outcome),
  /** The producer crashes before the half message's OK arrives. */
  producerCrash: () => once('producerCrash', () => run([order('o1')], [{ at: 3, type: 'crash', node: 'producer-1', restartAfterMs: 1_000 }]).outcome),
  /** Two orders, an operator, a lost commit, a consumer crash and a partition: the busy report. */
  busy: () =>
    once('busy', () =>
      run(
        [order('o1'), order('o2', { consumerFailures: 'always' }), order('o3', { localTx: 'unknown', checkAnswers: ['unknown', 'commit'] })],
        [
          { at: 0, type: 'drop', message: 'commit', order: 'o1' },
          { at: 5, type: 'crash', node: 'consumer-1', restartAfterMs: 20_000 },
          { at: 10, type: 'partition', between: ['producer-2', 'broker-1'], healAfterMs: 5_000 },
        ],
        { operatorRedriveAfterMs: 60_000 },
      ).outcome,
    ),
  /** A run that kept no trace records. */
  traceless: () =>
    once('traceless', () =>
      runModel(
        { name: 'traceless', seed: 3, config: makeConfig(), orders: [order('o1')], faults: { options: NO_FAULTS, script: [] } },
        { trace: false },
      ),
    ),
};
