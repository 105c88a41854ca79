// What may stay ASCII in Chinese output: code a reader types or greps for (node names, protocol keywords and
// message names, ids, config keys, commands, units, diagram syntax). Everything else that is a Latin word is
// English prose that leaked through a missing translation.
import { CHECKER_NAMES } from '../../properties/index.ts';
import { SCENARIOS } from '../../scenarios/index.ts';

const CODE_WORDS = new Set([
  // nodes and roles
  'operator', 'ops', 'customer-service', 'orchestration', 'compliance', 'data-center', 'target-fund', 'sim',
  // the protocol and RocketMQ's own names
  'Prepare', 'OK', 'Commit', 'Rollback', 'UNKNOW', 'UNKNOWN', 'COMMIT', 'ROLLBACK', 'Return', 'RECONSUME_LATER',
  'END_TRANSACTION', 'TRANS_CHECK_MAX_TIME_TOPIC', 'SEND_OK', 'ASYNC_FLUSH', 'SYNC_FLUSH', 'SYNC_MASTER', 'Broker',
  'RocketMQ', 'DLQ', 'ID', 'executeLocalTransaction', 'checkLocalTransaction', 'flushDiskType', 'TagA', 'TagB',
  'TagC', 'maxReconsumeTimes', 'transactionCheckMax', 'checkIntervalMs', 'transactionTimeoutMs', 'uniqueTxId',
  'idempotentConsumer', 'transactionCenter', 'idealized', 'flush', 'sync', 'false', 'true', 'apache', 'rocketmq',
  'reconsumeTimes', 'op', 'group',
  // a user's machine: the listener method, RocketMQ's answers, the role protocol's database operations
  'consumeMessage', 'CONSUME_SUCCESS', 'COMMIT_MESSAGE', 'ROLLBACK_MESSAGE', 'insert', 'put',
  'delete', 'buyTargetFund', 'debitWallet', 'app_sec', 'db_sec', 'app_biz',
  // units, markers, commands
  'ms', 's', 'min', 'h', 'ok', 'FAIL', 'npx', 'txsim', 'run', 'replay', 'seed', 'lang', 'zh', 'NAME', 'trace', 'json', 'html', 'diagram', 'plantuml', 'mermaid',
  // diagram syntax (PlantUML and Mermaid)
  'startuml', 'enduml', 'title', 'participant', 'as', 'note', 'over', 'alt', 'else', 'end', 'loop', 'par', 'and',
  'sequenceDiagram', 'Note', 'rect', 'rgb', 'biz', 'tc', 'main', 'sec', 'red', 'x', 'FFD6D6',
]);

const CODE_PATTERNS: readonly RegExp[] = [
  /^(producer|broker|consumer)-\d+$/,
  /^sub_[a-z_]+$/,
  /^(tx|inv)-[a-z0-9-]+$/,
  /^[a-z]\d+$/, // order ids o1, a1 ...
  /^[0-9a-f]{16,}$/, // hashes
];

const KNOWN = new Set<string>([...CHECKER_NAMES, ...Object.keys(SCENARIOS)]);

/**
 * The Latin words of a Chinese text that are not code: each is English prose that should have been translated.
 *
 * @example
 * englishProse('订单 o1 已提交 but late'); // ['but', 'late']
 */
export function englishProse(text: string, extra: Iterable<string> = []): string[] {
  const allowed = new Set([...KNOWN, ...extra]);
  // Code spans in backticks, flags and commands after "npx" are code whatever they say.
  const stripped = text
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/npx txsim [^\n]*/g, ' ')
    .replace(/\b[a-z_]+(?:-+>>|-+x|-+>|-\[#\w+\]-?>x?)[a-z_]+:/g, ' ') // arrows: biz->>tc, tc--xbiz, biz -[#red]>x tc
    .replace(/\bt=\d+/g, ' ')
    .replace(/(^|\s)--[a-z-]+/g, ' ');
  const words = stripped.match(/[A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*/g) ?? [];
  return words.filter((w) => !CODE_WORDS.has(w) && !allowed.has(w) && !CODE_PATTERNS.some((p) => p.test(w)));
}
