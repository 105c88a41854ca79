// Every English word a reader sees that is not the checkers' own detail or a scenario's own text: the sequence
// diagram's words, the HTML report's words. One catalogue per language (zh.ts is the Chinese one); the modules
// that use them (diagramText.ts, reportText.ts) hold the shapes and pick the language.
import { answerName, LISTENER_METHOD, type DiagramText } from '../diagramText.ts';
import type { UserOp, UserOpOutcome } from '../userSteps.ts';
import type { MarkerKind } from '../laneMarkers.ts';
import type { ReportText } from '../reportText.ts';
import { TARGET_GROUP } from '../../model/config.ts';
import type { Language } from '../../cli/narrate.ts';
import { duration } from '../duration.ts';
import type { RunReport } from '../../cli/report.ts';
import type { RunWords } from '../../cli/render.ts';
import type { CatalogWords } from '../catalog.ts';

const EN_ROLES: Record<string, string> = {
  biz: 'Business system',
  tc: 'Transaction center',
  main: 'Main transaction',
  sec: 'Secondary transaction',
  ops: 'Operator',
  'app:sec': 'Your consumer (machine)',
  'db:sec': 'Target-fund database',
  'app:biz': 'Your producer (machine)',
};

const enOp = (op: UserOp): string => `${op.kind} ${op.subject}`;
const EN_ROLLED_BACK: Record<string, string> = { 'duplicate-key': 'rolled back (duplicate key)', 'insufficient-balance': 'rolled back (insufficient balance)' };

/** An operation's outcome in English: absent, found VALUE, done, committed, rolled back (why). */
function enOutcome(op: UserOp, outcome: UserOpOutcome): string {
  if (outcome.result === 'absent') return 'absent';
  if (outcome.result === 'found') return `found ${outcome.value ?? ''}`.trimEnd();
  if (outcome.ok) return op.kind === 'transaction' ? 'committed' : 'done';
  return EN_ROLLED_BACK[outcome.result] ?? 'rolled back';
}

const EN_LOST: Record<string, string> = {
  scripted: 'lost: scripted drop',
  random: 'lost: network jitter',
  partition: 'lost: partition',
  'node-down': 'lost: receiver down',
};

