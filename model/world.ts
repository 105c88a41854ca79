// Builds the discounted-purchase world on a Simulation from a RunSpec and runs it through its phases: the
// faulty phase (orders arrive, faults strike), heal(), then settle until quiescent or the liveness bound.
// The phases are sim/phases.ts's (shared with the design comparison); model/settle.ts says what keeps this world
// busy. The result is an Outcome: the facts, the final ledgers and stores, the trace and its hash.
import { DurableStore } from '../sim/durableStore.ts';
import { scriptEndMs } from '../sim/faults.ts';
import type { ActorRuntime } from '../sim/node.ts';
import { runPhases, type BusyProbe } from '../sim/phases.ts';
import { Simulation, type StopReason } from '../sim/simulation.ts';
import type { Trace } from '../sim/trace.ts';
import { brokerMachine, deadLetters } from './broker.ts';
import { businessSystemMachine } from './businessSystem.ts';
import { TAG_SUBSCRIBERS, TARGET_GROUP, type ModelConfig } from './config.ts';
import { consumerMachine } from './consumer.ts';
import type { GroupSpec, ModelEnv, Topology } from './env.ts';
import { FactLog, type Fact } from './facts.ts';
import { ObservedHistory } from './history.ts';
import { businessAccount, investorOf, openBusinessAccount, targetAccount, type BusinessAccount, type TargetAccount } from './ledger.ts';
import { operatorMachine } from './operator.ts';
import type { OrderSpec, RunSpec, UserRoles } from './runSpec.ts';
import { RoleCalls } from './userCalls.ts';
import { LeanRefusal, roleRuntimeFor, type RoleRuntime } from './userRoles.ts';
import type { UserRole } from './protocol.ts';
import { longestRetryScheduleMs } from './retrySchedule.ts';
import { ProducerChannels } from './producerChannels.ts';
import { OrderScript } from './script.ts';
import { openHalfMessages } from './transactionCenter.ts';
import { RUN_DEFAULTS } from './defaults.ts';
import { modelBusyProbe } from './settle.ts';
import type { HalfEntry } from './halfMessage.ts';

/** Everything a checker, a report or a diagram may read about a finished run. */
export interface Outcome {
  readonly spec: RunSpec;
  readonly facts: readonly Fact[];
  readonly trace: Trace;
  readonly traceHash: string;
  /** Kernel and model events recorded in the trace. */
  readonly events: number;
  readonly simTimeMs: number;
  readonly healedAtMs: number;
  /** The settle phase reached quiescence (every order terminal, nothing in flight). */
  readonly settled: boolean;
  readonly settleStop: StopReason;
  readonly livelock: boolean;
  /** Why the run did not settle (`consumer-2 consuming o3`, `order o4 not placed`); empty when it settled. */
  readonly unsettled: readonly string[];
  readonly initialWallets: Readonly<Record<string, number>>;
  readonly business: Readonly<Record<string, BusinessAccount>>;
  readonly target: Readonly<Record<string, TargetAccount>>;
  /** Orders with a message in the target group's DLQ at the end. */
  readonly dlq: readonly string[];
  /** Orders with a half message parked in TRANS_CHECK_MAX_TIME_TOPIC at the end. */
  readonly parked: readonly string[];
  /** Half messages still open (neither resolved nor parked) at the end. */
  readonly openHalves: readonly string[];
  readonly lostWrites: number;
  readonly topology: Topology;
  readonly steps: number;
  /** Which interpreter ran each user machine, and why not the lean one (runs with `roles` only). */
  readonly userRoleRuntime?: Partial<Record<UserRole, RoleRuntime>>;
}

/** The machines a world is built from; a mutant replaces one with a deliberately broken variant. */
export interface ModelMachines {
  businessSystem: typeof businessSystemMachine;
  broker: typeof brokerMachine;
  consumer: typeof consumerMachine;
  operator: typeof operatorMachine;
}

export const MODEL_MACHINES: Readonly<ModelMachines> = Object.freeze({
  businessSystem: businessSystemMachine,
  broker: brokerMachine,
  consumer: consumerMachine,
  operator: operatorMachine,
});

