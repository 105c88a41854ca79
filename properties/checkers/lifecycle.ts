// lifecycle: every transactional message and every delivery follows its lifecycle spec (properties/specs/): an
// event with no transition from the spec instance's current state is a violation, with the times of the event
// and of the instance's previous one. The specs are the source of truth; this checker only reports what
// specRunOf found, so the coverage report and the verdict come from the same pass over the facts.
import type { Outcome } from '../../model/world.ts';
import { specRunOf } from '../specs/runSpecs.ts';
import type { Checker, Violation } from '../types.ts';

/**
 * The lifecycle specs, as a checker.
 *
 * @example
 * lifecycle.check(outcome); // [{ property: 'lifecycle', order: 'o2', detail: "transactional-message-idealized o2 tx-o2 on broker-1: 'committed' at t=90 has no transition from 'committed' ..." }]
 */
export const lifecycle: Checker = {
  name: 'lifecycle',
  class: 'safety',
  description:
    'Each half message (per order, transaction id and broker) and each delivery (per order and consumer group) takes only the transitions its statechart in properties/specs/ allows; idealized mode forbids double and conflicting resolutions.',
  check(outcome: Outcome): Violation[] {
    return [...specRunOf(outcome).violations];
  },
};
