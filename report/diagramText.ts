// The words of a run's sequence diagram, in English and in the seed article's Chinese (业务系统, 事务中心,
// 主事务, 从事务, 反查接口, 执行(购买货币基金) ...). Templates may hold `{n}` (an attempt number) and `{d}` (a
// duration); folding repeated steps turns them into ranges, so they stay placeholders until rendering.
import { EN_DIAGRAM } from './i18n/en.ts';
import { ZH_DIAGRAM } from './i18n/zh.ts';
import type { Lang } from './lang.ts';
import type { Role } from './roles.ts';
import type { UserOp, UserOpOutcome } from './userSteps.ts';

export type MainResult = 'ok' | 'insufficient-balance' | 'business-rollback' | 'check-rollback' | 'unknown' | 'throw';
export type CheckAnswerText = 'commit' | 'rollback' | 'unknown';

export interface DiagramText {
  readonly lang: Lang;
  /** A delivery loop in which the target fund was bought more than once. */
  repeatedPurchaseLoop(purchases: number, deliveries: number): string;
  role(role: Role): string;
  /** The subscribers' common role name (a lane caption). */
  subscriber: string;
  title(name: string, seed: number, scope: string): string;
  scopeOrder(order: string): string;
  scopeOrders(count: number): string;
  orderSection(order: string): string;
  placed(order: string, node: string, amount: number): string;
  prepare(attempt: number): string;
  prepareOk: string;
  sendFailed: string;
  mainCall: string;
  mainReturn(result: MainResult): string;
  unknownNote: string;
  endTx(action: 'commit' | 'rollback'): string;
  /** Template with `{n}`. */
  check: string;
  checkQuery: string;
  checkReturn(answer: CheckAnswerText): string;
  checkReply(answer: CheckAnswerText): string;
  committed(queue: number): string;
  rolledBack: string;
  rejected(reason: string): string;
  parked(checkTimes: number): string;
  alert(kind: 'dlq' | 'check-max'): string;
  resume: string;
  redrive: string;
  /** Template with `{n}`. */
  deliver(redriven: boolean): string;
  consumeReturn(result: 'ok' | 'duplicate' | 'failed'): string;
  /** Template with `{n}` and `{d}`. */
  retry: string;
  dlq(group: string, reconsumeTimes: number): string;
  subscriberDeliver: string;
  subscriberReturn(ok: boolean): string;
  crash(node: string, kind: string, lostWrites: number): string;
  restart(node: string): string;
  partition(a: string, b: string): string;
  partitionHealed(a: string, b: string): string;
  lost(reason: string): string;
  duplicated: string;
  delayed(ms: string): string;
  altSucceeded: string;
  altFailed: string;
  deliveryLoop(succeeded: boolean, deliveries: number, retries: number, delays: string | undefined): string;
  checkLoop(resolved: boolean, checks: number, interval: string | undefined, every: boolean): string;
  subscribers: string;
  omitted(count: number): string;
  noTrace: string;
  at(time: string): string;
  /** The client library calls a user's machine (`deliver`, `executeLocal`, `check`), named as RocketMQ's listener method. */
  userCall(call: string, txId: string): string;
  /** A database request of a user's machine: `read KEY`, `write KEY`, `transaction OPS`. */
  userOp(op: UserOp): string;
  /** Its outcome: what a read found, a write done, a transaction committed or rolled back (and why). */
  userResult(op: UserOp, outcome: UserOpOutcome): string;
  /** A database request a crash of its instance aborted before it finished: nothing of it written. */
  userAborted(op: UserOp, node: string): string;
  /** A memory access (the instance's volatile map); a read with what it found. */
  userMemory(op: UserOp, outcome: UserOpOutcome | undefined): string;
  /** A user consumer's ack reached the broker's stored offsets: a restart will not deliver the message again. */
  ackPersisted(node: string, broker: string): string;
  /** The machine's answer (`consumeAck success`, `endTransaction commit`, `checkReply unknown` ...). */
  userAnswer(answer: string, value: string): string;
}

/** The listener method a call stands for. */
export const LISTENER_METHOD: Readonly<Record<string, string>> = Object.freeze({
  deliver: 'consumeMessage',
  executeLocal: 'executeLocalTransaction',
  check: 'checkLocalTransaction',
});

/** RocketMQ's name of a user machine's answer: CONSUME_SUCCESS, RECONSUME_LATER, COMMIT_MESSAGE ... */
export function answerName(answer: string, value: string): string {
  if (answer === 'consumeAck') return value === 'success' ? 'CONSUME_SUCCESS' : 'RECONSUME_LATER';
  return ({ commit: 'COMMIT_MESSAGE', rollback: 'ROLLBACK_MESSAGE', unknown: 'UNKNOW' } as Record<string, string>)[value] ?? value;
}

/**
 * The diagram wording for a language.
 *
 * @example
 * diagramText('zh').role('tc'); // '事务中心'
 */
export function diagramText(lang: Lang): DiagramText {
  return lang === 'zh' ? ZH_DIAGRAM : EN_DIAGRAM;
}