export const EN_DIAGRAM: DiagramText = {
  lang: 'en',
  repeatedPurchaseLoop: (purchases, deliveries) => `secondary transaction ran ${purchases} times (repeated purchase): ${deliveries} deliveries`,
  role: (role) => EN_ROLES[role] ?? `Subscriber ${role.slice('sub:'.length)}`,
  subscriber: 'Subscriber',
  title: (name, seed, scope) => `txsim run ${name}, seed ${seed}, ${scope}`,
  scopeOrder: (order) => `order ${order}`,
  scopeOrders: (count) => `${count} order${count === 1 ? '' : 's'}`,
  orderSection: (order) => `Order ${order}`,
  placed: (order, node, amount) => `order ${order} placed at ${node} (amount ${amount})`,
  prepare: (attempt) => (attempt > 1 ? `Prepare (half message, attempt ${attempt})` : 'Prepare (half message)'),
  prepareOk: 'OK',
  sendFailed: 'half message not acknowledged after all attempts: the order fails',
  mainCall: 'execute (buy money-market fund)',
  mainReturn: (result) =>
    ({
      ok: 'Return: success',
      'insufficient-balance': 'Return: failed (insufficient balance)',
      'business-rollback': 'Return: rolled back',
      'check-rollback': 'Return: rolled back',
      unknown: 'Return: UNKNOW',
      throw: 'Return: exception (UNKNOW)',
    })[result],
  unknownNote: 'UNKNOW: no second-phase confirmation, wait for the check-back',
  endTx: (action) => (action === 'commit' ? 'Commit' : 'Rollback'),
  check: 'check-back {n}',
  checkQuery: 'query/execute the transaction',
  checkReturn: (answer) => ({ commit: 'Return: committed', rollback: 'Return: rolled back', unknown: 'Return: unknown' })[answer],
  checkReply: (answer) => `${{ commit: 'Commit', rollback: 'Rollback', unknown: 'UNKNOW' }[answer]} (check-back answer)`,
  committed: (queue) => `half message committed: visible to consumers (queue ${queue})`,
  rolledBack: 'half message rolled back (discarded)',
  rejected: (reason) => `END_TRANSACTION rejected: ${reason}`,
  parked: (checkTimes) => `unresolved after ${checkTimes} check-backs: parked in TRANS_CHECK_MAX_TIME_TOPIC`,
  alert: (kind) => (kind === 'dlq' ? 'alert: dead-letter queue' : 'alert: check-back limit reached'),
  resume: 'resume the check-backs (business intervention)',
  redrive: 're-drive the dead letter (business intervention)',
  deliver: (redriven) => (redriven ? 'execute (buy target fund), attempt {n}, re-driven' : 'execute (buy target fund), attempt {n}'),
  consumeReturn: (result) =>
    ({ ok: 'Return: success', duplicate: 'Return: success (idempotent: already done)', failed: 'Return: failed (RECONSUME_LATER)' })[result],
  retry: 'retry {n} in {d}',
  dlq: (group, r) => `moved to the dead-letter queue %DLQ%${group} after ${r} retries`,
  subscriberDeliver: 'deliver',
  subscriberReturn: (ok) => (ok ? 'Return: success' : 'Return: failed'),
  crash: (node, kind, lostWrites) => `${node} crashed (${kind || 'machine'} crash${lostWrites > 0 ? `, ${lostWrites} unflushed writes lost` : ''})`,
  restart: (node) => `${node} restarted`,
  partition: (a, b) => `network partition between ${a} and ${b}`,
  partitionHealed: (a, b) => `partition between ${a} and ${b} healed`,
  lost: (reason) => EN_LOST[reason] ?? `lost: ${reason}`,
  duplicated: 'duplicated',
  delayed: (ms) => `delayed ${ms}`,
  altSucceeded: 'main transaction succeeded',
  altFailed: 'main transaction failed',
  deliveryLoop: (succeeded, deliveries, retries, delays) =>
    `${succeeded ? 'until the secondary transaction succeeds' : 'secondary transaction retries'}: ${deliveries} deliveries` +
    (retries > 0 ? `, ${retries} retr${retries === 1 ? 'y' : 'ies'}${delays === undefined ? '' : `, ${delays}`}` : ''),
  checkLoop: (resolved, checks, interval, every) =>
    `${resolved ? 'check-backs until resolved' : 'check-backs, unresolved'}: ${checks} check-backs` +
    (interval === undefined ? '' : every ? `, every ${interval}` : `, ${interval} apart`),
  subscribers: 'deliveries to the tag subscribers',
  omitted: (count) => `${count} more order${count === 1 ? '' : 's'} not shown (pass order to draw one)`,
  noTrace: 'trace disabled: lost messages and crashes are not shown',
  at: (time) => `@ ${time}`,
  userCall: (call, txId) => `call ${LISTENER_METHOD[call] ?? call}: ${call} ${txId}`,
  userOp: (op) => enOp(op),
  userResult: (op, outcome) => `${enOp(op)}: ${enOutcome(op, outcome)}`,
  userAborted: (op, node) => `${enOp(op)} aborted: ${node} crashed before it finished, nothing of it was written`,
  userMemory: (op, outcome) => `memory ${enOp(op)}${outcome === undefined ? '' : `: ${enOutcome(op, outcome)}`}`,
  userAnswer: (answer, value) => `answer: ${answerName(answer, value)}`,
  ackPersisted: (node, broker) => `${broker} stores ${node}'s consumed offset: the ack is durable, a restart of ${node} will not deliver this message again`,
};

const EN_MARKERS: Record<MarkerKind, string> = {
  half: 'half message stored',
  'main-commit': 'main transaction committed',
  'main-rollback': 'main transaction rolled back',
  commit: 'message committed',
  rollback: 'message rolled back',
  check: 'check-back',
  deliver: 'delivery',
  consumed: 'consumed',
  'consume-failed': 'consume failed',
  dlq: 'dead-letter queue',
  parked: 'parked (check max)',
  alert: 'alert',
  operator: 'operator action',
  drop: 'message dropped',
  lost: 'message lost',
  duplicate: 'message duplicated',
  crash: 'crash',
  restart: 'restart',
  partition: 'partition',
  'user-call': 'your machine called',
  'user-db': 'your machine: database result',
  'user-aborted': 'your machine: database request aborted by a crash',
  'user-answer': 'your machine answered',
};

