// Named scenario `broker-crash-async-flush`: the broker machine dies before its page cache reaches the disk.
import { defineScenario } from '../format.ts';

export const brokerCrashAsyncFlush = defineScenario({
  name: 'broker-crash-async-flush',
  title: 'Under async flush the broker machine loses power 200 ms after the commit: the half message, the committed message and its op record were never flushed, and the committed main transaction loses its message.',
  lesson:
    'RocketMQ\'s default flushDiskType is ASYNC_FLUSH: SEND_OK means the message is in the page cache. The flush ' +
    'thread wakes every 500 ms but writes only once 16 KB (4 pages) are dirty, and otherwise everything every 10 s, ' +
    'so at low traffic up to ten seconds of writes sit in memory. A broker process crash loses nothing; a machine ' +
    'crash or power loss loses the unflushed tail. Here that tail holds everything about o1, so after the restart there is no half ' +
    'message to check and no message to deliver: the money is in the money-market fund forever. For money flows the ' +
    'RocketMQ docs recommend SYNC_FLUSH with a SYNC_MASTER and a slave; run this scenario with "flush": "sync" to see ' +
    'the message survive.',
  scenario: {
    seed: 15,
    config: { flush: 'async', tagSubscribers: false },
    orders: [{ id: 'o1', amount: 100, walletBalance: 1000 }],
    faults: [
      { at: 0, type: 'drop', message: 'deliver', order: 'o1', count: 2 },
      { at: 200, type: 'crash', node: 'broker-1', kind: 'machine', restartAfterMs: 5000 },
    ],
    expect: [
      { order: 'o1', main: 'committed', targetPurchases: 0 },
      { order: 'o1', violation: 'no-loss' },
      { order: 'o1', violation: 'atomicity' },
      { order: 'o1', violation: 'tag-routing' },
      { order: 'o1', violation: 'liveness' },
    ],
  },
});