export interface RunOptions {
  /** Keep the trace records (default RUN_DEFAULTS.trace: true). */
  trace?: boolean;
  /** Replace some machines (mutants use `.provide()` variants). */
  machines?: Partial<ModelMachines>;
  /** Hard bound on simulator steps for the whole run (a livelock is reported past it; default RUN_DEFAULTS.maxSteps). */
  maxSteps?: number;
  /** The interpreter of the machines (default RUN_DEFAULTS.runtime: `lean`, same traces as `xstate`, several times faster). */
  runtime?: ActorRuntime;
  /** Users' machines for the consumer and producer roles (default: the spec's `roles`; absent: txsim's own). */
  roles?: UserRoles;
}

/**
 * Time allowed after heal for the slowest legitimate path: every check, every retry of the capped schedule (so any
 * legal maxReconsumeTimes reaches the DLQ; at the longest level for each retry when some order lets its listener
 * choose levels), an operator, and slack.
 */
export function defaultSettleBoundMs(config: ModelConfig, orders: readonly OrderSpec[] = []): number {
  const retries = longestRetryScheduleMs(config, orders.some((o) => o.delayLevels !== undefined));
  const checks = (config.checkMax + 2) * config.checkIntervalMs + config.transactionTimeoutMs;
  const operator = config.operatorRedriveAfterMs ?? 0;
  return 2 * (retries + checks + operator) + 2 * config.redeliverAfterMs;
}

/** Store keys that are commit-log messages (half, op, parked, topic, retry, scheduled and DLQ messages); the rest is metadata. */
const COMMIT_LOG_PREFIXES = ['tc/half/', 'tc/op/', 'tc/parked/', 'm/', 'sched/r/', 'dlq/'];
function isCommitLogRecord(key: string): boolean {
  return COMMIT_LOG_PREFIXES.some((prefix) => key.startsWith(prefix));
}

export function topologyOf(config: ModelConfig): Topology {
  const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);
  const consumers = names('consumer', config.consumers);
  const groups: GroupSpec[] = [
    {
      group: TARGET_GROUP,
      instances: consumers,
      subscriptions: consumers.map((_, i) => config.consumerSubscriptions[i] ?? config.groups[TARGET_GROUP]?.subscription ?? '*'),
      role: 'target',
    },
  ];
  if (config.tagSubscribers) {
    for (const s of TAG_SUBSCRIBERS) {
      const subscription = config.groups[s.group]?.subscription ?? s.subscription;
      groups.push({ group: s.group, instances: [s.group], subscriptions: [subscription], role: 'subscriber' });
    }
  }
  return { producers: names('producer', config.producers), brokers: names('broker', config.brokers), operator: 'operator', groups };
}

/** Every node name of a config's topology, for validating fault scripts. */
export function nodeNamesOf(config: ModelConfig): string[] {
  const t = topologyOf(config);
  const consumerNodes = t.groups.flatMap((g) => g.instances);
  return [...t.producers, ...t.brokers, ...consumerNodes, t.operator];
}

/** The world a RunSpec builds: the simulation, its nodes and stores, before it runs. */
interface World {
  readonly sim: Simulation;
  readonly facts: FactLog;
  readonly topology: Topology;
  readonly machines: ModelMachines;
  readonly businessDb: DurableStore;
  readonly groupDbs: ReadonlyMap<string, DurableStore>;
  readonly brokerStores: ReadonlyMap<string, DurableStore>;
  readonly initialWallets: Readonly<Record<string, number>>;
  /** The running RoleCalls of each node a user machine fills a role of (replaced at each restart). */
  readonly roleCalls: Map<string, RoleCalls>;
  /** The first protocol error of a user machine, if any: the run ends with it. */
  readonly roleFailure: { error?: Error };
  readonly userRoleRuntime: Partial<Record<UserRole, RoleRuntime>>;
}

/** The user machines of a run and their interpreters; `forced` puts a role on XState's after a lean refusal. */
interface RolePlan {
  readonly roles: UserRoles;
  readonly runtimes: Partial<Record<UserRole, RoleRuntime>>;
}

function rolePlan(roles: UserRoles | undefined, runtime: ActorRuntime, forced: Partial<Record<UserRole, string>>): RolePlan {
  const runtimes: Partial<Record<UserRole, RoleRuntime>> = {};
  for (const role of ['consumer', 'producer'] as const) {
    const machine = roles?.[role];
    if (machine === undefined) continue;
    const reason = forced[role];
    runtimes[role] = reason === undefined ? roleRuntimeFor(machine, runtime) : { runtime: 'xstate', reason };
  }
  return { roles: roles ?? {}, runtimes };
}