export const EN_REPORT: ReportText = {
  htmlLang: 'en',
  scenarioVerdict: (ok, n) => (!ok ? 'FAILED: expectations not met' : n > 0 ? 'design limit shown: violations as expected' : 'OK: every expectation met'),
  designLimitHint: 'This scenario shows where the design stops protecting you: the violations below are the ones it expects, so the run is OK.',
  lesson: 'Lesson',
  narration: 'What happened',
  expectations: 'Expectations',
  expectationsHint: "What the scenario says must happen; the command's verdict is these, plus no violation the scenario does not expect.",
  expectationMet: (met) => (met ? 'met' : 'NOT met'),
  got: 'got',
  unexpected: 'Unexpected violations',
  gap: (from, to, length) => `nothing happens from ${from} to ${to} (${length}): cut out of the axis`,
  foldedLanes: (names) => `Nodes with nothing to show, folded: ${names}`,
  sequenceSvgHint: 'Drawn from the run: every message one arrow, lost ones red with a cross, faults and violations in red notes. The Mermaid and PlantUML sources are below.',
  sources: 'Diagram sources (Mermaid, PlantUML)',
  statecharts: 'Statecharts',
  statechartsHint: "Each machine's states; the order's path is highlighted.",
  defaultTitle: (name, seed) => `txsim run ${name}, seed ${seed}`,
  valid: (valid) => (valid ? 'valid' : 'invalid'),
  yes: 'yes',
  no: 'no',
  summary: 'Summary',
  scenario: 'Run',
  seed: 'Seed',
  orders: 'Orders',
  simTime: 'Simulated time',
  events: 'Trace events',
  settled: 'Settled',
  livelock: 'Livelock',
  healedAt: 'Healed at',
  traceHash: 'Trace hash',
  lostWrites: 'Unflushed writes lost',
  dlq: 'Dead-letter queue',
  parked: 'Parked half messages',
  openHalves: 'Open half messages',
  none: 'none',
  verdicts: 'Verdicts',
  safety: 'Safety',
  liveness: 'Liveness',
  safetyHint: 'nothing bad ever happens (checked over the whole run)',
  livenessHint: 'something good eventually happens (checked at the end, after heal and settle)',
  noViolations: 'no violations',
  violations: (n) => `${n} violation${n === 1 ? '' : 's'}`,
  property: 'Property',
  order: 'Order',
  detail: 'Detail',
  evidence: 'Evidence',
  checkers: 'Checkers',
  checkerPass: 'pass',
  checkerFail: (n) => `${n} violation${n === 1 ? '' : 's'}`,
  replay: 'Replay',
  replayHint: 'This one command reproduces the run exactly (same seed, same trace hash).',
  copy: 'Copy',
  copied: 'Copied',
  timeline: 'Timeline',
  timelineHint: 'One lane per node. The time axis is linear inside each burst of activity; long silences are cut out and marked with their length (+30 s), so milliseconds and hours both fit. Markers at one instant sit side by side. Hover a marker for details, click to pin them.',
  filterOrder: 'Highlight order',
  markerHint: 'Click a marker to see its details here.',
  omittedMarkers: (n) => `${n} markers not drawn (faults are kept first).`,
  heal: 'heal',
  down: 'down',
  partition: 'partitioned',
  traceDisabled: 'The trace was disabled for this run: drops, crashes and partitions are not shown.',
  marker: (kind) => EN_MARKERS[kind],
  faults: 'Faults',
  faultOptions: 'Random fault options (per mille, faulty phase only)',
  faultScript: 'Scripted faults',
  faultNone: 'no faults',
  faultsObserved: 'Observed in the trace',
  at: 'At',
  fault: 'Fault',
  ordersTable: 'Orders',
  ordersShown: (shown, total) => `${shown} of ${total} orders shown.`,
  main: 'Main transaction',
  message: 'Message',
  targetPurchases: 'Target purchases',
  deliveries: 'Deliveries',
  checks: 'Check-backs',
  ledgers: 'Ledgers',
  ledgersHint: 'Per investor: wallet + (MMF bought - MMF redeemed) + target fund must equal the initial wallet.',
  investor: 'Investor',
  before: 'Before',
  after: 'After',
  wallet: 'Wallet',
  mmf: 'MMF bought',
  mmfRedeemed: 'MMF redeemed',
  targetFund: 'Target fund',
  purchases: 'Purchases',
  conserved: 'Conserved',
  diagram: 'Sequence diagram',
  diagramHint: 'Mermaid source (paste into any Mermaid renderer); the PlantUML source follows.',
  config: 'Configuration',
  footer: 'Generated by txsim from the run alone: the same run gives the same file, byte for byte.',
};

