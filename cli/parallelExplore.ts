// `txsim explore --workers N` on node:worker_threads: the seed range is cut into chunks, handed to N workers as
// they become free, and the results are passed on strictly in seed order, so the caller sees exactly the sequence
// the in-process path gives (same FAIL lines, same replay files, same summary). Each worker imports the model once
// and runs chunk after chunk (cli/exploreWorker.ts); a worker's crash stops the exploration and names the seed.
import { Worker } from 'node:worker_threads';
import { RUN_DEFAULTS } from '../model/defaults.ts';
import type { ExploreOptions } from '../properties/explore.ts';
import type { ProfileChoice } from '../properties/profiles/choice.ts';
import type { ProfileRun, ReplayRoles } from '../properties/repro.ts';
import type { ActorRuntime } from '../sim/node.ts';
import { mergeCoverage, type Coverage } from '../properties/coverage/coverage.ts';
import type { SeedResult } from './seedResult.ts';

/** What a worker is started with. */
export interface WorkerData {
  /** File URL of the worker's TypeScript module (cli/workerBootstrap.js imports it). */
  entry: string;
  profile: string;
  runtime: ActorRuntime;
  /** --cross-check: every seed divisible by it also runs on both interpreters (0: off). */
  crossCheck: number;
  /** A profile file or a scenario to explore around (its profile's name is `profile`); undefined: `profile` by name. */
  choice?: ProfileChoice;
  /** What replay lines name besides the runtime (default: the profile). */
  replayAs?: Omit<ProfileRun, 'seed' | 'runtime'>;
  /** Users' machine files every run uses (`--consumer`, `--producer`), relative to `cwd`: each worker loads them. */
  roles?: ReplayRoles;
  cwd?: string;
}

/** A chunk of seeds for one worker. */
export interface ChunkRequest {
  id: number;
  fromSeed: number;
  runs: number;
}

/** A worker's answer to a chunk. */
export type WorkerReply =
  | { type: 'results'; chunk: ChunkRequest; results: SeedResult[]; coverage?: Coverage }
  | { type: 'crash'; seed: number; message: string; stack: string | undefined; errorName?: string };

/** A run threw inside a worker (a txsim bug); `seed` is the run that threw. */
export class RunCrashError extends Error {
  constructor(
    readonly seed: number,
    message: string,
    readonly workerStack: string | undefined,
    /** The name of the error the run threw (`CrossCheckError` for a failed --cross-check). */
    readonly errorName?: string,
  ) {
    super(message);
    this.name = 'RunCrashError';
  }
}

/** One exploration on a pool: a seed range and where its results go. */
export interface PoolExploreOptions {
  fromSeed: number;
  runs: number;
  /** Seeds per chunk (default: defaultChunkSize(runs, pool size)). */
  chunkSize?: number;
  /** Called once per seed, in seed order; a throw stops the exploration. */
  onResult: (result: SeedResult) => void;
  /** Called once at the end with the coverage of all the seeds (counts summed over the chunks). */
  onCoverage?: (coverage: Coverage) => void;
}

/** A pool exploration of a profile: the library's run options (properties/explore.ts) on `workers` threads. */
export interface ParallelExploreOptions extends PoolExploreOptions, Pick<ExploreOptions, 'runtime' | 'crossCheck'> {
  profile: string;
  workers: number;
  choice?: ProfileChoice;
  replayAs?: Omit<ProfileRun, 'seed' | 'runtime'>;
  roles?: ReplayRoles;
  cwd?: string;
}

// From the sources a worker starts in workerBootstrap.js, which registers the TypeScript hooks; from the built
// package (dist/, plain JavaScript) it starts in its entry directly.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const ENTRY = new URL(FROM_SOURCE ? './exploreWorker.ts' : './exploreWorker.js', import.meta.url).href;
const BOOTSTRAP = FROM_SOURCE ? new URL('./workerBootstrap.js', import.meta.url) : new URL(ENTRY);
/** Chunks a worker holds at once: one running, one queued, so it never waits for the main thread. */
const CHUNKS_IN_HAND = 2;

/**
 * Seeds per chunk: small enough that the workers finish together (about eight chunks each), large enough that
 * messages cost nothing next to the runs (a run takes milliseconds; a message microseconds).
 */
export function defaultChunkSize(runs: number, workers: number): number {
  return Math.max(1, Math.min(16, Math.ceil(runs / (workers * 8))));
}

interface Job {
  chunks: ChunkRequest[];
  done: Map<number, SeedResult[]>;
  handedOut: number;
  emitted: number;
  onResult: (result: SeedResult) => void;
  onCoverage: ((coverage: Coverage) => void) | undefined;
  coverage: Coverage | undefined;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Worker threads of one profile, kept across explorations (the bench warms them up once; the command makes one
 * exploration and closes it). One exploration at a time; after a failure the pool only closes.
 *
 * @example
 * const pool = new ExplorePool('default', 4);
 * try { await pool.explore({ fromSeed: 1, runs: 1000, onResult: (r) => tally.add(r) }); } finally { await pool.close(); }
 */
export class ExplorePool {
  private readonly workers: Worker[] = [];
  private job: Job | undefined;
  private broken: Error | undefined;
  private closing = false;

