// What the check service decides for one half message in a round, and whether END_TRANSACTION is too late: pure
// functions of the entry, the time and the config, following TransactionalMessageServiceImpl.check (RocketMQ
// 5.3.x, ../shared/rocketmq-semantics.md 1.4 and 1.7) and EndTransactionProcessor.rejectCommitOrRollback.
// - needDiscard: `TRANSACTION_CHECK_TIMES` absent (the first evaluation) is set to 1 and never discards, so
//   `transactionCheckMax: 0` still gives one check; present and `>= transactionCheckMax` discards.
// - needSkip: `System.currentTimeMillis() - msgExt.getBornTimestamp() > fileReservedTime * 3600L * 1000` discards
//   without a check (both go to TRANS_CHECK_MAX_TIME_TOPIC through resolveDiscardMsg).
// - without CHECK_IMMUNITY_TIME_IN_SECONDS: `0 <= age < transactionTimeOut` ends the round (younger ones follow).
// - with it (immunity = seconds * 1000, no minimum): `age < immunity` -> checkPrepareQueueOffset: resolved when the
//   original offset (TRAN_PREPARED_QUEUE_OFFSET) has an op, else putImmunityMsgBackToHalfQueue re-appends a copy
//   with the incremented count and sends no check (counts burn while immune, apache/rocketmq#8311).
// - otherwise the message is re-appended and checked.
import type { ModelConfig } from './config.ts';
import type { HalfEntry } from './halfMessage.ts';

/** What a check round does with one open half message. */
export type CheckDecision =
  | { kind: 'discard'; reason: 'check-max' | 'file-reserved' }
  | { kind: 'stop' }
  | { kind: 'immune-resolved' }
  | { kind: 'immune-reput' }
  | { kind: 'check' };

type CheckConfig = Pick<ModelConfig, 'checkMax' | 'fileReservedTimeMs' | 'transactionTimeoutMs'>;

/**
 * The decision for `entry` at `now`; `hasOp(offset)` says whether an op record exists for a half-queue offset.
 *
 * @example
 * checkDecision(entry, 40_000, makeConfig({ checkMax: 0 }), () => false); // { kind: 'check' } for a first evaluation
 */
export function checkDecision(entry: HalfEntry, now: number, config: CheckConfig, hasOp: (offset: number) => boolean): CheckDecision {
  // needDiscard: the count is absent (0 here) on the first evaluation, which sets it to 1 instead of comparing.
  if (entry.checkTimes > 0 && entry.checkTimes >= config.checkMax) return { kind: 'discard', reason: 'check-max' };
  const age = now - entry.bornMs;
  if (age > config.fileReservedTimeMs) return { kind: 'discard', reason: 'file-reserved' };
  if (entry.checkImmunitySeconds === undefined) {
    return age >= 0 && age <= config.transactionTimeoutMs ? { kind: 'stop' } : { kind: 'check' };
  }
  if (age < entry.checkImmunitySeconds * 1000) {
    const original = entry.originalOffset >= 0 ? entry.originalOffset : entry.offset;
    return original !== entry.offset && hasOp(original) ? { kind: 'immune-resolved' } : { kind: 'immune-reput' };
  }
  return { kind: 'check' };
}

/**
 * EndTransactionProcessor.rejectCommitOrRollback (since 5.1.1): a commit or rollback that is not a check answer, for
 * a half message carrying CHECK_IMMUNITY_TIME_IN_SECONDS, older than max(immunity, transactionTimeOut)
 * (TransactionalMessageUtil.getImmunityTime) is refused with ILLEGAL_OPERATION (604): "wait check".
 *
 * @example
 * lateEndTransactionRejected({ ...entry, checkImmunitySeconds: 10, bornMs: 0 }, false, 12_000, makeConfig()); // true
 */
export function lateEndTransactionRejected(entry: HalfEntry, fromCheck: boolean, now: number, config: Pick<ModelConfig, 'transactionTimeoutMs'>): boolean {
  if (fromCheck || entry.checkImmunitySeconds === undefined) return false;
  return now - entry.bornMs > Math.max(entry.checkImmunitySeconds * 1000, config.transactionTimeoutMs);
}