/** The narration of a run (cli/narrate.ts). */
export const EN_NARRATION: Language = {
  facts: {
    'order-placed': (f, amount) => `placed with ${f.node}: buy ${amount} of the target fund, paid from the wallet through the money-market fund`,
    'client-response': (f) => `the investor is told ${f.ok ? 'the order succeeded' : `the order failed (${f.reason})`}`,
    'half-sent': (f) => `${f.node} sends the half message (prepare, attempt ${f.attempt}) to ${f.broker}`,
    'half-stored': (f) => `${f.node} stores the half message: invisible to consumers until the second confirmation`,
    'half-send-failed': (f) => `${f.node} gives up sending the half message: the order fails before any money moves`,
    'main-committed': (f) => `main transaction committed on ${f.node}: ${f.amount} moved from the wallet into the money-market fund`,
    'main-rolled-back': (f) => `main transaction rolled back on ${f.node} (${f.reason}): no money moved, so the message must never be delivered`,
    'end-tx': (f) =>
      f.action === 'unknown'
        ? `${f.node} answers UNKNOWN${f.fromCheck ? ' to the check-back' : ''}: the transaction center will ask again later`
        : `${f.node} sends ${f.action.toUpperCase()}${f.fromCheck ? ' in answer to a check-back' : ''} (the second confirmation)`,
    committed: (f) => `${f.node} commits the message: visible on queue ${f.queue}, so the target fund will be bought`,
    'rolled-back': (f) => `${f.node} rolls the half message back: it is discarded and nothing will be bought`,
    'end-tx-rejected': (f) => `${f.node} ignores a late or repeated confirmation (${f.reason})`,
    'check-sent': (f) => `no second confirmation yet: ${f.node} sends check-back #${f.checkTimes} to ${f.producer}`,
    'check-answered': (f) => `${f.node} looks up its local transaction and answers the check-back: ${f.answer.toUpperCase()}`,
    parked: (f) => `its check count at ${f.checkTimes} (TRANSACTION_CHECK_TIMES), ${f.node} parks the half message in TRANS_CHECK_MAX_TIME_TOPIC: nobody decides it without an operator`,
    resumed: (f) => `an operator resumes the parked half message on ${f.node}: check-backs start again`,
    alert: (f) => `ALERT (${f.alert}) from ${f.node}: a person has to look at this order`,
    delivered: (f) =>
      f.group === TARGET_GROUP ? `delivered to ${f.node}${f.reconsumeTimes > 0 ? ` (retry ${f.reconsumeTimes})` : ''}${f.redriven ? ', re-driven by the operator' : ''}` : undefined,
    filtered: () => undefined,
    consumed: (f) =>
      f.group !== TARGET_GROUP
        ? undefined
        : f.applied
          ? `${f.node} buys the target fund: the secondary transaction is done`
          : `${f.node} has seen this transaction id before and skips it: the idempotency record absorbs the duplicate`,
    purchased: (f) => `${f.node}'s own consumer machine commits the purchase of the target fund`,
    'consume-failed': (f) => (f.group === TARGET_GROUP ? `${f.node} fails to buy the target fund (attempt ${f.reconsumeTimes + 1}); it answers RECONSUME_LATER` : undefined),
    'retry-scheduled': (f) => (f.group === TARGET_GROUP ? `${f.node} schedules retry ${f.reconsumeTimes} in ${duration(f.delayMs)}` : undefined),
    dlq: (f) => `after ${f.reconsumeTimes} retries ${f.node} moves the message to the dead-letter queue %DLQ%${f.group}`,
    redriven: (f) => `the operator re-drives the message from the dead-letter queue of ${f.group}`,
    'writes-lost': (f) => `${f.node} lost ${f.count} write(s) not yet flushed to disk (async flush)`,
  },
  fault: (e) => {
    switch (e.kind) {
      case 'CRASH': return `${e.node} crashes (${e.detail}): its timers and memory are gone`;
      case 'RESTART': return `${e.node} restarts and recovers from its durable store`;
      case 'DROP': return `the ${e.msg} from ${e.node} to ${e.peer} is lost (${e.detail})`;
      case 'LOST': return `the ${e.msg} from ${e.peer} never arrives at ${e.node} (${e.detail === 'node-down' ? 'it is down' : e.detail})`;
      case 'DUPLICATE': return `the ${e.msg} from ${e.node} to ${e.peer} is duplicated`;
      case 'DELAY': return `the ${e.msg} from ${e.node} to ${e.peer} is held back ${e.value} ms`;
      case 'PARTITION': return `${e.node} and ${e.peer} are cut off from each other`;
      case 'PARTITION_HEALED': return `${e.node} and ${e.peer} hear each other again`;
      case 'HEAL': return 'the faulty phase ends: random faults and partitions stop, crashed nodes restart (scripted faults already armed still apply)';
      default: return undefined;
    }
  },
  heading: { timeline: 'What happened', meaning: 'What it means', violations: 'Violations' },
  more: (n) => `... ${n} more event(s); --trace shows every event`,
  subscribers: (n) => `(the tag subscribers ops, customer-service, orchestration, compliance and data-center handled ${n} ${n === 1 ? 'delivery' : 'deliveries'}, not shown)`,
  verdict: (o) => {
    if (o.targetPurchases > 1) return `REPEATED PURCHASE: the target fund was bought ${o.targetPurchases} times for one order`;
    if (o.main !== 'committed' && o.targetPurchases > 0) return `INCONSISTENT: the target fund was bought although the main transaction is ${o.main}`;
    if (o.main === 'committed' && o.message === 'consumed' && o.targetPurchases === 0) return 'INCONSISTENT: the message was acknowledged as consumed, but the target fund was never bought, and nothing will deliver it again';
    if (o.main === 'committed' && o.message === 'consumed') {
      return `consistent: the money-market fund and the target fund were each bought once${o.checks > 0 ? `, after ${o.checks} check-back(s)` : ''}${o.deliveries > 1 ? `; ${o.deliveries} deliveries (failed attempts and duplicates), one purchase` : ''}`;
    }
    if (o.main === 'committed' && o.message === 'dlq') return 'waiting for a person: the money left the wallet, the message is in the dead-letter queue and the alert asks an operator to re-drive it';
    if (o.main === 'committed' && o.message === 'filtered') return "INCONSISTENT: the money-market fund was bought, but the target group's own subscription filters the message out, so nothing will buy the target fund";
    if (o.message === 'parked') return `waiting for a person: the half message was parked when its check count ran out (${o.checks} check-back(s) sent); an operator must resume it`;
    if (o.main === 'rolled_back' && o.targetPurchases === 0) return o.message === 'rolled_back' || o.message === 'pending' ? 'consistent: the main transaction failed and nothing was bought' : `the main transaction failed; message ${o.message}`;
    if (o.main === 'committed') return `INCONSISTENT: the money-market fund was bought but the message is ${o.message}`;
    return `undecided: main transaction ${o.main}, message ${o.message}`;
  },
  violation: (v) => `${v.property}${v.order !== undefined ? ` (${v.order})` : ''} [${v.class}]: ${v.detail}`,
  none: 'none: every property holds',
  user: (s, role) => {
    const no = s.callCount > 1 ? ` (call #${s.callNo})` : '';
    const who = `your ${role} machine on ${s.node}${no}`;
    switch (s.kind) {
      case 'call': return `${s.node} calls your ${role} machine${no}: ${LISTENER_METHOD[s.call] ?? s.call} (${s.call} ${s.txId})`;
      case 'begin': return `${who} starts a database ${enOp(s.op)}`;
      case 'result': return `the database ${enOp(s.op)} of ${who}: ${enOutcome(s.op, s.outcome)}`;
      case 'aborted': return `${s.node} crashed during the database ${enOp(s.op)} of your ${role} machine${no}: aborted, nothing of it is written`;
      case 'memory':
        return s.op.kind === 'read'
          ? `${who} reads ${s.op.subject} from its memory: ${s.outcome === undefined ? '' : enOutcome(s.op, s.outcome)}`
          : `${who} writes ${s.op.subject} to its memory (lost if ${s.node} crashes)`;
      case 'answer': return `${who} answers ${answerName(s.answer, s.value)}`;
    }
  },
  userAckPersisted: (node, broker) => `${broker} stores ${node}'s consumed offset: the ack is durable, a restart of ${node} will not deliver this message again`,
  userAnswered: (f) =>
    f.group !== TARGET_GROUP
      ? undefined
      : f.kind === 'consumed'
        ? `${f.node} passes CONSUME_SUCCESS on to the broker: for the broker the message is done, whatever your machine has or has not written yet`
        : `${f.node} passes RECONSUME_LATER on to the broker (attempt ${f.reconsumeTimes + 1}): the message will come again`,
};

