/**
 * Replicast's public TypeScript API (README.md, "The TypeScript API"; docs/architecture.md).
 *
 * Run scenarios, or drive a simulated cluster directly:
 *
 * ```ts
 * import { Simulation, runKubectl, valueAt } from "replicast";
 *
 * const sim = new Simulation({ settings: { "pod.startup": 10 } });
 * sim.at(0, "create", () => void runKubectl("create deployment web --image=nginx --replicas=3", sim));
 * sim.runUntil(120);
 * valueAt(sim.trace().series.Deployment.web, 70); // { replicas: 3, available: 3, … }
 * ```
 *
 * Everything here runs under Node, Deno and in a browser (no file or process access); Node
 * gets node.ts, the same with a `runScenario` that also reads scenario files from disk.
 * Extending the simulator — a kind, its controller, a kubectl command — uses the registries
 * below (docs/architecture.md, "Adding a kind").
 */

// ---------------------------------------------------------------- running scenarios (src/scenario)
export {
  runScenario,
  checkScenario,
  resultToJson,
  timeSeries,
  formatReport,
  formatTimeline,
  noColors,
  memoryHost,
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
  Colors,
  FileHost,
  Extension,
  TimeSeries,
  WorkloadSeries,
  HpaSeries,
} from "./scenario/index.ts";

// ---------------------------------------------------------------- the scenario language (src/dsl)
export { parseScenario, formatDiagnostic, formatDiagnostics } from "./dsl/index.ts";
export type {
  ParseOptions,
  ParseResult,
  Scenario,
  Statement,
  Span,
  Diagnostic,
  RelatedInfo,
} from "./dsl/index.ts";

// ---------------------------------------------------------------- the simulated cluster (src/engine)
export { Simulation, LivelockError } from "./engine/simulation.ts";
export type { SimulationOptions } from "./engine/simulation.ts";
export { isApiError } from "./engine/cluster.ts";
export type { ApiError, ApiServer, Cluster } from "./engine/cluster.ts";
export { SETTINGS, isSettingKey, settingInfo } from "./k8s/settings.ts";
export type { SettingInfo, SettingKey, SettingType } from "./k8s/settings.ts";
export { defaultSettings } from "./engine/settings.ts";
export type { Settings } from "./engine/settings.ts";
export type { CpuAmount, LoadChange, LoadSpec } from "./engine/workload/types.ts";

// ---------------------------------------------------------------- kubectl (src/kubectl)
export { runKubectl, parseKubectl } from "./kubectl/index.ts";
export type { KubectlResult, KubectlOptions, KubectlDiagnostic, ParsedCommand } from "./kubectl/index.ts";

// ---------------------------------------------------------------- the trace (src/engine/trace.ts)
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

// ---------------------------------------------------------------- charts: Vega-Lite specs from a trace (src/charts)
export {
  chartSpec,
  ChartKind,
  isChartKind,
  dashboard,
  rolloutChart,
  hpaChart,
  metricChart,
  loadChart,
  compareChart,
} from "./charts/index.ts";
export type {
  TopLevelSpec,
  ChartOptions,
  DashboardOptions,
  MetricChartOptions,
  CompareRun,
  CompareOptions,
} from "./charts/index.ts";

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

// ---------------------------------------------------------------- extending: kinds, controllers, commands
export { builtinKinds, KindRegistry, KindConflictError } from "./k8s/kinds/index.ts";
export type {
  AnyKind,
  KindDescriptor,
  LanguageWords,
  Strategy,
  AdmitOptions,
  Admitted,
  ScaleSubresource,
  TablePrinter,
  PrintOptions,
  Describer,
  DescribeContext,
  Summarizer,
  SummaryContext,
  ObjectSummary,
  Observed,
  QuantityQuery,
  QuantityReading,
  ObjectReader,
} from "./k8s/kinds/index.ts";
export { emptyResult } from "./engine/controller.ts";
export type {
  Controller,
  ControllerContext,
  ReconcileContext,
  ReconcileResult,
  Reconciler,
  StoreView,
  WakeUp,
  Watch,
  Write,
} from "./engine/controller.ts";
export type { WatchEvent, WatchEventType } from "./engine/store.ts";
export { builtinCommands, CommandRegistry, CommandConflictError, flag } from "./kubectl/index.ts";
export type { KubectlCommand, CommandFacts, ArgsContext, FlagSpec, FlagType } from "./kubectl/index.ts";

// ---------------------------------------------------------------- Kubernetes objects (src/k8s)
export type * from "./k8s/types.ts";