/**
 * A fresh RoleCalls for each incarnation of a node whose role a user fills (its calls and memory are volatile),
 * kept in `running` for the busy probe; undefined for a role txsim's own model plays.
 */
function roleCallsFactory(
  sim: Simulation,
  plan: RolePlan,
  config: ModelConfig,
  running: Map<string, RoleCalls>,
  failure: { error?: Error },
): (host: ModelEnv['host'], role: UserRole, db: DurableStore) => RoleCalls | undefined {
  // A user machine's protocol error ends the run at the next event, outside every actor (XState would keep it);
  // runWorld throws it too, should a phase stop first.
  const fail = (error: Error): void => {
    if (failure.error !== undefined) return;
    failure.error = error;
    sim.at(sim.now, () => {
      throw error;
    });
  };
  return (host, role, db) => {
    const machine = plan.roles[role];
    const runtime = plan.runtimes[role]?.runtime;
    if (machine === undefined || runtime === undefined) return undefined;
    const calls = new RoleCalls(host, { role, machine, runtime, db, config, fail });
    running.set(host.name, calls);
    return calls;
  };
}

/** An env with the user's machine of the node's role, when a user fills it. */
const withCalls = (env: ModelEnv, calls: RoleCalls | undefined): ModelEnv => (calls === undefined ? env : { ...env, calls });

/** Each order's investor's account in the business database; returns the initial wallets. */
function openAccounts(spec: RunSpec, businessDb: DurableStore): Record<string, number> {
  const initialWallets: Record<string, number> = {};
  for (const order of spec.orders) {
    const investor = investorOf(order.id);
    openBusinessAccount(businessDb, investor, order.walletBalance);
    initialWallets[investor] = businessAccount(businessDb, investor)?.wallet ?? 0;
  }
  return initialWallets;
}