/** The outcome table, verdict and replay lines of `run` and `replay` (cli/render.ts). */
export const EN_RUN_WORDS: RunWords = {
  outcome: 'Outcome',
  cols: ['order', 'main', 'message', 'purchases', 'deliveries', 'checks'],
  dlq: 'DLQ',
  parked: 'parked',
  alerts: 'alerts',
  none: 'none',
  expectations: 'Expectations',
  unexpected: 'Unexpected violations',
  got: 'got',
  ok: 'OK',
  failed: 'FAILED',
  stats: (r: RunReport) => `seed ${r.seed}, ${r.events} events, ${duration(r.simTimeMs)} simulated${r.settled ? '' : ', did NOT settle'}${r.livelock ? ', LIVELOCK' : ''}`,
  trace: 'trace',
  replay: 'replay',
  traceHeading: 'Trace',
  alert: (kind: string, order: string, t: number) => `${kind} ${order} @${t} ms`,
};

/** The catalogue's sentences (report/catalog.ts): expectations, end states, violation notes. */
export const EN_CATALOG: CatalogWords = {
  propertyClass: (cls) => cls,
  expectField: (order, field, state) => `${order} ${field} = ${state}`,
  expectViolation: (property, order) => `violation ${property}${order === undefined ? '' : ` on ${order}`}`,
  expectAlert: (alert, order) => `alert ${alert}${order === undefined ? '' : ` for ${order}`}`,
  noViolations: 'no property violations',
  found: (n) => `${n} found`,
  notFound: 'not found',
  raised: 'raised',
  notRaised: 'not raised',
  violationCount: (n) => `${n} violation(s)`,
  endBoughtTimes: (n) => `end state: the target fund was bought ${n} times (repeated purchase)`,
  endBoughtAlthough: (main) => `end state: the target fund was bought although the main transaction is ${main}`,
  endParked: 'end state: parked in TRANS_CHECK_MAX_TIME_TOPIC, the target fund not bought: waiting for an operator',
  endDlq: 'end state: in the dead-letter queue, the target fund not bought: waiting for an operator to re-drive it',
  endNeverBought: (message) => `end state: the money is in the money-market fund but the target fund was never bought (message ${message})`,
  endUnfinished: (main, message) => `end state: unfinished (main ${main}, message ${message})`,
  violationNote: (property, detail) => `violation ${property}: ${detail}`,
  scenariosFooter: (n) => `${n} scenario(s); run one with \`npx txsim run NAME\` (add --lang zh for Chinese)`,
};
