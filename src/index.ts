/**
 * Replicast's public TypeScript API.
 *
 * Drive a simulated cluster directly:
 *
 * ```ts
 * import { Simulation, valueAt } from "replicast";
 *
 * const sim = new Simulation({ settings: { "pod.startup": 10 } });
 * sim.at(0, "apply", () => sim.api.create(myDeployment));
 * sim.at(60, "set image", () => sim.api.update(withImage(sim.api.get("Deployment", "web")!, "nginx:1.25")));
 * sim.runUntil(120);
 * const trace = sim.trace();
 * valueAt(trace.series.Deployment.web, 70); // { replicas: 10, available: 8, … }
 * ```
 *
 * Everything here runs under Node, Deno and in a browser (no file or process access); Node
 * gets node.ts, the same with a `runScenario` that also reads scenario files from disk.
 */

// ---------------------------------------------------------------- the engine
export { Simulation, LivelockError, Priority } from "./engine/simulation.ts";
export type { SimulationOptions } from "./engine/simulation.ts";
export { defaultSubsystems } from "./engine/defaultSubsystems.ts";
export { EventQueue } from "./engine/queue.ts";
export type { QueueEntry, Scheduled } from "./engine/queue.ts";
export { Store } from "./engine/store.ts";
export type { WatchEvent, WatchEventType, WatchListener } from "./engine/store.ts";
export { SimApiServer, RESOURCE_NAMES, notFound, alreadyExists } from "./engine/apiserver.ts";
export type { Admission, InvalidFormatter, ApiServerOptions } from "./engine/apiserver.ts";
export { readinessDelay, terminationDelay } from "./engine/kubelet.ts";
export { mulberry32 } from "./engine/rng.ts";

// ---------------------------------------------------------------- contracts
export { isApiError } from "./engine/cluster.ts";
export type { ApiError, ApiServer, Cluster } from "./engine/cluster.ts";
export { emptyResult } from "./engine/controller.ts";
export type { ReconcileContext, ReconcileResult, Rng, StoreView, Write } from "./engine/controller.ts";
export type { Autoscaling, Reconciler, Subsystems } from "./engine/subsystems.ts";
export { SETTINGS, defaultSettings, isSettingKey, settingInfo } from "./engine/settings.ts";
export type { SettingInfo, SettingKey, SettingType, Settings } from "./engine/settings.ts";
export type { CpuAmount, LoadChange, LoadSpec } from "./engine/workload/types.ts";

// ---------------------------------------------------------------- the trace
export { valueAt } from "./engine/trace.ts";
export type {
  ConditionSummary,
  Decision,
  DeploymentSummary,
  HPAMetricSummary,
  HPASummary,
  LoadSummary,
  Note,
  Point,
  PodSummary,
  ReplicaSetSummary,
  SeriesByKind,
  Trace,
} from "./engine/trace.ts";

// ---------------------------------------------------------------- Kubernetes objects
export type * from "./k8s/types.ts";
export { Kinds, isKind } from "./k8s/types.ts";

// ---------------------------------------------------------------- the scenario language (src/dsl)
export { parseScenario, formatDiagnostic, formatDiagnostics, LineMap } from "./dsl/index.ts";
export type { ParseResult, Scenario, Statement, Span, Diagnostic, RelatedInfo } from "./dsl/index.ts";

// ---------------------------------------------------------------- running scenarios (src/scenario)
export {
  runScenario,
  checkScenario,
  planScenario,
  checkExpectation,
  checkExpectations,
  resultToJson,
  formatReport,
  formatTimeline,
  noColors,
  memoryHost,
  defaultServices,
  formatTime,
} from "./scenario/index.ts";
export type {
  ScenarioInput,
  ScenarioOptions,
  CheckResult,
  ScenarioResult,
  EventRecord,
  OutputRecord,
  ActionFailure,
  ExpectationResult,
  PlannedExpectation,
  Plan,
  PlannedAction,
  Colors,
  FileHost,
  ScenarioServices,
  SimulationPort,
} from "./scenario/index.ts";

// ---------------------------------------------------------------- why it scaled (src/explain)
export {
  explainTarget,
  explainHpa,
  explainDeployment,
  explanationText,
  resolveExplainTarget,
  ExplainKinds,
} from "./explain/index.ts";
export type {
  Explanation,
  ExplainEntry,
  ExplainStep,
  ExplainQuiet,
  ExplainWindow,
  HpaNumbers,
} from "./explain/index.ts";