function buildWorld(spec: RunSpec, options: RunOptions, plan: RolePlan): World {
  const { config } = spec;
  const topology = topologyOf(config);
  const roleCalls = new Map<string, RoleCalls>();
  // The history is observed at the nodes' boundaries (model/history.ts); each fact points at its trace record.
  const seq = (): number => sim.trace.size - 1;
  const facts = new FactLog(seq);
  const sim: Simulation = new Simulation({
    seed: spec.seed,
    faults: spec.faults,
    latency: { latencyMsMin: config.latencyMsMin, latencyMsMax: config.latencyMsMax },
    traceEnabled: options.trace ?? RUN_DEFAULTS.trace,
    runtime: options.runtime ?? RUN_DEFAULTS.runtime,
    observer: new ObservedHistory(facts, config, topology, () => sim.now, seq, { userConsumer: plan.roles.consumer !== undefined }),
  });
  const script = new OrderScript(new Map(spec.orders.map((o) => [o.id, o])), config.groups);
  const businessDb = sim.createStore();
  const groupDbs = new Map<string, DurableStore>(topology.groups.map((g) => [g.group, sim.createStore()]));
  const brokerStores = new Map<string, DurableStore>();
  const initialWallets = openAccounts(spec, businessDb);

  const machines: ModelMachines = { ...MODEL_MACHINES, ...options.machines };
  // The brokers' view of the producer group's channels (ProducerManager), fed by the producers' crashes and restarts.
  const channels = new ProducerChannels(topology.producers, config.producerChannelExpiryMs);
  sim.onLifecycle((e) => {
    if (!topology.producers.includes(e.node)) return;
    if (e.change === 'down') channels.down(e.node, e.kind, e.at);
    else channels.up(e.node, e.at);
  });
  // The consumer groups' channels (ConsumerManager): a change tells every broker to rebalance the group when the
  // channel closes (a killed process at once, a dead machine at its expiry) or a new one registers.
  const consumerNames = topology.groups.flatMap((g) => g.instances);
  const consumerChannels = new ProducerChannels(consumerNames, config.consumerChannelExpiryMs);
  sim.onLifecycle((e) => {
    const group = topology.groups.find((g) => g.instances.includes(e.node));
    if (group === undefined) return;
    if (e.change === 'up') {
      consumerChannels.up(e.node, e.at);
      return;
    }
    const closedAt = consumerChannels.down(e.node, e.kind, e.at);
    sim.at(closedAt, () => {
      for (const broker of topology.brokers) sim.node(broker).inject({ type: 'rebalance', group: group.group });
    });
  });
  const envFor = (host: ModelEnv['host']): ModelEnv => ({ host, config, facts, script, topology, channels, consumerChannels });
  const roleFailure: { error?: Error } = {};
  const callsFor = roleCallsFactory(sim, plan, config, roleCalls, roleFailure);
  const userEnvFor = (host: ModelEnv['host'], role: UserRole, db: DurableStore): ModelEnv => withCalls(envFor(host), callsFor(host, role, db));
  for (const name of topology.producers) {
    sim.addNode(name, (host) => ({ logic: machines.businessSystem, input: { env: userEnvFor(host, 'producer', businessDb), db: businessDb } }));
  }
  for (const name of topology.brokers) {
    const store = sim.createStore({
      flush: config.flush,
      flushIntervalMs: config.flushIntervalMs,
      flushLeastPages: config.flushLeastPages,
      flushThoroughIntervalMs: config.flushThoroughIntervalMs,
      bytesOf: (key) => (isCommitLogRecord(key) ? config.messageBytes : 0),
    });
    brokerStores.set(name, store);
    sim.addNode(name, (host) => ({ logic: machines.broker, input: { env: envFor(host), store: host.store } }), store);
  }
  for (const group of topology.groups) {
    const db = groupDbs.get(group.group) as DurableStore;
    group.instances.forEach((name, i) => {
      const env = (host: ModelEnv['host']): ModelEnv => (group.role === 'target' ? userEnvFor(host, 'consumer', db) : envFor(host));
      sim.addNode(name, (host) => ({ logic: machines.consumer, input: { env: env(host), group, subscription: group.subscriptions[i] ?? '*', db } }));
    });
  }
  sim.addNode(topology.operator, (host) => ({ logic: machines.operator, input: { env: envFor(host) } }));
  return { sim, facts, topology, machines, businessDb, groupDbs, brokerStores, initialWallets, roleCalls, roleFailure, userRoleRuntime: plan.runtimes };
}

/** A user machine still working: a database request in flight or one of its timers pending (`consumer-1 consumer machine busy`). */
function userCallsBusy(world: World, out: string[], limit: number): void {
  for (const [name, calls] of world.roleCalls) {
    if (out.length >= limit) return;
    const node = world.sim.node(name);
    if (node.up && (calls.inFlight > 0 || node.pendingSideTimers > 0)) out.push(`${name} ${calls.role} machine busy`);
  }
}

/** Schedule every order on its producer (the next instance up, when it is down); returns the orders not yet placed. */
function scheduleOrders(world: World, spec: RunSpec): ReadonlySet<string> {
  const { sim, topology } = world;
  const unplaced = new Set(spec.orders.map((o) => o.id));
  spec.orders.forEach((order, index) => {
    const place = (): void => {
      const producers = topology.producers;
      const first = order.producer ?? index;
      for (let k = 0; k < producers.length; k++) {
        const node = sim.node(producers[(first + k) % producers.length] as string);
        if (node.inject({ type: 'placeOrder', order, orderIndex: index })) {
          unplaced.delete(order.id);
          return;
        }
      }
      // Every instance is down: the client tries again a second later.
      sim.after(1_000, place);
    };
    sim.at(order.at, place);
  });
  return unplaced;
}

