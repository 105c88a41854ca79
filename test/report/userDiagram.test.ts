// A user's machine in the teaching output: every diagram format (PlantUML, Mermaid, the HTML report's SVG) and the
// narration, in English and Chinese, show its calls, its database requests and their outcomes, its answers, when
// its ack became durable, and a database request a crash aborted (the request, the crash, no result). Runs:
// test/report/userRuns.ts (ack before commit then a crash; two concurrent deliveries that both read 'absent'; the
// correct consumer whose transaction a crash aborts; a user producer answering a check-back).
import { describe, expect, it } from 'vitest';
import { summarizeOrders } from '../../model/orderSummary.ts';
import type { RunResult } from '../../properties/runAndCheck.ts';
import { narrate } from '../../cli/narrate.ts';
import { htmlReport } from '../../report/htmlReport.ts';
import { sequenceDiagram } from '../../report/sequenceDiagram.ts';
import { sequenceModel } from '../../report/sequenceModel.ts';
import { sequenceSvg } from '../../report/sequenceSvg.ts';
import { indexTrace } from '../../report/traceIndex.ts';
import { userSteps } from '../../report/userSteps.ts';
import { Trace } from '../../sim/trace.ts';
import { runs } from './fixtures.ts';
import { userRuns } from './userRuns.ts';
import { englishProse } from './zhLeak.ts';

/** The users' own keys in these runs: their identifiers, not prose. */
const USER_KEYS = ['processed', 'local', 'committed', 'ack-before-commit', 'check-then-act', 'user-producer-check'];

const plantuml = (r: RunResult, lang: 'en' | 'zh'): string => sequenceDiagram(r.outcome, { format: 'plantuml', lang, violations: r.violations });
const mermaid = (r: RunResult, lang: 'en' | 'zh'): string => sequenceDiagram(r.outcome, { format: 'mermaid', lang, violations: r.violations });
const svg = (r: RunResult, lang: 'en' | 'zh'): string => sequenceSvg(sequenceModel(r.outcome, { lang, violations: r.violations }));
const story = (r: RunResult, lang: 'en' | 'zh'): string[] => narrate(r.outcome, summarizeOrders(r.outcome), r.violations, { lang });

/** The index of each needle's first line in `lines` after the previous needle's; -1 where one is missing. */
function inOrder(text: string, needles: readonly string[]): number[] {
  const lines = text.split('\n');
  let from = 0;
  return needles.map((needle) => {
    const i = lines.findIndex((line, k) => k >= from && line.includes(needle));
    if (i >= 0) from = i + 1;
    return i;
  });
}

