// Structural tests of the run diagrams: the article's participants, the branch and retry blocks, lost messages and
// crashes marked, folding of long retry runs, Chinese names, escaping, and same run -> same text.
import { describe, expect, it } from 'vitest';
import { renderSequence, sequenceDiagram, type SequenceDiagramOptions } from '../../report/sequenceDiagram.ts';
import { sequenceModel, type SequenceModel } from '../../report/sequenceModel.ts';
import { order, run } from '../model/fixtures.ts';
import { runs } from './fixtures.ts';

const puml = (outcome: Parameters<typeof sequenceDiagram>[0], extra: Partial<SequenceDiagramOptions> = {}): string =>
  sequenceDiagram(outcome, { format: 'plantuml', lang: 'en', ...extra });
const mermaid = (outcome: Parameters<typeof sequenceDiagram>[0], extra: Partial<SequenceDiagramOptions> = {}): string =>
  sequenceDiagram(outcome, { format: 'mermaid', lang: 'en', ...extra });

const lines = (text: string): string[] => text.split('\n').map((l) => l.trim());

/** Every block opened is closed, in both formats. */
function expectBalanced(text: string): void {
  let depth = 0;
  for (const line of lines(text)) {
    if (/^(alt|loop|par|rect|opt|group)\b/.test(line)) depth++;
    else if (line === 'end') depth--;
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  expect(depth).toBe(0);
}

describe('participants', () => {
  it('are the article four in its order, quoted with ASCII aliases in Chinese', () => {
    const text = puml(runs.lostCommit(), { lang: 'zh' });
    const participants = lines(text).filter((l) => l.startsWith('participant '));
    expect(participants).toEqual([
      'participant "业务系统" as biz',
      'participant "事务中心" as tc',
      'participant "主事务" as main',
      'participant "从事务" as sec',
    ]);
    expect(text.startsWith('@startuml\n')).toBe(true);
    expect(text.endsWith('@enduml\n')).toBe(true);
  });

  it('are named in English with lang en, and in Mermaid syntax', () => {
    const text = mermaid(runs.lostCommit());
    expect(lines(text).filter((l) => l.startsWith('participant '))).toEqual([
      'participant biz as Business system',
      'participant tc as Transaction center',
      'participant main as Main transaction',
      'participant sec as Secondary transaction',
    ]);
    expect(text.startsWith('sequenceDiagram\n')).toBe(true);
  });

  it('add the operator when an alert goes out, and subscribers only when asked', () => {
    expect(puml(runs.parked(), { lang: 'zh' })).toContain('participant "运维" as ops');
    expect(puml(runs.lostCommit())).not.toContain('as ops');
    const withSubs = puml(runs.lostCommit(), { lang: 'zh', subscribers: true });
    expect(withSubs).toContain('participant "订阅方 data-center" as sub_data_center');
    expect(withSubs).toMatch(/^\s*par 投递给标签订阅方$/m);
    expectBalanced(withSubs);
  });
});

describe('the lost commit and the check-back (the article\'s second diagram)', () => {
  it('marks the lost commit with a red cross and recovers through 反查接口 inside alt 主事务执行成功', () => {
    const text = puml(runs.lostCommit(), { lang: 'zh' });
    const ls = lines(text);
    const prepare = ls.indexOf('biz -> tc: Prepare（半消息） @ 0 ms');
    const ok = ls.indexOf('tc --> biz: OK @ 5 ms');
    const alt = ls.indexOf('alt 主事务执行成功');
    const lost = ls.findIndex((l) => /^biz -\[#red\]>x tc: Commit \[丢失：注入故障\] @ \d+ ms$/.test(l));
    const check = ls.findIndex((l) => l.startsWith('tc --> biz: 反查接口（第 1 次）'));
    const reply = ls.findIndex((l) => l.startsWith('biz --> tc: Commit（反查结果）'));
    const deliver = ls.findIndex((l) => l.startsWith('tc -> sec: 执行（购买目标基金）'));
    expect([prepare, ok, alt, lost, check, reply, deliver].every((i) => i >= 0)).toBe(true);
    expect(prepare < ok && ok < alt && alt < lost && lost < check && check < reply && reply < deliver).toBe(true);
    expect(ls.filter((l) => l.startsWith('loop'))).toEqual([]);
    expectBalanced(text);
  });

  it('uses Mermaid\'s cross arrow for the lost commit', () => {
    expect(mermaid(runs.lostCommit())).toMatch(/^\s*biz-xtc: Commit \[lost: scripted drop\] @ \d+ ms$/m);
  });
});

describe('branches and retries', () => {
  it('wraps the secondary transaction\'s retries in one loop with its counts and delays', () => {
    const text = puml(runs.retry());
    expect(text).toMatch(/^\s*alt main transaction succeeded$/m);
    expect(text).toMatch(/^\s*loop until the secondary transaction succeeds: 3 deliveries, 2 retries, 10 s \.\. 30 s$/m);
    expect(lines(text).filter((l) => l.startsWith('tc -> sec: execute (buy target fund), attempt'))).toHaveLength(3);
    expect(lines(text).filter((l) => l.startsWith('sec --> tc: Return: failed (RECONSUME_LATER)'))).toHaveLength(2);
    expectBalanced(text);
  });

  it('uses the article\'s loop label in Chinese', () => {
    expect(puml(runs.retry(), { lang: 'zh' })).toMatch(/^\s*loop 直到从事务执行成功：投递 3 次，重试 2 次，10 s \.\. 30 s$/m);
  });

  it('folds a poison message\'s 16 identical retries into one iteration, then the DLQ and the alert', () => {
    const text = puml(runs.poison());
    expect(text).toMatch(/^\s*loop secondary transaction retries: 17 deliveries, 16 retries, 10 s \.\. 2 h$/m);
    const delivers = lines(text).filter((l) => l.startsWith('tc -> sec:'));
    expect(delivers).toHaveLength(2);
    expect(delivers[0]).toMatch(/^tc -> sec: execute \(buy target fund\), attempt 1\.\.16 @ \d+ ms \.\. 2 h 45 min/);
    expect(delivers[1]).toMatch(/attempt 17 @ 4 h 45 min/);
    expect(text).toMatch(/note over tc: retry 1\.\.16 in 10 s, 30 s, 1 min, 2 min, .*, 1 h, 2 h @/);
    expect(text).toMatch(/note over tc #FFD6D6: moved to the dead-letter queue %DLQ%target-fund after 16 retries/);
    expect(text).toMatch(/^\s*tc -> ops: alert: dead-letter queue/m);
    expectBalanced(text);
  });

  it('draws every iteration when folding is off', () => {
    const text = puml(runs.poison(), { foldAfter: 100 });
    expect(lines(text).filter((l) => l.startsWith('tc -> sec:'))).toHaveLength(17);
  });

  it('takes the failure branch when the main transaction fails', () => {
    const text = puml(runs.rollback(), { lang: 'zh' });
    expect(text).toContain('main --> biz: Return：失败（余额不足）');
    expect(text).toMatch(/^alt 主事务执行失败\n\s+biz -> tc: Rollback/m);
    expect(text).toContain('note over tc: 半消息回滚（丢弃）');
    expect(text).not.toContain('tc -> sec');
    expectBalanced(text);
  });

  it('loops over unresolved check-backs, then parks the half message and alerts', () => {
    const text = puml(runs.parked(), { lang: 'zh' });
    expect(text).toContain('note over biz: UNKNOW：不发送二次确认，等待反查');
    expect(text).toMatch(/^loop 反查仍未决：反查 15 次，每 30 s$/m);
    expect(text).toContain('tc --> biz: 反查接口（第 1..15 次） @ 30 s .. 7 min 30 s');
    expect(text).toMatch(/note over tc #FFD6D6: 反查 15 次仍未决：转入 TRANS_CHECK_MAX_TIME_TOPIC @ 8 min/);
    expect(text).toContain('tc -> ops: 告警：反查次数超限 @ 8 min');
    expect(text).not.toContain('alt ');
    expectBalanced(text);
  });

  it('opens the success branch after the check-back loop that resolved it', () => {
    const { outcome } = run([order('o1', { localTx: 'unknown', checkAnswers: ['unknown', 'commit'] })]);
    const text = puml(outcome);
    expect(text).toMatch(/loop check-backs until resolved: 2 check-backs, every 30 s\n(?:.*\n)*?end\nalt main transaction succeeded\n/);
    expectBalanced(text);
  });
});

describe('faults', () => {
  it('marks a crash and the lost reply it caused', () => {
    const text = puml(runs.producerCrash());
    expect(text).toContain('note over biz #FFD6D6: producer-1 crashed (machine crash) @ 3 ms');
    expect(text).toMatch(/^tc -\[#red\]->x biz: OK \[lost: receiver down\] @ 5 ms$/m);
    expect(text).toContain('note over biz: producer-1 restarted @ 1.003 s');
    const m = mermaid(runs.producerCrash());
    expect(m).toMatch(/rect rgb\(255, 214, 214\)\n\s+Note over biz: producer-1 crashed/);
    expect(m).toMatch(/^\s*tc--xbiz: OK \[lost: receiver down\]/m);
  });

  it('draws a lost delivery the consumer never saw, from the trace alone', () => {
    const { outcome } = run([order('o1')], [{ at: 0, type: 'drop', message: 'deliver', order: 'o1', to: 'consumer-2' }]);
    const text = puml(outcome);
    expect(text).toMatch(/^\s*tc -\[#red\]>x sec: execute \(buy target fund\), attempt 1 \[lost: scripted drop\]/m);
    expect(text).toMatch(/loop until the secondary transaction succeeds: 2 deliveries/);
  });

  it('shows partitions over both sides', () => {
    const text = puml(runs.busy(), { order: 'o1' });
    expect(text).toMatch(/note over biz, tc #FFD6D6: network partition between producer-2 and broker-1 @ 10 ms/);
  });

  it('says so when the run kept no trace', () => {
    const model = sequenceModel(runs.traceless(), { lang: 'en' });
    expect(model.traceless).toBe(true);
    expect(renderSequence(model, 'plantuml')).toContain('note over biz, sec: trace disabled: lost messages and crashes are not shown');
  });
});

describe('several orders', () => {
  it('draws each order in its own section, and only the one asked for with order', () => {
    const text = puml(runs.busy(), { lang: 'zh' });
    expect(lines(text).filter((l) => /^== 订单 o\d ==$/.test(l))).toEqual(['== 订单 o1 ==', '== 订单 o2 ==', '== 订单 o3 ==']);
    expect(text).toContain('title txsim 运行 test，种子 1，3 个订单');
    expectBalanced(text);
    const one = puml(runs.busy(), { lang: 'zh', order: 'o2' });
    expect(one).not.toContain('== ');
    expect(one).toContain('订单 o2');
    expect(one).not.toContain('订单 o1');
  });

  it('caps the orders drawn and says how many were left out', () => {
    const text = mermaid(runs.busy(), { maxOrders: 2 });
    expect(text).toContain('Note over biz,sec: 1 more order not shown (pass order to draw one)');
    expect(text).not.toContain('Order o3');
  });

  it('rejects an unknown order', () => {
    expect(() => puml(runs.busy(), { order: 'o9' })).toThrow(/no order o9/);
  });
});

describe('text', () => {
  it('omits times when asked', () => {
    expect(puml(runs.lostCommit(), { times: false })).not.toContain(' @ ');
  });

  it('escapes Mermaid entity syntax and PlantUML creole in labels', () => {
    const model: SequenceModel = {
      lang: 'en',
      title: 'odd # title; here',
      orders: ['o1'],
      traceless: false,
      participants: [
        { role: 'biz', name: 'Business "system"', alias: 'biz' },
        { role: 'tc', name: 'Transaction center', alias: 'tc' },
      ],
      items: [{ kind: 'arrow', from: 'biz', to: 'tc', dashed: false, lost: false, label: { template: 'a#b;c **bold** //it// <b>x</b>\nnext' } }],
    };
    const m = renderSequence(model, 'mermaid');
    expect(m).toContain('biz->>tc: a#35;b#59;c **bold** //it// <b>x</b> next');
    expect(m).toContain('title odd #35; title#59; here');
    const p = renderSequence(model, 'plantuml');
    expect(p).toContain('biz -> tc: a#b;c *~*bold*~* /~/it/~/ ~<b>x~</b> next');
    expect(p).toContain(`participant "Business 'system'" as biz`);
  });

  it('is the same text for the same run, in this process and from a fresh run of the same spec', () => {
    const a = puml(runs.busy(), { lang: 'zh' });
    expect(puml(runs.busy(), { lang: 'zh' })).toBe(a);
    const again = run(
      [order('o1'), order('o2', { consumerFailures: 'always' }), order('o3', { localTx: 'unknown', checkAnswers: ['unknown', 'commit'] })],
      [
        { at: 0, type: 'drop', message: 'commit', order: 'o1' },
        { at: 5, type: 'crash', node: 'consumer-1', restartAfterMs: 20_000 },
        { at: 10, type: 'partition', between: ['producer-2', 'broker-1'], healAfterMs: 5_000 },
      ],
      { operatorRedriveAfterMs: 60_000 },
    ).outcome;
    expect(puml(again, { lang: 'zh' })).toBe(a);
  });
});