/** The stores' end state: accounts per investor, and the orders dead-lettered, parked or with a half still open. */
function endState(world: World, spec: RunSpec): Pick<Outcome, 'business' | 'target' | 'dlq' | 'parked' | 'openHalves' | 'lostWrites'> {
  const business: Record<string, BusinessAccount> = {};
  const target: Record<string, TargetAccount> = {};
  const targetDb = world.groupDbs.get(TARGET_GROUP) as DurableStore;
  for (const order of spec.orders) {
    const investor = investorOf(order.id);
    business[investor] = businessAccount(world.businessDb, investor) ?? { wallet: 0, mmf: 0 };
    target[investor] = targetAccount(targetDb, investor);
  }
  const dlqSet = new Set<string>();
  const parkedSet = new Set<string>();
  const openSet = new Set<string>();
  let lostWrites = 0;
  for (const store of world.brokerStores.values()) {
    for (const m of deadLetters(store, TARGET_GROUP)) dlqSet.add(m.order);
    for (const [, entry] of store.entries<HalfEntry>('tc/parked/')) parkedSet.add(entry.order);
    for (const entry of openHalfMessages(store, spec.config.transactionCenter === 'idealized')) openSet.add(entry.order);
    lostWrites += store.lostWrites;
  }
  // Listed in the order of the workload, whichever broker holds them.
  const inOrder = (set: ReadonlySet<string>): string[] => spec.orders.flatMap((o) => (set.has(o.id) ? [o.id] : []));
  return { business, target, dlq: inOrder(dlqSet), parked: inOrder(parkedSet), openHalves: inOrder(openSet), lostWrites };
}

/**
 * Run one RunSpec to its Outcome.
 *
 * @example
 * const outcome = runModel({ name: 'demo', seed: 1, config: makeConfig(), orders, faults: { options: NO_FAULTS, script: [] } });
 */
export function runModel(spec: RunSpec, options: RunOptions = {}): Outcome {
  const roles = options.roles ?? spec.roles;
  if (roles?.consumer === undefined && roles?.producer === undefined) return runWorld(spec, options, { roles: {}, runtimes: {} });
  const runtime = options.runtime ?? RUN_DEFAULTS.runtime;
  const forced: Partial<Record<UserRole, string>> = {};
  for (;;) {
    try {
      return runWorld(spec, options, rolePlan(roles, runtime, forced));
    } catch (error) {
      // The lean runtime refused a feature only an action body showed: the same run again, that role on XState's.
      if (!(error instanceof LeanRefusal) || forced[error.role] !== undefined) throw error;
      forced[error.role] = error.reason;
    }
  }
}

function runWorld(spec: RunSpec, options: RunOptions, plan: RolePlan): Outcome {
  const world = buildWorld(spec, options, plan);
  const { sim } = world;
  const { config } = spec;
  // Start first, so the fault script is scheduled before the orders: a fault armed at T hits messages sent at T.
  sim.start();
  const unplaced = scheduleOrders(world, spec);
  const lastOrderAt = spec.orders.reduce((m, o) => Math.max(m, o.at), 0);
  const phases = runPhases(sim, {
    faultEndMs: spec.faultWindowMs ?? Math.max(scriptEndMs(spec.faults.script), lastOrderAt) + 1,
    settleBoundMs: spec.settleBoundMs ?? defaultSettleBoundMs(config, spec.orders),
    maxSteps: options.maxSteps ?? RUN_DEFAULTS.maxSteps,
    busy: withUserCalls(world, modelBusyProbe({ sim, config, topology: world.topology, machines: world.machines, brokerStores: world.brokerStores, unplaced })),
  });
  if (world.roleFailure.error !== undefined) throw world.roleFailure.error;
  return {
    spec,
    facts: world.facts.all,
    trace: sim.trace,
    // Eager, and no getter: an object literal with a getter gets a hidden class of its own, and those kept whole
    // finished runs alive through V8's young-generation collections (a disabled trace hashes in microseconds).
    traceHash: sim.trace.hash(),
    events: sim.trace.size,
    simTimeMs: sim.now,
    healedAtMs: phases.healedAtMs,
    settled: phases.settled,
    settleStop: phases.settleStop,
    livelock: phases.livelock,
    unsettled: phases.unsettled,
    initialWallets: world.initialWallets,
    ...endState(world, spec),
    topology: world.topology,
    steps: sim.steps,
    ...(world.roleCalls.size === 0 && Object.keys(world.userRoleRuntime).length === 0 ? {} : { userRoleRuntime: world.userRoleRuntime }),
  };
}

/** The model's busy probe, and the user machines' work in flight when there are any. */
function withUserCalls(world: World, busy: BusyProbe): BusyProbe {
  if (Object.keys(world.userRoleRuntime).length === 0) return busy;
  return (out, limit) => {
    busy(out, limit);
    if (out.length < limit) userCallsBusy(world, out, limit);
  };
}
