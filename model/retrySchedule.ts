// The consumer retry schedule as RocketMQ's broker computes it, pure functions of the config (no state):
// - maxReconsumeTimes: -1 means 16 for a concurrent listener (DefaultMQPushConsumerImpl.getMaxReconsumeTimes:
//   `if (this.defaultMQPushConsumer.getMaxReconsumeTimes() == -1) return 16;`), per group when the group sets one;
// - the delay level of a failed message: the listener's choice (delayLevelWhenNextConsume) when positive, else
//   3 + reconsumeTimes (AbstractSendMessageProcessor / SendMessageProcessor.consumerSendMsgBack:
//   `if (0 == delayLevel) { delayLevel = 3 + msgExt.getReconsumeTimes(); }`), and a level beyond the table is
//   clamped to the last one (HookUtils.transformDelayLevelMessage: `if (msg.getDelayTimeLevel() >
//   ...getMaxDelayLevel()) msg.setDelayTimeLevel(...getMaxDelayLevel())`), so a short delayLevelsMs table is legal;
// - a negative chosen level, or reconsumeTimes >= maxReconsumeTimes, sends the message to %DLQ%<group>.
import type { ModelConfig } from './config.ts';

/** RocketMQ's value of maxReconsumeTimes when the push consumer leaves it at -1 (concurrent listeners). */
export const DEFAULT_MAX_RECONSUME_TIMES = 16;

/** -1 (RocketMQ's "not set") as 16; any other value as is. */
export function normalizeMaxReconsumeTimes(value: number): number {
  return value === -1 ? DEFAULT_MAX_RECONSUME_TIMES : value;
}

/**
 * The maxReconsumeTimes a group's consumers send with each send-back: the group's own, else the config's.
 *
 * @example
 * maxReconsumeTimesFor(makeConfig({ maxReconsumeTimes: -1 }), 'target-fund'); // 16
 */
export function maxReconsumeTimesFor(config: Pick<ModelConfig, 'maxReconsumeTimes' | 'groups'>, group: string): number {
  const own = config.groups[group]?.maxReconsumeTimes;
  return normalizeMaxReconsumeTimes(own ?? config.maxReconsumeTimes);
}

/** The delay of a delay level (1-based), clamped to the table's last level (and to its first from below). */
export function delayOfLevelMs(config: Pick<ModelConfig, 'delayLevelsMs'>, level: number): number {
  const levels = config.delayLevelsMs;
  const clamped = Math.min(Math.max(level, 1), levels.length);
  return levels[clamped - 1] as number;
}

/**
 * Delay before the retry of a message that failed with `reconsumeTimes` earlier failures, when the listener left
 * the level to the broker (level firstRetryDelayLevel + reconsumeTimes, clamped to the last level).
 *
 * @example
 * retryDelayMs(makeConfig(), 0); // 10_000 (level 3)
 * retryDelayMs(makeConfig({ delayLevelsMs: [1000, 2000] }), 5); // 2_000 (clamped to the last level)
 */
export function retryDelayMs(config: Pick<ModelConfig, 'delayLevelsMs' | 'firstRetryDelayLevel'>, reconsumeTimes: number): number {
  return delayOfLevelMs(config, config.firstRetryDelayLevel + reconsumeTimes);
}

/**
 * Where a failed message goes: `dlq`, or a retry after `delayMs`. `chosenLevel` is the listener's
 * delayLevelWhenNextConsume (0: the broker decides; negative: straight to the DLQ).
 *
 * @example
 * nextRetry(makeConfig(), 'target-fund', 16, 0); // { dlq: true }
 * nextRetry(makeConfig(), 'target-fund', 0, 5); // { dlq: false, delayMs: 60_000 }
 */
export function nextRetry(
  config: Pick<ModelConfig, 'maxReconsumeTimes' | 'groups' | 'delayLevelsMs' | 'firstRetryDelayLevel'>,
  group: string,
  reconsumeTimes: number,
  chosenLevel = 0,
): { dlq: true } | { dlq: false; delayMs: number } {
  if (chosenLevel < 0 || reconsumeTimes >= maxReconsumeTimesFor(config, group)) return { dlq: true };
  return { dlq: false, delayMs: chosenLevel > 0 ? delayOfLevelMs(config, chosenLevel) : retryDelayMs(config, reconsumeTimes) };
}

/**
 * The longest a message can spend in retries before it reaches the DLQ: the sum of the capped schedule over the
 * largest maxReconsumeTimes of any group, each retry at least as long as the longest level a listener may choose.
 */
export function longestRetryScheduleMs(config: Pick<ModelConfig, 'maxReconsumeTimes' | 'groups' | 'delayLevelsMs' | 'firstRetryDelayLevel'>, chosenLevels = false): number {
  let max = normalizeMaxReconsumeTimes(config.maxReconsumeTimes);
  for (const group of Object.values(config.groups)) {
    if (group.maxReconsumeTimes !== undefined) max = Math.max(max, normalizeMaxReconsumeTimes(group.maxReconsumeTimes));
  }
  const longest = Math.max(...config.delayLevelsMs);
  let total = 0;
  for (let n = 0; n < max; n++) total += chosenLevels ? longest : retryDelayMs(config, n);
  return total;
}
