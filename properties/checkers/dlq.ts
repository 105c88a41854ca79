// dlq: the retry path and the dead-letter queue behave as RocketMQ's broker specifies (rocketmq-semantics.md 2.2,
// 2.3). Per order and consumer group, in history order, split into cycles at each operator re-drive:
// - every `retry-scheduled` delay is delay level firstRetryDelayLevel + reconsumeTimes (clamped at the last level),
//   and no retry is scheduled past maxReconsumeTimes;
// - every delivery with reconsumeTimes n >= 1 comes no earlier than some retry of n fell due, and n never exceeds
//   maxReconsumeTimes (so at most maxReconsumeTimes + 1 deliveries of one message before the DLQ);
// - a message is dead-lettered with reconsumeTimes = maxReconsumeTimes, never more often in a cycle than its last
//   attempt failed, each `dlq` fact with exactly one dlq alert, and (once settled) a message whose last attempt
//   failed was dead-lettered or consumed afterwards.
// Duplicated retry chains (a consumer that crashed before its offset was persisted re-fails the same message) are
// RocketMQ's at-least-once and allowed; the rules above hold for each chain.
// maxReconsumeTimes is the group's own (config.groups, -1 = 16) and a listener may choose the delay level of a
// failed attempt (the order's delayLevels for the group: a level >= 1 is that level's delay, clamped to the table;
// a negative one dead-letters at once), so with chosen levels a delay may also be any chosen level's, and a message
// may be dead-lettered with fewer failures when a negative level was chosen.
import type { ModelConfig } from '../../model/config.ts';
import type { Fact } from '../../model/facts.ts';
import type { Outcome } from '../../model/world.ts';
import type { Checker, Violation } from '../types.ts';
import { isTargetGroup, ofKind, orderFacts, reporter, times } from './history.ts';

const report = reporter('dlq', 'safety');

/** The retry delay RocketMQ's broker applies after a failure of a message that had failed `reconsumeTimes` times. */
export function expectedRetryDelayMs(config: Pick<ModelConfig, 'delayLevelsMs' | 'firstRetryDelayLevel'>, reconsumeTimes: number): number {
  const levels = config.delayLevelsMs;
  const level = Math.min(config.firstRetryDelayLevel + reconsumeTimes, levels.length);
  return levels[Math.max(level, 1) - 1] ?? 0;
}

function groupsOf(facts: readonly Fact[]): string[] {
  const groups = new Set<string>();
  for (const f of facts) if ('group' in f && f.kind !== 'alert' && f.kind !== 'filtered') groups.add(f.group);
  return [...groups];
}

/**
 * Facts of one group split at each `redriven` fact: the retry cycles of one message. A re-drive does not cancel a
 * failed last attempt whose send-back is still on its way: the broker looks the old message up by commit-log offset
 * and dead-letters it after the re-drive (rocketmq-semantics.md 2.2), so such a failure counts in the next cycle.
 */
function cycles(facts: readonly Fact[]): Fact[][] {
  const out: Fact[][] = [[]];
  for (const f of facts) {
    if (f.kind === 'redriven') out.push([]);
    (out[out.length - 1] as Fact[]).push(f);
  }
  return out;
}

/** The group's maxReconsumeTimes: its own setting, else the config's; RocketMQ's -1 means 16. */
function maxFor(config: ModelConfig, group: string): number {
  const value = config.groups[group]?.maxReconsumeTimes ?? config.maxReconsumeTimes;
  return value === -1 ? 16 : value;
}

/** The delay of an explicitly chosen delay level, clamped to the table as the broker's schedule service does. */
function chosenDelayMs(config: ModelConfig, level: number): number {
  const levels = config.delayLevelsMs;
  return levels[Math.min(level, levels.length) - 1] ?? 0;
}

/**
 * The groups whose history for an order holds anything the rules below judge: a retry, a failure, a dead letter or
 * its alert, a redelivery with reconsumeTimes >= 1 or past the group's max. Most orders have none in any group
 * (every rule then holds vacuously): one pass over the order's facts replaces a dozen filtered lists per group.
 */
function groupsWithRetryPath(config: ModelConfig, all: readonly Fact[]): Set<string> | undefined {
  let groups: Set<string> | undefined;
  for (const f of all) {
    let group: string | undefined;
    if (f.kind === 'alert') {
      if (f.alert === 'dlq') group = f.group;
    } else if (f.kind === 'retry-scheduled' || f.kind === 'dlq' || f.kind === 'consume-failed') {
      group = f.group;
    } else if (f.kind === 'delivered' && (f.reconsumeTimes >= 1 || f.reconsumeTimes > maxFor(config, f.group))) {
      group = f.group;
    }
    if (group !== undefined) (groups ??= new Set()).add(group);
  }
  return groups;
}

