// The `txsim` package entry (docs/api.md): run a scenario and get its report, explore a profile with workers,
// fast-check arbitraries of runs and a property helper, render a run as a diagram or an HTML report, and the
// data formats (scenarios, profile files) with their validators. `txsim/vitest` adds testRuns.
// Everything here is a re-export: the logic lives in cli/, properties/, scenarios/ and report/.
export { runScenario, type RunScenarioOptions, type ScenarioResult } from './run.ts';
export { explore, type ExploreOptions, type ExploreSummary } from './explore.ts';
export { profileRuns, generatedRuns, type ProfileRunsOptions } from './arbitraries.ts';
export { checkRuns, TxsimPropertyError, type CheckRunsOptions, type CheckedRun } from './property.ts';
export { renderDiagram, renderHtml, type RenderableRun } from './render.ts';
export type { RunnerOptions, MutantOption } from './options.ts';

// Data formats and validators.
export { parseScenario, loadScenarioFile, ScenarioError } from '../scenarios/load.ts';
export { toRunSpec } from '../scenarios/toRunSpec.ts';
export { scenarioFromRunSpec } from '../scenarios/fromRunSpec.ts';
export type { Scenario, ScenarioOrder, ScenarioFault, Expectation, ConfigOverrides, RandomFaults } from '../scenarios/format.ts';
export { parseProfileFile, loadProfileFile } from '../properties/profiles/loadProfile.ts';
export { profileFromData } from '../properties/profiles/fromData.ts';
export type { ProfileFile } from '../properties/profiles/fileFormat.ts';

// Registries and the run-and-check primitive.
export { PROFILES } from '../properties/profiles/index.ts';
export { MUTANTS } from '../properties/mutants/index.ts';
export { CHECKERS, CHECKER_NAMES, formatViolation } from '../properties/index.ts';
export { runAndCheck, type RunAndCheckOptions } from '../properties/runAndCheck.ts';
export type { RunSpec, OrderSpec, UserRoles } from '../model/runSpec.ts';

// Users' machines in a role: the protocol they speak (types; the values RoleProtocolError and roleRuntimeFor of
// model/userRoles.ts join this entry with their docs/api.md example).
export type { RoleRuntime } from '../model/userRoles.ts';
export type { UserRole, RoleCall, RoleCallFields, RoleCallType, RoleEmit, RoleEmitFields, RoleEmitType, RoleResult, RoleResultFields, DbOp, TransactionAction } from '../model/protocol.ts';
export type { Outcome } from '../model/world.ts';
export type { Violation, FaultProfile, Checker, Mutant } from '../properties/types.ts';
export type { RunReport } from '../cli/report.ts';
export type { ShrunkReport } from '../cli/shrinkStep.ts';

// Your own consumer or producer machine (docs/roles.md; examples/ holds machines that use it): loading and checking
// a machine file, and the protocol it speaks.
export { loadRoleMachine } from '../cli/roleFiles.ts';
export { RoleMachineError } from '../cli/roleMachineCheck.ts';
export { RoleProtocolError } from '../model/userRoles.ts';
export type { RoleFileOrMachine } from './roles.ts';
export { ROLE_CALLS, ROLE_ANSWERS, USER_ROLES } from '../model/protocol.ts';
export type { RoleResultType } from '../model/protocol.ts';