describe('ack before commit, then the crash that aborts the purchase', () => {
  const r = (): RunResult => userRuns.ackFirstCrash();

  it('the run is the bug: acked, the purchase aborted, never bought', () => {
    expect(r().violations.map((v) => v.property)).toContain('atomicity');
    expect(r().outcome.target['inv-o1']?.purchases ?? 0).toBe(0);
  });

  it('the trace records the request and no result; userSteps places the abort right after the crash', () => {
    const steps = userSteps(indexTrace(r().outcome.trace));
    expect(steps.map((s) => s.kind)).toEqual(['call', 'answer', 'begin', 'aborted']);
    const aborted = steps[3] as Extract<(typeof steps)[number], { kind: 'aborted' }>;
    expect(aborted.op).toEqual({ kind: 'transaction', subject: 'insert+buyTargetFund' });
    expect(aborted).toMatchObject({ node: 'consumer-1', time: 15_034, crash: 'machine', order: 'o1' });
  });

  it('PlantUML (en): call, answer, ack, request, the ack made durable, crash, abort, in that order, and no result', () => {
    const text = plantuml(r(), 'en');
    expect(text).toContain('participant "Your consumer (machine)" as app_sec');
    expect(text).toContain('participant "Target-fund database" as db_sec');
    const at = inOrder(text, [
      'sec -> app_sec: call consumeMessage: deliver tx-o1 @ 34 ms',
      'app_sec --> sec: answer: CONSUME_SUCCESS @ 34 ms',
      'sec --> tc: Return: success @ 34 ms',
      'app_sec -> db_sec: transaction insert+buyTargetFund @ 34 ms',
      "note over tc, sec: broker-1 stores consumer-1's consumed offset: the ack is durable",
      'note over sec, app_sec #FFD6D6: consumer-1 crashed (machine crash) @ 15.034 s',
      'note over app_sec, db_sec #FFD6D6: transaction insert+buyTargetFund aborted: consumer-1 crashed before it finished',
      'note over sec, app_sec: consumer-1 restarted @ 16.034 s',
    ]);
    expect(at.every((i) => i >= 0), `${at.join(',')}\n${text}`).toBe(true);
    expect(text).not.toContain('db_sec --> app_sec');
    // A user consumer's ack is just an ack: never "already done" (that is txsim's own idempotent consumer).
    expect(text).not.toContain('idempotent');
  });

  it('Mermaid (en): the same steps, the abort in a red rect', () => {
    const text = mermaid(r(), 'en');
    const at = inOrder(text, [
      'participant app_sec as Your consumer (machine)',
      'sec->>app_sec: call consumeMessage: deliver tx-o1',
      'app_sec-->>sec: answer: CONSUME_SUCCESS',
      'app_sec->>db_sec: transaction insert+buyTargetFund',
      'rect rgb(255, 214, 214)',
      'Note over sec,app_sec: consumer-1 crashed',
      'rect rgb(255, 214, 214)',
      'Note over app_sec,db_sec: transaction insert+buyTargetFund aborted',
    ]);
    expect(at.every((i) => i >= 0), text).toBe(true);
    expect(text).not.toContain('db_sec-->>app_sec');
  });

  it('the SVG (en and zh): the two lanes, the request arrow, a fault note for the abort, no result arrow', () => {
    for (const lang of ['en', 'zh'] as const) {
      const text = svg(r(), lang);
      expect(text).toContain('data-role="app:sec"');
      expect(text).toContain('data-role="db:sec"');
      expect(text).toMatch(/<g class="msg" data-from="app:sec" data-to="db:sec" data-t="34">/);
      expect(text).not.toContain('data-from="db:sec"');
      expect(text).toMatch(lang === 'en' ? /<g class="note fault">.*transaction insert\+buyTargetFund aborted/s : /<g class="note fault">.*事务 insert\+buyTargetFund 已中止/s);
    }
  });

  it('the HTML report carries the drawn diagram and both sources', () => {
    const html = htmlReport(r().outcome, { lang: 'en', violations: r().violations, replayCommand: 'npx txsim replay x', narration: story(r(), 'en') });
    expect(html).toContain('data-role="app:sec"');
    expect(html).toContain('app_sec-&gt;&gt;db_sec: transaction insert+buyTargetFund');
    expect(html).toContain('consumer-1 crashed during the database transaction insert+buyTargetFund of your consumer machine');
  });

  it("the timeline marks the machine's call, answer and the aborted request on consumer-1's lane, with a legend entry", () => {
    const html = htmlReport(r().outcome, { lang: 'en', violations: r().violations, replayCommand: 'x' });
    for (const kind of ['user-call', 'user-answer', 'user-aborted']) expect(html).toMatch(new RegExp(`<g class="mk k-${kind}" data-kind="${kind}" data-node="consumer-1"`));
    expect(html).not.toContain('data-kind="user-db"');
    expect(html).toContain('data-kind-toggle="user-aborted"');
    expect(html).toContain('svg.swimlane .k-user-aborted path { stroke: #d50000;');
    // txsim's own run: no user markers, no user marker CSS.
    const own = htmlReport(runs.busy(), { lang: 'en', violations: [], replayCommand: 'x' });
    expect(own).not.toContain('user-');
  });

  it('zh diagrams: Chinese words, full-width marks, no English prose', () => {
    for (const text of [plantuml(r(), 'zh'), mermaid(r(), 'zh')]) {
      expect(text).toContain('你的消费者（状态机）');
      expect(text).toContain('目标基金数据库');
      expect(text).toContain('调用 consumeMessage（tx-o1）');
      expect(text).toContain('应答：CONSUME_SUCCESS');
      expect(text).toContain('事务 insert+buyTargetFund 已中止：consumer-1 在它完成前宕机');
      expect(englishProse(text, USER_KEYS), text).toEqual([]);
      expect(text).not.toMatch(/[\u4e00-\u9fff][,:;]/u);
    }
  });

  it('narration (en): what the machine did, in order; the ack is only an ack; the verdict is INCONSISTENT', () => {
    const text = story(r(), 'en').join('\n');
    const at = inOrder(text, [
      '34 ms  o1     delivered to consumer-1',
      'consumer-1 calls your consumer machine: consumeMessage (deliver tx-o1)',
      'your consumer machine on consumer-1 answers CONSUME_SUCCESS',
      'consumer-1 passes CONSUME_SUCCESS on to the broker',
      'your consumer machine on consumer-1 starts a database transaction insert+buyTargetFund',
      "10,007 ms  o1     broker-1 stores consumer-1's consumed offset",
      'consumer-1 crashes (machine)',
      'consumer-1 crashed during the database transaction insert+buyTargetFund of your consumer machine: aborted, nothing of it is written',
      'o1     INCONSISTENT: the message was acknowledged as consumed, but the target fund was never bought, and nothing will deliver it again',
    ]);
    expect(at.every((i) => i >= 0), `${at.join(',')}\n${text}`).toBe(true);
    expect(text).not.toContain('skips it');
    expect(text).not.toContain('consistent: the money-market fund');
  });

  it('narration (zh): the same story, no English prose, full-width marks', () => {
    const text = story(r(), 'zh').join('\n');
    expect(inOrder(text, ['调用你的消费者状态机：consumeMessage（tx-o1）', '应答 CONSUME_SUCCESS', '发起数据库事务 insert+buyTargetFund', '保存了 consumer-1 的消费位点', '完成前宕机：它被中止', '不一致：消息已确认消费，但目标基金从未买入'])
      .every((i) => i >= 0), text).toBe(true);
    expect(englishProse(text, USER_KEYS), text).toEqual([]);
    expect(text).not.toMatch(/[\u4e00-\u9fff][,:;]/u);
    expect(text).not.toContain('跳过');
  });
});

