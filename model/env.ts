// What every model machine is given: its node, the config, the run's fact log and test script, and the
// topology (who is who). Machines get it through their input; none of it is volatile state of the node.
import type { DurableStore } from '../sim/durableStore.ts';
import type { NodeHost } from '../sim/node.ts';
import type { ModelConfig } from './config.ts';
import type { FactLog } from './facts.ts';
import type { OrderScript } from './script.ts';
import type { ProducerChannels } from './producerChannels.ts';
import type { RoleCalls } from './userCalls.ts';

/** A consumer group: its instances (node names) and each instance's subscription expression. */
export interface GroupSpec {
  readonly group: string;
  readonly instances: readonly string[];
  readonly subscriptions: readonly string[];
  /** `target`: buys the target fund (the secondary transaction); `subscriber`: a tag-matrix system. */
  readonly role: 'target' | 'subscriber';
}

export interface Topology {
  readonly producers: readonly string[];
  readonly brokers: readonly string[];
  readonly operator: string;
  readonly groups: readonly GroupSpec[];
}

export interface ModelEnv {
  /** The producer group's channels as the brokers have them registered (ProducerManager); absent: every producer. */
  readonly channels?: ProducerChannels;
  /** The consumer groups' channels as the brokers have them registered (ConsumerManager); absent: every instance. */
  readonly consumerChannels?: ProducerChannels;
  readonly host: NodeHost;
  readonly config: ModelConfig;
  readonly facts: FactLog;
  readonly script: OrderScript;
  readonly topology: Topology;
  /** The user's machine of this instance's role, when a user fills it (model/userCalls.ts); absent: txsim's own. */
  readonly calls?: RoleCalls;
}

/** A database shared by a group of nodes (it does not crash with them). */
export interface SharedDb {
  readonly db: DurableStore;
}