function checkGroup(outcome: Outcome, order: string, group: string, all: readonly Fact[], out: Violation[]): void {
  const config = outcome.spec.config;
  const max = maxFor(config, group);
  const chosen = outcome.spec.orders.find((o) => o.id === order)?.delayLevels?.[group] ?? [];
  const chosenDelays = chosen.filter((l) => l > 0).map((l) => chosenDelayMs(config, l));
  const mayDeadLetterEarly = chosen.some((l) => l < 0);
  const facts = all.filter((f) => 'group' in f && f.group === group);
  const schedules = ofKind(facts, 'retry-scheduled');
  for (const s of schedules) {
    const expected = expectedRetryDelayMs(config, s.reconsumeTimes - 1);
    if (s.delayMs !== expected && !chosenDelays.includes(s.delayMs)) {
      out.push(
        report(`${group}: retry ${s.reconsumeTimes} scheduled at t=${s.t} with delay ${s.delayMs} ms, expected ${expected} ms (level ${config.firstRetryDelayLevel}+${s.reconsumeTimes - 1})`, order, [`t=${s.t}`]),
      );
    }
    if (s.reconsumeTimes > max) out.push(report(`${group}: retry ${s.reconsumeTimes} scheduled past maxReconsumeTimes=${max}`, order, [`t=${s.t}`]));
  }
  for (const d of ofKind(facts, 'delivered')) {
    if (d.reconsumeTimes > max) {
      out.push(report(`${group}: delivered ${d.reconsumeTimes + 1} times before the DLQ (at most maxReconsumeTimes+1 = ${max + 1})`, order, [`t=${d.t}`]));
    }
    if (d.reconsumeTimes >= 1 && !schedules.some((s) => s.reconsumeTimes === d.reconsumeTimes && s.t + s.delayMs <= d.t)) {
      out.push(report(`${group}: retry ${d.reconsumeTimes} delivered at t=${d.t} before any retry ${d.reconsumeTimes} fell due`, order, [`t=${d.t}`]));
    }
  }
  const alerts = ofKind(all, 'alert').filter((a) => a.alert === 'dlq' && a.group === group);
  const deadLetters = ofKind(facts, 'dlq');
  if (alerts.length !== deadLetters.length) {
    out.push(report(`${group}: ${deadLetters.length} dead letters but ${alerts.length} dlq alerts`, order, times([...deadLetters, ...alerts])));
  }
  let carried = 0;
  for (const cycle of cycles(facts)) {
    const dead = ofKind(cycle, 'dlq');
    const lastAttemptsFailed = ofKind(cycle, 'consume-failed').filter((f) => f.reconsumeTimes >= max || mayDeadLetterEarly);
    for (const d of dead) {
      if (d.reconsumeTimes !== max && !(mayDeadLetterEarly && d.reconsumeTimes < max)) {
        out.push(report(`${group}: dead-lettered at t=${d.t} with reconsumeTimes=${d.reconsumeTimes}, expected maxReconsumeTimes=${max}`, order, [`t=${d.t}`]));
      }
    }
    // Failed last attempts of earlier cycles not dead-lettered there: their send-backs may land in this one.
    const mayDeadLetter = carried + lastAttemptsFailed.length;
    carried = Math.max(0, mayDeadLetter - dead.length);
    if (dead.length > mayDeadLetter) {
      out.push(report(`${group}: ${dead.length} dead letters in one cycle but only ${mayDeadLetter} failed last attempts`, order, times(dead)));
    }
    // A duplicated delivery of the last attempt may fail after the first copy was dead-lettered (its ack is then
    // ignored), so judge from the first failed last attempt: the cycle must dead-letter or consume it afterwards.
    const firstFailure = lastAttemptsFailed[0];
    if (outcome.settled && firstFailure !== undefined) {
      const after = cycle.slice(cycle.indexOf(firstFailure));
      if (!after.some((f) => f.kind === 'dlq' || f.kind === 'consumed')) {
        out.push(report(`${group}: its last attempt failed at t=${firstFailure.t} but it never reached the DLQ`, order, [`t=${firstFailure.t}`]));
      }
    }
  }
}

/**
 * Retry delays, delivery counts and dead letters as RocketMQ specifies.
 *
 * @example
 * dlq.check(outcome); // [{ property: 'dlq', order: 'o3', detail: 'target-fund: delivered 18 times before the DLQ ...' }]
 */
export const dlq: Checker = {
  name: 'dlq',
  class: 'safety',
  description:
    'Retries follow the delay levels (3 + reconsumeTimes), at most maxReconsumeTimes+1 deliveries before the DLQ, one dlq fact and one alert per dead message.',
  check(outcome: Outcome): Violation[] {
    const out: Violation[] = [];
    for (const order of outcome.spec.orders) {
      const facts = orderFacts(outcome, order.id);
      const judged = groupsWithRetryPath(outcome.spec.config, facts);
      if (judged !== undefined) for (const group of groupsOf(facts)) if (judged.has(group)) checkGroup(outcome, order.id, group, facts, out);
      if (outcome.dlq.includes(order.id) && !ofKind(facts, 'dlq').some(isTargetGroup)) {
        out.push(report('in the DLQ at the end without ever being dead-lettered', order.id));
      }
    }
    return out;
  },
};