describe('two concurrent deliveries that both read absent and both buy', () => {
  const r = (): RunResult => userRuns.checkThenActRace();

  it('both reads answer absent before either purchase commits, each call numbered; one note for the acks made durable', () => {
    expect(r().violations.map((v) => v.property)).toContain('no-double-purchase');
    const text = plantuml(r(), 'en');
    const at = inOrder(text, [
      'app_sec -> db_sec: (1) read processed/tx-o1 @ 31 ms',
      'app_sec -> db_sec: (2) read processed/tx-o1 @ 37 ms',
      'db_sec --> app_sec: (1) read processed/tx-o1: absent @ 51 ms',
      'db_sec --> app_sec: (2) read processed/tx-o1: absent @ 57 ms',
      'db_sec --> app_sec: (1) transaction put+buyTargetFund: committed @ 61 ms',
      'db_sec --> app_sec: (2) transaction put+buyTargetFund: committed @ 67 ms',
      'note over biz, sec #FFD6D6: violation no-double-purchase',
    ]);
    expect(at.every((i) => i >= 0), `${at.join(',')}\n${text}`).toBe(true);
    // Both acks reached the broker in one offset commit: one note, and the violations stay at the purchase.
    expect(text.match(/stores consumer-1's consumed offset/g)).toHaveLength(1);
    expect(text).toMatch(/violation money-conserved: .* @ 67 ms/);
    const told = story(r(), 'en').join('\n');
    expect(told).toContain('the database read processed/tx-o1 of your consumer machine on consumer-1 (call #2): absent');
    expect(told.match(/stores consumer-1's consumed offset/g)).toHaveLength(1);
  });
});

describe('the correct consumer: a crash aborts its transaction, the redelivery buys once', () => {
  it('request #1, crash, abort, then #2 commits and answers', () => {
    const r = userRuns.correctCrash();
    expect(r.violations).toEqual([]);
    const text = plantuml(r, 'en');
    const at = inOrder(text, [
      'app_sec -> db_sec: (1) transaction insert+buyTargetFund @ 34 ms',
      'consumer-1 crashed (machine crash) @ 39 ms',
      '(1) transaction insert+buyTargetFund aborted',
      'consumer-1 restarted',
      'sec -> app_sec: (2) call consumeMessage: deliver tx-o1',
      'db_sec --> app_sec: (2) transaction insert+buyTargetFund: committed',
      'app_sec --> sec: (2) answer: CONSUME_SUCCESS',
    ]);
    expect(at.every((i) => i >= 0), `${at.join(',')}\n${text}`).toBe(true);
    expect(story(r, 'en').join('\n')).toContain('consistent: the money-market fund and the target fund were each bought once');
  });
});

describe('memory: self-arrows on the machine\'s lane, forgotten in a crash', () => {
  it('reads absent, writes, buys; after the crash reads absent again and buys again', () => {
    const r = userRuns.memoryCrash();
    expect(r.violations.map((v) => v.property)).toContain('no-double-purchase');
    const text = plantuml(r, 'en');
    const at = inOrder(text, [
      'app_sec -> app_sec: (1) memory read seen/tx-o1: absent',
      'app_sec -> app_sec: (1) memory write seen/tx-o1',
      'consumer-1 crashed',
      'app_sec -> app_sec: (2) memory read seen/tx-o1: absent',
      'db_sec --> app_sec: (2) transaction buyTargetFund: committed',
    ]);
    expect(at.every((i) => i >= 0), `${at.join(',')}\n${text}`).toBe(true);
    expect(svg(r, 'en')).toMatch(/data-from="app:sec" data-to="app:sec"/);
    const told = story(r, 'en').join('\n');
    expect(told).toContain('your consumer machine on consumer-1 (call #2) reads seen/tx-o1 from its memory: absent');
    expect(told).toContain('writes seen/tx-o1 to its memory (lost if consumer-1 crashes)');
    expect(englishProse(story(r, 'zh').join('\n'), [...USER_KEYS, 'seen', 'memory-dedup'])).toEqual([]);
  });
});

describe('a user producer', () => {
  it('its database steps draw the main transaction, its check-back answer is read from its record', () => {
    const r = userRuns.producerCheck();
    expect(r.violations).toEqual([]);
    for (const lang of ['en', 'zh'] as const) {
      const text = plantuml(r, lang);
      expect(text).toContain(lang === 'en' ? 'participant "Your producer (machine)" as app_biz' : 'participant "你的生产者（状态机）" as app_biz');
      // txsim's own drawing of the main transaction gives way to the machine's database steps.
      expect(text).not.toMatch(/^\s*biz -> main:/m);
      if (lang === 'zh') {
        expect(englishProse(text, USER_KEYS), text).toEqual([]);
        continue;
      }
      const at = inOrder(text, [
        'biz -> app_biz: (1) call executeLocalTransaction: executeLocal tx-o1',
        'app_biz -> main: (1) transaction put+debitWallet',
        'main --> app_biz: (1) transaction put+debitWallet: committed',
        'app_biz --> biz: (1) answer: COMMIT_MESSAGE',
        'biz -[#red]>x tc: Commit [lost: scripted drop]',
        'tc --> biz: check-back 1',
        'biz -> app_biz: (2) call checkLocalTransaction: check tx-o1',
        'main --> app_biz: (2) read local/o1: found "committed"',
        'app_biz --> biz: (2) answer: COMMIT_MESSAGE',
        'biz --> tc: Commit (check-back answer)',
        // The consumer's calls are numbered apart from the producer's: one call, no number.
        'sec -> app_sec: call consumeMessage: deliver tx-o1',
      ]);
      expect(at.every((i) => i >= 0), `${at.join(',')}\n${text}`).toBe(true);
    }
    const text = story(r, 'en').join('\n');
    expect(inOrder(text, ['the database transaction put+debitWallet of your producer machine on producer-1 (call #1): committed', 'main transaction committed on producer-1', 'answers COMMIT_MESSAGE', 'producer-1 sends COMMIT'])
      .every((i) => i >= 0), text).toBe(true);
    // Its own steps say how it answered the check-back: txsim's own "looks up its local transaction" is not told.
    expect(text).not.toContain('looks up its local transaction');
  });
});

describe("txsim's own runs are drawn as before", () => {
  it('no user lanes, no user steps; a design\'s detail-less CALL record is not a user\'s machine', () => {
    for (const outcome of [runs.busy(), runs.lostCommit(), runs.producerCrash()]) {
      expect(indexTrace(outcome.trace).userRecords).toEqual([]);
      const model = sequenceModel(outcome, { lang: 'en' });
      expect(model.participants.map((p) => p.role).filter((role) => role.startsWith('app:') || role.startsWith('db:'))).toEqual([]);
      expect(story({ outcome, violations: [] } as unknown as RunResult, 'en').join('\n')).not.toContain('your consumer machine');
    }
    const trace = new Trace();
    trace.record(5, 'tcc-1', 'CALL', { msg: 'try', order: 'o1' });
    expect(indexTrace(trace).userRecords).toEqual([]);
  });
});
