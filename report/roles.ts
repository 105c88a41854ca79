// Who is who in a sequence diagram: the seed article's four participants (business system, transaction center,
// main transaction, secondary transaction) plus the operator and the tag-matrix subscribers, and which
// simulated node plays each. The main transaction is no node: it is the business system's local database work.
import type { Topology } from '../model/env.ts';

/**
 * `app:sec` / `app:biz`: a user's machine in the consumer / producer role; `db:sec`: the target group's database
 * it reads and writes (a user producer's database is the main transaction's, `main`).
 */
export type Role = 'biz' | 'tc' | 'main' | 'sec' | 'ops' | 'app:sec' | 'app:biz' | 'db:sec' | `sub:${string}`;

/** The article's participants, in its order; `ops` and subscribers follow when a diagram needs them. */
export const CORE_ROLES: readonly Role[] = Object.freeze(['biz', 'tc', 'main', 'sec']);

/**
 * The role a node plays: producers are the business system, brokers the transaction center, the target-fund
 * group the secondary transaction, tag-matrix groups are subscribers; undefined for `sim` and unknown names.
 *
 * @example
 * roleOfNode(outcome.topology, 'consumer-2'); // 'sec'
 */
export function roleOfNode(topology: Topology, node: string): Role | undefined {
  if (topology.producers.includes(node)) return 'biz';
  if (topology.brokers.includes(node)) return 'tc';
  if (node === topology.operator) return 'ops';
  for (const group of topology.groups) {
    if (group.instances.includes(node)) return group.role === 'target' ? 'sec' : `sub:${group.group}`;
  }
  return undefined;
}

/**
 * A diagram identifier for a role: ASCII letters, digits and underscores only, so both PlantUML and Mermaid
 * accept it whatever the display name is.
 *
 * @example
 * roleAlias('sub:customer-service'); // 'sub_customer_service'
 */
export function roleAlias(role: Role): string {
  return role.replace(/[^A-Za-z0-9]/g, '_');
}

/**
 * Sort key: core roles first in the article's order (a user's machine and its database beside the instance that
 * calls it), then the operator, then subscribers by name.
 *
 * @example
 * (['ops', 'sec', 'biz'] as Role[]).sort((a, b) => roleRank(a).localeCompare(roleRank(b))); // ['biz', 'sec', 'ops']
 */
export function roleRank(role: Role): string {
  // A user's machine right of the instance that calls it, its database right of the machine.
  if (role === 'app:biz') return '00a';
  if (role === 'app:sec') return '03a';
  if (role === 'db:sec') return '03b';
  const core = CORE_ROLES.indexOf(role);
  if (core >= 0) return `0${core}`;
  if (role === 'ops') return '1';
  return `2${role}`;
}
