// Mutant check-answer-commit-when-unknown: checkLocalTransaction answers from the instance's in-memory map and
// COMMIT when it has no entry - exactly RocketMQ's TransactionListenerImpl sample, copied into production. A lost
// ROLLBACK (or a rolled-back order checked by another instance of the group) then commits a transaction whose main
// transaction never happened: the target fund is bought without the wallet paying. Caught by atomicity and
// half-invisible (a commit after the rollback was decided).
import type { Mutant } from '../types.ts';
import { rememberingProducer } from './checkAnswerFromMemory.ts';

/** The sample's checkLocalTransaction: memory first, COMMIT otherwise. */
export const checkAnswerCommitWhenUnknown: Mutant = {
  name: 'check-answer-commit-when-unknown',
  description: 'Checks are answered from the instance\'s memory and COMMIT when absent (RocketMQ\'s sample listener): rolled-back orders get bought (atomicity).',
  caughtBy: ['atomicity', 'half-invisible', 'money-conserved'],
  machines: rememberingProducer('commit'),
};
