// The coordinator shared by the two synchronous designs, XA (prepare / commit / rollback) and TCC (try /
// confirm / cancel): one actor per global transaction. It logs the start durably, asks both participants
// (`business` for the main transaction, `fund` for the secondary), and decides: commit when both said yes,
// abort on a no or when the answers take longer than phaseOneTimeoutMs. The decision is logged durably before
// it is sent (the commit point) and resent every decisionRetryMs until both participants acknowledge. At a
// restart the coordinator resumes from its log: a logged decision is resent, a transaction logged as started
// but undecided is aborted (presumed abort). Between a participant's yes and the decision reaching it, the
// participant can only wait; while the coordinator is down that wait has no bound but its recovery.
import { assign, setup } from 'xstate';
import type { DurableStore } from '../sim/durableStore.ts';
import type { DesignIo } from './harness.ts';

/** The participants, by node name. */
export const PARTICIPANTS = ['business', 'fund'] as const;
/** A participant's node name. */
export type Participant = (typeof PARTICIPANTS)[number];

/** The protocol's message names. Participants answer phase one with `vote` and a decision with `ack`. */
export interface Vocabulary {
  phaseOne: string;
  commit: string;
  abort: string;
}

/** XA's message names. */
export const XA_VOCABULARY: Readonly<Vocabulary> = Object.freeze({ phaseOne: 'prepare', commit: 'commit', abort: 'rollback' });
/** TCC's message names. */
export const TCC_VOCABULARY: Readonly<Vocabulary> = Object.freeze({ phaseOne: 'try', commit: 'confirm', abort: 'cancel' });

/** The coordinator's durable log record, key `tx/<order>`. Deleted once both participants acknowledged. */
export interface TxLogRecord {
  order: string;
  amount: number;
  state: 'started' | 'committing' | 'aborting';
}

/** Where a transaction actor starts: a click (`fresh`) or a log record found at restart. */
export type Resume = 'fresh' | TxLogRecord['state'];

/** One global transaction: its protocol, order and where it starts. */
export interface TxInput {
  io: DesignIo;
  vocabulary: Vocabulary;
  order: string;
  amount: number;
  resume: Resume;
}

/** The transaction actor's volatile state: votes and acknowledgements heard, decision sends made. */
export interface TxContext extends TxInput {
  votes: Partial<Record<Participant, boolean>>;
  acked: Partial<Record<Participant, true>>;
  /** Decision sends so far (bounded by decisionMaxAttempts). */
  attempts: number;
}

/** A participant's phase-one answer or its acknowledgement of the decision. */
export type TxEvent =
  | { type: 'vote'; from: string; order: string; yes: boolean }
  | { type: 'ack'; from: string; order: string; decision: 'commit' | 'abort' };

function participant(from: string): Participant | undefined {
  return (PARTICIPANTS as readonly string[]).includes(from) ? (from as Participant) : undefined;
}

/**
 * One global transaction on the coordinator.
 *
 * @example
 * const [s, actions] = initialTransition(txMachine, { io, vocabulary: XA_VOCABULARY, order: 'o1', amount: 100, resume: 'fresh' });
 * s.value; // 'phaseOne'; actions: logStart, sendPhaseOne
 */
