// The worker side of `txsim explore --workers N` (started through cli/workerBootstrap.js by cli/parallelExplore.ts).
// It receives seed chunks, runs each through exploreSeeds (the same code as the in-process path) and posts the
// chunk's SeedResults back, or the seed that crashed. It holds no state between chunks, so which worker runs
// which chunk cannot change a result.
import { parentPort, workerData } from 'node:worker_threads';
import { exploreSeeds } from '../properties/explore.ts';
import { profileOf } from '../properties/profiles/choice.ts';
import type { ChunkRequest, WorkerData, WorkerReply } from './parallelExplore.ts';
import { profileNamed } from '../properties/profiles/index.ts';
import { loadRoleFiles } from './roleFiles.ts';
import { profileWithRoles } from './roleRuns.ts';
import { toSeedResult, type SeedResult } from './seedResult.ts';

const port = parentPort;
if (port === null) throw new Error('cli/exploreWorker.ts runs in a worker thread (see cli/parallelExplore.ts)');
const { profile, runtime, crossCheck, choice, replayAs, roles, cwd } = workerData as WorkerData;
// Users' machines cannot be posted (they hold functions): every worker loads the files itself, once.
const machines = roles === undefined ? undefined : (await loadRoleFiles(roles, cwd ?? process.cwd())).machines;
const base = choice === undefined ? profile : profileOf(choice);
const drawn = machines === undefined ? base : profileWithRoles(typeof base === 'string' ? profileNamed(base) : base, machines);

port.on('message', async (chunk: ChunkRequest) => {
  const results: SeedResult[] = [];
  let next = chunk.fromSeed;
  let reply: WorkerReply;
  try {
    const summary = await exploreSeeds({
      profile: drawn,
      runtime,
      crossCheck,
      coverage: true,
      fromSeed: chunk.fromSeed,
      runs: chunk.runs,
      onResult: (run) => {
        results.push(toSeedResult(run, profile, runtime, replayAs));
        next = run.seed + 1;
      },
    });
    reply = summary.coverage === undefined ? { type: 'results', chunk, results } : { type: 'results', chunk, results, coverage: summary.coverage };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    reply = { type: 'crash', seed: next, message: failure.message, stack: failure.stack, errorName: failure.name };
  }
  port.postMessage(reply);
});