  constructor(profile: string, size: number, runtime: ActorRuntime = RUN_DEFAULTS.runtime, crossCheck = 0, from: Pick<WorkerData, 'choice' | 'replayAs' | 'roles' | 'cwd'> = {}) {
    if (!Number.isSafeInteger(size) || size < 1) throw new Error(`ExplorePool: size must be a positive integer (got ${size})`);
    for (let i = 0; i < size; i++) {
      const data: WorkerData = { entry: ENTRY, profile, runtime, crossCheck, ...from };
      const worker = new Worker(BOOTSTRAP, { workerData: data });
      this.workers.push(worker);
      worker.on('message', (reply: WorkerReply) => this.onReply(worker, reply));
      worker.on('error', (error) => this.breakDown(error));
      worker.on('exit', (code) => {
        if (!this.closing) this.breakDown(new Error(`an explore worker stopped (exit code ${code}) before its seeds were done`));
      });
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Run seeds fromSeed .. fromSeed + runs - 1; resolves when every result was passed to onResult, in seed order. */
  explore(options: PoolExploreOptions): Promise<void> {
    if (this.broken !== undefined) return Promise.reject(this.broken);
    if (this.job !== undefined || this.closing) return Promise.reject(new Error('ExplorePool: one exploration at a time, on an open pool'));
    const size = options.chunkSize ?? defaultChunkSize(options.runs, this.size);
    const chunks: ChunkRequest[] = [];
    for (let at = 0; at < options.runs; at += size) chunks.push({ id: chunks.length, fromSeed: options.fromSeed + at, runs: Math.min(size, options.runs - at) });
    if (chunks.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const job: Job = { chunks, done: new Map(), handedOut: 0, emitted: 0, onResult: options.onResult, onCoverage: options.onCoverage, coverage: undefined, resolve, reject };
      this.job = job;
      for (const worker of this.workers) for (let k = 0; k < CHUNKS_IN_HAND; k++) this.feed(job, worker);
    });
  }

  /** Stop every worker. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private feed(job: Job, worker: Worker): void {
    const chunk = job.chunks[job.handedOut];
    if (chunk === undefined) return;
    job.handedOut++;
    worker.postMessage(chunk);
  }

  private finish(job: Job, error?: Error): void {
    if (this.job !== job) return;
    this.job = undefined;
    if (error === undefined) job.resolve();
    else job.reject(error);
  }

  private breakDown(error: unknown): void {
    const cause = error instanceof Error ? error : new Error(String(error));
    this.broken ??= cause;
    if (this.job !== undefined) this.finish(this.job, cause);
  }

  private onReply(worker: Worker, reply: WorkerReply): void {
    const job = this.job;
    if (job === undefined || this.broken !== undefined) return;
    if (reply.type === 'crash') {
      this.breakDown(new RunCrashError(reply.seed, reply.message, reply.stack, reply.errorName));
      return;
    }
    job.done.set(reply.chunk.id, reply.results);
    if (reply.coverage !== undefined) job.coverage = job.coverage === undefined ? reply.coverage : mergeCoverage(job.coverage, reply.coverage);
    this.feed(job, worker);
    try {
      for (let ready = job.done.get(job.emitted); ready !== undefined; ready = job.done.get(job.emitted)) {
        job.done.delete(job.emitted);
        job.emitted++;
        for (const result of ready) job.onResult(result);
      }
    } catch (error) {
      this.breakDown(error);
      return;
    }
    if (job.emitted === job.chunks.length) {
      if (job.coverage !== undefined) job.onCoverage?.(job.coverage);
      this.finish(job);
    }
  }
}

/**
 * Run seeds fromSeed .. fromSeed + runs - 1 on `workers` worker threads (never more than there are chunks);
 * resolves when every result was passed to onResult, in seed order, and the workers have stopped.
 *
 * @example
 * await exploreInWorkers({ profile: 'default', fromSeed: 1, runs: 1000, workers: 4, onResult: (r) => tally.add(r) });
 */
export async function exploreInWorkers(options: ParallelExploreOptions): Promise<void> {
  const { profile, workers, runtime, crossCheck, choice, replayAs, roles, cwd, ...job } = options;
  const chunkSize = options.chunkSize ?? defaultChunkSize(options.runs, workers);
  const pool = new ExplorePool(profile, Math.max(1, Math.min(workers, Math.ceil(options.runs / chunkSize))), runtime, crossCheck, {
    ...(choice === undefined ? {} : { choice }),
    ...(replayAs === undefined ? {} : { replayAs }),
    ...(roles === undefined ? {} : { roles, cwd: cwd ?? process.cwd() }),
  });
  try {
    await pool.explore({ ...job, chunkSize });
  } finally {
    await pool.close();
  }
}