export const txMachine = setup({
  types: { context: {} as TxContext, input: {} as TxInput, events: {} as TxEvent },
  actions: {
    log: ({ context }, params: { state: TxLogRecord['state'] }) =>
      context.io.host.store.set(`tx/${context.order}`, { order: context.order, amount: context.amount, state: params.state } satisfies TxLogRecord),
    forget: ({ context }) => context.io.host.store.delete(`tx/${context.order}`),
    sendPhaseOne: ({ context }) => {
      for (const p of PARTICIPANTS) context.io.host.send(p, context.vocabulary.phaseOne, { amount: context.amount }, { order: context.order });
    },
    recordVote: assign({
      votes: ({ context, event }) => {
        const p = event.type === 'vote' ? participant(event.from) : undefined;
        return p === undefined || event.type !== 'vote' ? context.votes : { ...context.votes, [p]: event.yes };
      },
    }),
    sendDecision: ({ context }, params: { decision: 'commit' | 'abort' }) => {
      const type = params.decision === 'commit' ? context.vocabulary.commit : context.vocabulary.abort;
      for (const p of PARTICIPANTS) if (context.acked[p] === undefined) context.io.host.send(p, type, { amount: context.amount }, { order: context.order });
    },
    countAttempt: assign({ attempts: ({ context }) => context.attempts + 1 }),
    recordAck: assign({
      acked: ({ context, event }) => {
        const p = event.type === 'ack' ? participant(event.from) : undefined;
        return p === undefined ? context.acked : { ...context.acked, [p]: true as const };
      },
    }),
    outcome: ({ context }, params: { outcome: string }) => context.io.host.record('ORDER_END', { order: context.order, detail: params.outcome }),
  },
  guards: {
    resumeIs: ({ context }, params: { resume: Resume }) => context.resume === params.resume,
    votedNo: ({ event }) => event.type === 'vote' && !event.yes,
    allYes: ({ context }) => PARTICIPANTS.every((p) => context.votes[p] === true),
    allAcked: ({ context }) => PARTICIPANTS.every((p) => context.acked[p] === true),
    ackOf: ({ event }, params: { decision: 'commit' | 'abort' }) => event.type === 'ack' && event.decision === params.decision,
    canRetry: ({ context }) => context.attempts < context.io.timing.decisionMaxAttempts,
  },
  delays: {
    phaseOneTimeout: ({ context }) => context.io.timing.phaseOneTimeoutMs,
    retry: ({ context }) => context.io.timing.decisionRetryMs,
  },
}).createMachine({
  id: 'tx',
  context: ({ input }) => ({ ...input, votes: {}, acked: {}, attempts: 0 }),
  initial: 'start',
  states: {
    start: {
      always: [
        { guard: { type: 'resumeIs', params: { resume: 'committing' } }, target: 'committing' },
        { guard: { type: 'resumeIs', params: { resume: 'aborting' } }, target: 'aborting' },
        { guard: { type: 'resumeIs', params: { resume: 'started' } }, target: 'aborting', actions: { type: 'log', params: { state: 'aborting' } } },
        { target: 'phaseOne', actions: { type: 'log', params: { state: 'started' } } },
      ],
    },
    phaseOne: {
      entry: 'sendPhaseOne',
      on: {
        vote: [
          { guard: 'votedNo', target: 'aborting', actions: ['recordVote', { type: 'log', params: { state: 'aborting' } }] },
          { actions: 'recordVote' },
        ],
      },
      always: { guard: 'allYes', target: 'committing', actions: { type: 'log', params: { state: 'committing' } } },
      after: { phaseOneTimeout: { target: 'aborting', actions: { type: 'log', params: { state: 'aborting' } } } },
    },
    committing: {
      entry: ['countAttempt', { type: 'sendDecision', params: { decision: 'commit' } }],
      on: { ack: { guard: { type: 'ackOf', params: { decision: 'commit' } }, actions: 'recordAck' } },
      always: { guard: 'allAcked', target: 'committed' },
      after: { retry: [{ guard: 'canRetry', target: 'committing', reenter: true }, { target: 'gaveUp' }] },
    },
    aborting: {
      entry: ['countAttempt', { type: 'sendDecision', params: { decision: 'abort' } }],
      on: { ack: { guard: { type: 'ackOf', params: { decision: 'abort' } }, actions: 'recordAck' } },
      always: { guard: 'allAcked', target: 'aborted' },
      after: { retry: [{ guard: 'canRetry', target: 'aborting', reenter: true }, { target: 'gaveUp' }] },
    },
    committed: { type: 'final', entry: ['forget', { type: 'outcome', params: { outcome: 'committed' } }] },
    aborted: { type: 'final', entry: ['forget', { type: 'outcome', params: { outcome: 'aborted' } }] },
    // The log record stays: an operator's job. The run then ends unsettled and shows it.
    gaveUp: { type: 'final', entry: { type: 'outcome', params: { outcome: 'gave-up' } } },
  },
});

/** Transactions the coordinator's log holds, as inputs to resume them at boot. */
export function recoverTransactions(io: DesignIo, vocabulary: Vocabulary): Array<{ order: string; input: TxInput }> {
  return io.host.store.entries<TxLogRecord>('tx/').map(([, r]) => ({
    order: r.order,
    input: { io, vocabulary, order: r.order, amount: r.amount, resume: r.state },
  }));
}

/** Open transactions in a coordinator's log. */
export function openTransactions(store: DurableStore): number {
  return store.keys('tx/').length;
}
