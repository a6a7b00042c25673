/**
 * The plan: everything decided before the run, from the AST. Times resolved (times.ts),
 * manifests loaded and validated (manifests.ts), targets resolved (targets.ts), settings
 * checked, kubectl lines parsed once, up front (what each will do — read, watch, create,
 * apply files — are facts of the parsed command), and the run's end fixed. Every problem is
 * a Diagnostic pointing at the scenario's own text; planning never throws over input.
 */
import type {
  AstCpuAmount,
  AstFault,
  AstLoad,
  AstSeries,
  AstTrafficFile,
  ManifestSource,
  Quantity,
  Scenario,
  Span,
  Statement,
  TargetRef,
} from "../dsl/ast.ts";
import type { Diagnostic } from "../text/diagnostic.ts";
import { defaultSettings, type Settings } from "../engine/settings.ts";
import {
  DEFAULT_COST_MILLI_PER_REQUEST,
  loadKey,
  loadedWorkload,
  type CpuAmount,
  type LoadSpec,
} from "../engine/workload/types.ts";
import { builtinKinds } from "../k8s/kinds/builtin.ts";
import type { KindRegistry } from "../k8s/kinds/registry.ts";
import { DEFAULT_NAMESPACE, parseQualifiedName } from "../k8s/namespaces.ts";
import type { CommandRegistry, ParsedCommand } from "../kubectl/command.ts";
import { DEFAULT_KUBECONFIG, type Kubeconfig } from "../kubectl/kubeconfig.ts";
import { CURRENT_KUBECTL_MINOR } from "../kubectl/version.ts";
import { scaleSignal, signalLength, stepsSignal, type Signal } from "../engine/workload/signal.ts";
import type { ValueUnit } from "../traffic/index.ts";
import { loadTrafficFile, type TrafficContext } from "./trafficFiles.ts";
import type { KubeObject } from "../k8s/types.ts";
import type { PlannedExpectation } from "./expectations.ts";
import type { FileHost } from "./host.ts";
import { loadPath, loadSource, type LoadedManifest, type ManifestContext } from "./manifests.ts";
import { ClaimLimits } from "./claimLimits.ts";
import { clusterAutoscalerDeployment } from "./clusterAutoscalerPods.ts";
import { loadKustomization } from "./kustomizations.ts";
import { messages, type Message } from "./messages.ts";
import type { KubectlLine, ScenarioServices } from "./services.ts";
import { refText, targetText, type ResolvedTarget } from "./target.ts";
import { formatTime } from "../text/format.ts";
import { deploymentOfService, diagnosticAt, resolveTarget, workloadsOfService, World } from "./targets.ts";
import { DEFAULT_MAX_PODS, zoneLabels, type PoolSpec } from "../engine/nodes/template.ts";
import { resolveTimes } from "../dsl/semantics.ts";
import { copiesOf, copyRelation, KEPT } from "../dsl/lineMemo.ts";
import type { FaultSpec } from "../engine/faults/inject.ts";
import { planFault } from "./faults.ts";
import { checkDuration, checkTextLimits, limitSettings } from "./limits.ts";
import { ExplainKinds, explainKindOf, type ExplainKindName, type ExplainWindow } from "../explain/index.ts";

interface ActionBase {
  t: number;
  line: number;
  span: Span;
  /** The statement as written (reports show it as the command). */
  text: string;
}

export type PlannedAction =
  | (ActionBase & {
      kind: "apply";
      objects: KubeObject[];
      source: string;
      /** For a folder: each object's own file. */
      sources?: string[];
    })
  | (ActionBase & {
      kind: "kubectl";
      /** The line as the plan parsed it: what the run executes (a line is parsed once). */
      command: ParsedCommand;
      /** Its output is the point: it runs after everything due at its instant. */
      reads: boolean;
      /** `get … -w`: it prints a row at every change from then on. */
      watches: boolean;
    })
  | (ActionBase & { kind: "load"; deployment: string; spec: LoadSpec })
  /** `nodes N with cpu C memory M [named P]`: a pool of N nodes, there from its time on. */
  | (ActionBase & { kind: "nodes"; pool: PoolSpec; count: number })
  /** `autoscale nodes P from A to B …`: the cluster autoscaler takes the pool (provision: seconds, or the setting). */
  | (ActionBase & { kind: "autoscaleNodes"; pool: string; autoscaling: NodeAutoscaling })
  /** `watch TARGET`: kubectl's `get TYPE NAME -w`, parsed by the plan like any kubectl line. */
  | (ActionBase & { kind: "watch"; target: ResolvedTarget; command: ParsedCommand })
  /** `fault …`: injected into the simulation at `t` (src/engine/faults/inject.ts). */
  | (ActionBase & { kind: "fault"; spec: FaultSpec })
  /**
   * Printed after the run, from the trace, at `t`: the window's end (its instant for `at`).
   * `explainKind` is the explainer's table entry for the target's kind.
   */
  | (ActionBase & {
      kind: "explain";
      target: ResolvedTarget;
      explainKind: ExplainKindName;
      window: ExplainWindow;
    });

export interface Plan {
  file: string;
  source: string;
  title?: string;
  settings: Settings;
  /** Simulated end of the run, seconds. */
  end: number;
  /** In time order; statements at one instant keep the order they are written in. */
  actions: PlannedAction[];
  expectations: PlannedExpectation[];
  /** Deployments the scenario creates, by name. */
  deployments: string[];
  /**
   * The scenario declares nodes (a `nodes` statement, `autoscale nodes` or a Node object): the
   * cluster has capacity, and pods are placed by their requests (docs/nodes.md).
   */
  capacity: boolean;
}

/** A pool's bounds as the statement gives them; durations in seconds, unset ones from the settings. */
export interface NodeAutoscaling {
  min: number;
  max: number;
  provision?: number;
  scaleDownUnneededTime?: number;
}

/** The largest cluster Kubernetes supports (docs "Considerations for large clusters": 5,000 nodes). */
export const MAX_CLUSTER_NODES = 5000;

/** The pool a `nodes` statement without `named` declares (its nodes: node-1, node-2, …). */
export const DEFAULT_POOL = "node";

export interface PlanOptions {
  host: FileHost;
  /** The run's kinds (default: the built-in ones). */
  kinds?: KindRegistry;
  /** The run's kubectl commands (default: the built-in ones). */
  commands?: CommandRegistry;
  /** Allow `file "…"` paths that leave the scenario's folder. */
  allowOutside?: boolean;
  /**
   * Only the diagnostics are wanted (`replicast check`): the same ones, but no plan is built
   * or returned. A long file's actions and expectations (some 2.6 MB for 10,000 lines) were
   * kept alive to the end of planning, and every young collection copied them.
   */
  diagnosticsOnly?: boolean;
  /**
   * Report manifests in an API version the scenario's kubectl.version deprecates or no longer
   * serves (RC4120, RC4121): `replicast check` asks; a run does not, as its kubectl lines print
   * the API server's warnings where real kubectl would.
   */
  deprecations?: boolean;
}

/** The extra simulated time after the last thing a scenario mentions, when it sets no end. */
const DEFAULT_TAIL = 60;

const HPA_QUANTITIES = new Set(["current", "desired", "utilization", "metric", "condition"]);

/** A bare CPU amount from this many cores up reads like a slip for `%` or `m`. */
const BARE_CORES_WARNING = 10;

export function planScenario(
  scenario: Scenario,
  services: Pick<ScenarioServices, "loadManifests" | "readKubectl">,
  options: PlanOptions,
): { plan?: Plan; diagnostics: Diagnostic[] } {
  const file = scenario.file;
  // The plan's own registry: a CustomResourceDefinition the scenario applies registers its
  // kind here, so later documents and kubectl lines may name it (the run's cluster does the same).
  const kinds = (options.kinds ?? builtinKinds).extend();
  const diagnostics: Diagnostic[] = [];
  const statements = scenario.statements;
  // parseScenario has refused time going backwards, duplicate declarations and bad settings.
  const { times } = resolveTimes(statements);
  const limits = limitSettings(statements, defaultSettings());
  for (const d of checkTextLimits(file, scenario.source, statements, limits)) diagnostics.push(d);

  // Pass 1: declarations (usable anywhere), then every object the scenario creates. The
  // kubectl version is one of them: every kubectl line is read as that kubectl reads it.
  let version: number | undefined;
  // Indexed loops over the statements: cheaper than for-of in a fresh process (resolveTimes).
  const declared = new Map<string, ManifestSource>();
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    if (s.kind === "set" && s.key === "kubectl.version") version = s.value as number;
    else if (s.kind === "manifest") declared.set(s.name, s.source);
  }
  const mctx: ManifestContext = {
    file,
    host: options.host,
    allowOutside: options.allowOutside ?? false,
    services,
    declared,
    cache: new Map(),
    diagnostics,
    budget: { settings: limits, manifests: 0, documents: 0, reported: new Set() },
    kinds,
    ...(options.deprecations === true ? { deprecationsAt: version ?? CURRENT_KUBECTL_MINOR } : {}),
  };
  const traffic: TrafficContext = {
    file,
    host: options.host,
    allowOutside: options.allowOutside ?? false,
    diagnostics,
    cache: new Map(),
  };
  const world = new World();
  const applied = new Map<Statement, LoadedManifest>();
  const kubectlLines = new Map<Statement, KubectlLine>();
  /** What each `kubectl apply -f` line applies (its Node manifests count against the cluster's nodes). */
  const kubectlApplied = new Map<Statement, KubeObject[]>();
  // A kubectl line reads the same wherever it is written, as long as the kinds it may name
  // stay the same: scenarios repeat their lines (`kubectl get hpa` after every step), so each
  // text is read once until a manifest is loaded (a CustomResourceDefinition in it registers
  // a kind). The parse is a pure function of the text and the registries (parseKubectl), and
  // nothing changes a parsed command afterwards: the actions may share it.
  const readLines = new Map<string, KubectlLine>();
  // The kubeconfig as each kubectl line finds it: `kubectl config set-context|use-context`
  // changes it for the lines after (src/kubectl/kubeconfig.ts), and those read anew.
  let kubeconfig: Kubeconfig = DEFAULT_KUBECONFIG;
  const claimLimits = new ClaimLimits(diagnostics);
  // cluster-autoscaler's own Deployment adds no node: said once, unless a pool is given to the simulated one.
  let autoscalerPodSaid = statements.some((s) => s.kind === "autoscaleNodes");
  const autoscalerPod = (objects: readonly KubeObject[], namespace: string | undefined, span: Span): void => {
    if (autoscalerPodSaid) return;
    const d = clusterAutoscalerDeployment(objects, namespace ?? "default");
    if (d === undefined) return;
    autoscalerPodSaid = true;
    diagnostics.push(
      diagnosticAt(file, messages.clusterAutoscalerPod(d.name, d.image, d.unneededTime), span, "warning"),
    );
  };
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    if (s.kind === "apply") {
      readLines.clear();
      const loaded = loadSource(mctx, s.source);
      if (loaded) {
        applied.set(s, loaded);
        world.addObjects(loaded.objects);
        claimLimits.applied(loaded);
        autoscalerPod(loaded.objects, undefined, s.span);
      }
    } else if (s.kind === "kubectl") {
      let line = readLines.get(s.args);
      if (line === undefined) {
        line = services.readKubectl(s.args, { kinds, commands: options.commands, version, kubeconfig });
        readLines.set(s.args, line);
      }
      kubectlLines.set(s, line);
      const leaves = line.facts?.kubeconfig;
      if (leaves !== undefined && leaves !== kubeconfig) {
        kubeconfig = leaves;
        readLines.clear();
      }
      world.addCreated(line.facts?.creates ?? []);
      // `kubectl apply -f FILE` creates what the file holds: read it now, so its errors show
      // before the run and its objects can be targets.
      const applies = line.facts?.applies;
      for (let j = 0; applies !== undefined && j < applies.length; j++) {
        const path = applies[j];
        readLines.clear();
        const loaded = loadPath(mctx, path, s.argsSpan, line.facts?.recursive === true);
        if (loaded) {
          world.addObjects(loaded.objects, line.command?.namespace);
          kubectlApplied.set(s, [...(kubectlApplied.get(s) ?? []), ...loaded.objects]);
          claimLimits.applied(loaded, line.command?.namespace);
          autoscalerPod(loaded.objects, line.command?.namespace, s.argsSpan);
        }
      }
      const kustomization = line.facts?.kustomization;
      if (kustomization !== undefined) {
        readLines.clear();
        const loaded = loadKustomization(mctx, kustomization.dir, s.argsSpan);
        if (loaded && !kustomization.prints) {
          world.addObjects(loaded.objects, line.command?.namespace);
          kubectlApplied.set(s, [...(kubectlApplied.get(s) ?? []), ...loaded.objects]);
        }
      }
    }
  }
  // Declared manifests that are never applied are still loaded, so their errors show.
  for (const [name] of declared)
    loadSource(mctx, { kind: "name", name, span: statements[0]?.span ?? zeroSpan });

  // Pass 2: actions, expectations, settings, the end.
  const settings = defaultSettings();
  const actions: PlannedAction[] = [];
  const expectations: PlannedExpectation[] = [];
  /** Node pools declared so far (`autoscale nodes` must come after its pool's `nodes`). */
  const declaredPools = new Set<string>();
  /** Nodes the `nodes` statements declare together: one cluster holds at most MAX_CLUSTER_NODES. */
  let declaredNodes = 0;
  /** Nodes applied from manifests, by name (applying one again updates it): they count too. */
  const manifestNodes = new Set<string>();
  /** Whether the limit was reported already (one error, at the statement that passes it). */
  let nodesOver = false;
  const countManifestNodes = (objects: readonly KubeObject[], what: string, span: Span): void => {
    for (const o of objects) if (o.kind === "Node") manifestNodes.add(o.metadata.name);
    const total = declaredNodes + manifestNodes.size;
    if (nodesOver || total <= MAX_CLUSTER_NODES) return;
    nodesOver = true;
    fail(messages.tooManyNodes(what, String(total)), span);
  };
  let end: number | undefined;
  let runSpan: Span | undefined;
  let latest = 0;
  const text = (span: Span): string => scenario.source.slice(span.offset, span.offset + span.length);
  const fail = (m: Message, span: Span): void => {
    diagnostics.push(diagnosticAt(file, m, span));
  };

  /** `fault node NAME down` statements: they need the scenario to declare nodes. */
  const nodeFaults: (AstFault & { kind: "nodeDown" })[] = [];
  const diagnosticsOnly = options.diagnosticsOnly === true;
  // What the checks after the statements need from the actions, gathered as each is planned
  // (a diagnostics-only plan keeps no actions): the pools, whether nodes are declared, the
  // watched and explained targets in order, the latest action's time.
  const pools: string[] = [];
  let declaresNodes = false;
  let lastAction = 0;
  const watched: { target: ResolvedTarget; span: Span }[] = [];
  const act = (a: PlannedAction): void => {
    if (a.kind === "nodes") pools.push(a.pool.name);
    if (a.kind === "nodes" || a.kind === "autoscaleNodes") declaresNodes = true;
    else if (a.kind === "watch" || a.kind === "explain") watched.push({ target: a.target, span: a.span });
    lastAction = Math.max(lastAction, a.t);
    if (!diagnosticsOnly) actions.push(a);
  };
  // What they need from the expectations: the latest instant each refers to (with its span,
  // for checkDuration), those naming a pool (checked against every pool the file declares),
  // and those whose target is not in the scenario (the World is complete after pass 1, so
  // that is known at once; reported only when nothing failed).
  const expectationEnds: number[] = [];
  const expectationSpans: Span[] = [];
  const poolExpectations: { pool: string; span: Span }[] = [];
  const unknownTargets: { target: ResolvedTarget; span: Span }[] = [];
  /** What the checks need of an expectation ending at `end` (a diagnostics-only plan builds no expectation). */
  const gather = (end: number, span: Span, quantity: Quantity, target: ResolvedTarget | undefined): void => {
    expectationEnds.push(end);
    expectationSpans.push(span);
    if (quantity.kind === "nodes" && quantity.pool !== undefined)
      poolExpectations.push({ pool: quantity.pool, span });
    if (target !== undefined && isUnknown(world, target)) unknownTargets.push({ target, span });
  };
  // A copied line's statements (lineMemo.ts) are its kept line's with the spans moved: what
  // planning a kept expectation or load found without a diagnostic — the target, whether the
  // scenario makes it, how long a load lasts — holds for each copy, and a diagnostics-only
  // plan wants nothing else of them. So the kept ones' findings are noted (by index) and each
  // copy takes them at its own time and spans, as planning it again would.
  const copies = diagnosticsOnly ? copiesOf(statements) : undefined;
  const keptPlans: (KeptPlan | undefined)[] = [];
  // A loop calling the statement's planner (a forEach over the statements spent a tenth of
  // the plan of a long file in the call itself, before V8 optimised it).
  const planStatement = (s: Statement, i: number): void => {
    const t = times[i];
    if (s.kind !== "manifest" && s.kind !== "set" && s.kind !== "title" && s.kind !== "run")
      latest = Math.max(latest, t);
    switch (s.kind) {
      case "title":
      case "manifest":
      case "time":
        return;
      case "set": {
        // parseScenario has checked the key and read the value by the setting's type.
        const v = s.value;
        (settings as Record<string, number | boolean>)[s.key] = v;
        return;
      }
      case "apply": {
        const loaded = applied.get(s);
        if (loaded)
          countManifestNodes(
            loaded.objects,
            "`apply` of Node manifests (with the nodes declared above)",
            s.source.span,
          );
        if (loaded)
          act({
            ...actionBase(s, t, scenario.source),
            kind: "apply",
            objects: loaded.objects,
            source: loaded.source,
            ...(loaded.sources ? { sources: loaded.sources } : {}),
          });
        return;
      }
      case "kubectl": {
        const { errors, facts, command } = kubectlLines.get(s)!;
        const nodeObjects = kubectlApplied.get(s);
        if (nodeObjects)
          countManifestNodes(
            nodeObjects,
            `\`kubectl ${command?.verb ?? "apply"} -f\` of Node manifests (with the nodes declared above)`,
            s.argsSpan,
          );
        for (let j = 0; j < errors.length; j++) {
          const err = errors[j];
          const d = diagnosticAt(
            file,
            messages.kubectl(err.message.replace(/^error: /, "")),
            subSpan(s.argsSpan, err.col - 1, err.length),
          );
          if (err.hint) d.hint = err.hint;
          diagnostics.push(d);
        }
        if (errors.length > 0 || !facts || !command) return;
        if (facts.runsFor !== undefined) latest = Math.max(latest, t + facts.runsFor);
        // The commonest action: without a plan to keep, only its time is wanted (act's summary).
        if (diagnosticsOnly) {
          lastAction = Math.max(lastAction, t);
          return;
        }
        // Written out, not spread from actionBase: the commonest actions, and a spread then
        // more keys is a slow path of a fresh process (actionBase's keys, in its order).
        act({
          t,
          line: s.span.line,
          span: s.span,
          text: actionText(s, scenario.source),
          kind: "kubectl",
          command,
          reads: facts.reads,
          watches: facts.watches !== undefined,
        });
        return;
      }
      case "load": {
        const relation = copies === undefined ? -1 : copyRelation(copies, statements, i);
        const kept = relation >= 0 ? keptPlans[relation] : undefined;
        if (kept !== undefined && kept.kind === "load") {
          if (kept.unknown !== undefined) unknownTargets.push({ target: kept.unknown, span: s.target!.span });
          latest = Math.max(latest, t + kept.lasts);
          lastAction = Math.max(lastAction, t);
          return;
        }
        const reported = diagnostics.length;
        let unknown: ResolvedTarget | undefined;
        const dep = loadDeployment(world, s.target, s.span);
        if ("message" in dep) return fail(dep.message, dep.span);
        // A load on a workload nothing creates would change nothing at all: warned of as an
        // expectation on it is (a namespace written as the environment's short name, say).
        if (s.target) {
          const r = resolveTarget(world, s.target, s.span, "this load", "Deployment");
          if (!("message" in r) && isUnknown(world, r.target)) {
            unknown = r.target;
            unknownTargets.push({ target: r.target, span: s.target.span });
          }
        }
        // Without a plan to keep, a load of one change that reads no file is wanted only for
        // how long it lasts (loadSteps' `lasts`), not for its spec.
        const lasts = diagnosticsOnly ? oneChangeLasts(s.load) : undefined;
        const steps =
          lasts === undefined ? loadSteps(s.load, (f, unit) => loadTrafficFile(traffic, f, unit)) : undefined;
        const { kind, name } = loadedWorkload(dep.name);
        if (
          kind === "Service" &&
          (steps === undefined
            ? astPercentOfRequest(s.load)
            : steps.some((step) => hasPercentOfRequest(step.spec)))
        )
          return fail(messages.percentOverWorkloads(name, workloadsOfService(world, name)), s.span);
        // Amounts that do not do what they seem to: a % of a request there is none of, a
        // bare number that is cores.
        const request =
          kind === "Deployment" ? (world.deployments.get(dep.name)?.requestMilli ?? 0) : undefined;
        const amounts = s.cpuAmounts;
        for (let j = 0; amounts !== undefined && j < amounts.length; j++) {
          const a = amounts[j];
          if (a.percent && request === 0)
            diagnostics.push(
              diagnosticAt(file, messages.cpuPercentWithoutRequest(a.text, name), a.span, "warning"),
            );
          else if (a.bare && Number(a.text) >= BARE_CORES_WARNING)
            diagnostics.push(diagnosticAt(file, messages.bareCpuCores(a.text), a.span, "warning"));
        }
        if (steps === undefined) {
          latest = Math.max(latest, t + lasts!);
          lastAction = Math.max(lastAction, t);
          if (relation === KEPT && diagnostics.length === reported)
            keptPlans[i] = { kind: "load", unknown, lasts: lasts! };
          return;
        }
        const command = diagnosticsOnly ? "" : actionText(s, scenario.source);
        for (let j = 0; j < steps.length; j++) {
          const step = steps[j];
          latest = Math.max(latest, t + step.offset + step.lasts);
          // As for kubectl lines: without a plan, only the time of the change is wanted.
          if (diagnosticsOnly) {
            lastAction = Math.max(lastAction, t + step.offset);
            continue;
          }
          act({
            t: t + step.offset,
            line: s.span.line,
            span: s.span,
            text: command,
            kind: "load",
            deployment: dep.name,
            spec: step.spec,
          });
        }
        return;
      }
      case "nodes": {
        const name = s.pool ?? DEFAULT_POOL;
        if (s.count > MAX_CLUSTER_NODES)
          return fail(messages.tooManyNodes("`nodes`", String(s.count)), s.span);
        if (declaredPools.has(name)) return fail(messages.duplicatePool(name), s.poolSpan ?? s.span);
        if (declaredNodes + manifestNodes.size + s.count > MAX_CLUSTER_NODES) {
          nodesOver = true;
          return fail(
            messages.tooManyNodes(
              manifestNodes.size
                ? "`nodes` (with the pools and Node manifests above)"
                : "`nodes` (with the pools declared above)",
              String(declaredNodes + manifestNodes.size + s.count),
            ),
            s.span,
          );
        }
        declaredNodes += s.count;
        declaredPools.add(name);
        const pool: PoolSpec = {
          name,
          cpu: s.cpuMilli,
          memory: s.memoryBytes,
          maxPods: s.maxPods ?? DEFAULT_MAX_PODS,
          ...(s.zone !== undefined ? { labels: zoneLabels(s.zone) } : {}),
        };
        act({ ...actionBase(s, t, scenario.source), kind: "nodes", pool, count: s.count });
        return;
      }
      case "autoscaleNodes": {
        const pools = [...declaredPools];
        let pool = s.pool;
        if (pool === undefined) {
          if (pools.length !== 1) return fail(messages.whichPool("autoscale nodes", pools), s.span);
          pool = pools[0];
        } else if (!declaredPools.has(pool))
          return fail(messages.unknownPool(pool, pools), s.poolSpan ?? s.span);
        if (s.max > MAX_CLUSTER_NODES)
          return fail(messages.tooManyNodes("`autoscale nodes`", String(s.max)), s.span);
        const autoscaling: NodeAutoscaling = { min: s.min, max: s.max };
        if (s.provision !== undefined) autoscaling.provision = s.provision;
        if (s.scaleDownAfter !== undefined) autoscaling.scaleDownUnneededTime = s.scaleDownAfter;
        act({ ...actionBase(s, t, scenario.source), kind: "autoscaleNodes", pool, autoscaling });
        return;
      }
      case "watch": {
        const r = resolveTarget(world, s.target, s.span, "watch", "Deployment");
        if ("message" in r) return fail(r.message, r.span);
        const plural = kinds.get(r.target.kind)?.plural ?? r.target.kind.toLowerCase();
        const { namespace, name } = parseQualifiedName(r.target.name);
        const inNamespace = namespace === DEFAULT_NAMESPACE ? "" : ` -n ${namespace}`;
        const line = services.readKubectl(`get ${plural} ${name}${inNamespace} -w`, {
          kinds,
          commands: options.commands,
          version,
        });
        if (!line.command) return fail(messages.kubectl(line.errors[0]?.message ?? "cannot watch"), s.span);
        act({
          ...actionBase(s, t, scenario.source),
          kind: "watch",
          target: r.target,
          command: line.command,
        });
        return;
      }
      case "explain": {
        const r = resolveTarget(world, s.target, s.span, "this explain", "HorizontalPodAutoscaler");
        if ("message" in r) return fail(r.message, r.span);
        const explainKind = explainKindOf(targetText(r.target, kinds).split("/")[0]);
        if (explainKind === undefined)
          return fail(
            messages.cannotExplain(
              r.target.kind,
              Object.keys(ExplainKinds).map((k) => `${k}/NAME`),
            ),
            s.target?.span ?? s.span,
          );
        const window: ExplainWindow =
          s.window?.kind === "fromTo" ? { from: s.window.from, to: s.window.to } : { at: s.window?.t ?? t };
        const printAt = window.at ?? window.to ?? t;
        act({
          ...actionBase(s, t, scenario.source),
          t: printAt,
          kind: "explain",
          target: r.target,
          explainKind,
          window,
        });
        latest = Math.max(latest, printAt);
        return;
      }
      case "fault": {
        const planned = planFault(world, kinds, s.fault, s.duration, s.span);
        if ("message" in planned) return fail(planned.message, planned.span);
        if (s.fault.kind === "nodeDown") nodeFaults.push(s.fault);
        act({ ...actionBase(s, t, scenario.source), kind: "fault", spec: planned.spec });
        if (s.duration !== undefined) latest = Math.max(latest, t + s.duration);
        return;
      }
      case "run": {
        runSpan = s.span;
        end = s.mode === "for" ? t + s.t : s.t;
        return;
      }
      case "expect": {
        const relation = copies === undefined ? -1 : copyRelation(copies, statements, i);
        const kept = relation >= 0 ? keptPlans[relation] : undefined;
        if (kept !== undefined && kept.kind === "expect") {
          const ends = windowEnd(s.timing, t);
          gather(ends, s.span, s.quantity, kept.target);
          latest = Math.max(latest, ends);
          return;
        }
        const reported = diagnostics.length;
        const q = s.quantity;
        let target: ResolvedTarget | undefined;
        if (q.kind === "nodes" && s.target) return fail(messages.clusterQuantity("nodes"), s.target.span);
        // `nodes` and a `pending` without a target count over the whole cluster.
        const clusterWide = q.kind === "nodes" || (q.kind === "pending" && !s.target);
        if (!clusterWide && (q.kind !== "event" || s.target)) {
          const prefer = HPA_QUANTITIES.has(q.kind) ? "HorizontalPodAutoscaler" : "Deployment";
          const r = resolveTarget(world, s.target, s.span, "this expectation", prefer);
          if ("message" in r) return fail(r.message, r.span);
          target = r.target;
          if (
            target.kind === "Service" &&
            q.kind !== "event" &&
            workloadsOfService(world, target.name).length <= 1
          ) {
            const d = deploymentOfService(world, target.name);
            if (!d) return fail(messages.serviceWithoutDeployment(target.name), s.target?.span ?? s.span);
            target = { kind: "Deployment", name: d };
          }
        }
        const requestMilli =
          target?.kind === "Deployment"
            ? world.deployments.get(target.name)?.requestMilli
            : target?.kind === "StatefulSet"
              ? world.statefulSets.get(target.name)?.requestMilli
              : undefined;
        // `unserved <= 10%` is 10% of one pod's request, which nobody guesses: say so.
        const v = s.value;
        if (q.kind === "unserved" && target && v?.kind === "number" && v.unit === "%")
          diagnostics.push(
            diagnosticAt(
              file,
              messages.unservedPercent(text(v.span), requestMilli, target.name),
              v.span,
              "warning",
            ),
          );
        const windowEnds = windowEnd(s.timing, t);
        gather(windowEnds, s.span, q, target);
        latest = Math.max(latest, windowEnds);
        if (relation === KEPT && diagnostics.length === reported) keptPlans[i] = { kind: "expect", target };
        // Without a plan to keep, nothing more is wanted of an expectation (the commonest statement).
        if (diagnosticsOnly) return;
        expectations.push({
          line: s.span.line,
          span: s.span,
          text: s.text,
          t,
          target,
          quantity: q,
          op: s.op,
          value: s.value,
          timing: s.timing,
          requestMilli,
        });
        return;
      }
    }
  };
  for (let i = 0; i < statements.length; i++) planStatement(statements[i], i);

  const capacity = declaresNodes || [...world.others].some((o) => o.startsWith("Node/"));
  if (!capacity) for (const f of nodeFaults) fail(messages.noNodes(f.node), f.nodeSpan);
  for (let i = 0; i < poolExpectations.length; i++) {
    const e = poolExpectations[i];
    if (!pools.includes(e.pool))
      diagnostics.push(diagnosticAt(file, messages.unknownPool(e.pool, pools), e.span, "warning"));
  }
  const planEnd = end ?? latest + DEFAULT_TAIL;
  // Every time the scenario reaches, listed for checkDuration only when one passes the limit.
  const maxDuration = limits["limits.duration"];
  let overLimit = !(planEnd <= maxDuration);
  for (let i = 0; !overLimit && i < times.length; i++) overLimit = !(times[i] <= maxDuration);
  for (let i = 0; !overLimit && i < expectationEnds.length; i++)
    overLimit = !(expectationEnds[i] <= maxDuration);
  if (overLimit)
    for (const d of checkDuration(file, limits, [
      ...statements.map((s, i) => ({ t: times[i], span: s.time?.span ?? s.span })),
      ...expectationEnds.map((t, i) => ({ t, span: expectationSpans[i] })),
      { t: planEnd, span: runSpan ?? statements[statements.length - 1]?.span ?? zeroSpan },
    ]))
      diagnostics.push(d);
  if (end !== undefined && runSpan && lastAction > end)
    fail(messages.runBeforeStatements(formatTime(end), formatTime(lastAction)), runSpan);
  // An object missing because a statement failed is that failure's consequence, not news.
  const failed = diagnostics.some((d) => d.severity === "error");
  const unknownObject = (target: ResolvedTarget, span: Span): void => {
    // The same name in another namespace: most often made by a kubectl line that worked in a
    // context's namespace (`kubectl config set-context --current --namespace=dev`).
    const known =
      target.kind === "Deployment"
        ? world.deployments
        : target.kind === "StatefulSet"
          ? world.statefulSets
          : world.allHpas;
    const { name } = parseQualifiedName(target.name);
    const elsewhere = [...known.keys()].filter(
      (k) => k !== target.name && parseQualifiedName(k).name === name,
    );
    diagnostics.push(
      diagnosticAt(
        file,
        messages.unknownObject(
          targetText(target, kinds),
          elsewhere.map((k) => targetText({ ...target, name: k }, kinds)),
        ),
        span,
        "warning",
      ),
    );
  };
  if (!failed) {
    for (const u of unknownTargets) unknownObject(u.target, u.span);
    for (const w of watched) if (isUnknown(world, w.target)) unknownObject(w.target, w.span);
  }

  diagnostics.sort((a, b) =>
    a.file === b.file
      ? a.span.offset - b.span.offset
      : a.file === file
        ? -1
        : b.file === file
          ? 1
          : a.file < b.file
            ? -1
            : 1,
  );
  if (diagnosticsOnly || diagnostics.some((d) => d.severity === "error")) return { diagnostics };
  // Array.prototype.sort is stable (ECMAScript 2019): actions at one instant keep their order.
  const ordered = [...actions].sort((x, y) => x.t - y.t);
  return {
    plan: {
      file,
      source: scenario.source,
      title: scenario.title,
      settings,
      end: planEnd,
      actions: ordered,
      expectations,
      deployments: [...world.deployments.keys()],
      capacity,
    },
    diagnostics,
  };
}

/**
 * What a diagnostics-only plan found for a kept line's statement (planScenario's pass 2) that
 * reported nothing: an expectation's target; a load of one change read from no file, the
 * target it names when the scenario makes no such object, and how long it lasts.
 */
type KeptPlan =
  | { kind: "expect"; target: ResolvedTarget | undefined }
  | { kind: "load"; unknown: ResolvedTarget | undefined; lasts: number };

/**
 * What every action of a statement carries (expectations and declarations need none of it).
 * A function of its own, not a closure in planScenario's loop: a closure over the statement
 * made V8 allocate a context for every statement of the file.
 */
function actionBase(s: Statement, t: number, source: string): ActionBase {
  return { t, line: s.span.line, span: s.span, text: actionText(s, source) };
}

function actionText(s: Statement, source: string): string {
  return commandText(s, source.slice(s.span.offset, s.span.offset + s.span.length));
}

/**
 * The statement as a command, without its time mark: `at 1m kubectl get hpa` → `kubectl get hpa`
 * (the report already shows the time).
 */
function commandText(s: Statement, written: string): string {
  if (s.kind === "kubectl") return `kubectl ${s.args.trim()}`;
  if (!s.time || s.kind === "time") return written.trim();
  const cut = s.time.span.offset + s.time.span.length - s.span.offset;
  return cut > 0 && cut <= written.length ? written.slice(cut).trim() : written.trim();
}

/** A target the scenario creates no object for (the World holds every object after pass 1). */
function isUnknown(world: World, target: ResolvedTarget): boolean {
  return (
    (target.kind === "Deployment" && !world.deployments.has(target.name)) ||
    (target.kind === "StatefulSet" && !world.statefulSets.has(target.name)) ||
    (target.kind === "HorizontalPodAutoscaler" && !world.allHpas.has(target.name))
  );
}

const zeroSpan: Span = { offset: 0, length: 0, line: 1, col: 1, endLine: 1, endCol: 1 };

/** The latest instant an expectation's timing refers to. */
function windowEnd(timing: PlannedExpectation["timing"], t: number): number {
  switch (timing.kind) {
    case "within":
    case "for":
      return t + timing.d;
    case "at":
      return timing.t;
    case "fromTo":
      return timing.to;
    case "always":
    case "never":
      return t;
  }
}

function loadDeployment(
  world: World,
  target: TargetRef | undefined,
  span: Span,
): { name: string } | { message: Message; span: Span } {
  const r = resolveTarget(world, target, span, "this load", "Deployment");
  if ("message" in r) return r;
  switch (r.target.kind) {
    case "Deployment":
      return { name: r.target.name };
    case "StatefulSet":
      return { name: loadKey("StatefulSet", r.target.name) };
    case "HorizontalPodAutoscaler": {
      const d = world.hpas.get(r.target.name);
      const scales = world.allHpas.get(r.target.name);
      return d
        ? { name: d }
        : {
            message:
              scales === undefined
                ? messages.unknownObject(refText("hpa", r.target.name))
                : messages.hpaOnStoredKind(refText("hpa", r.target.name), scales, "a load"),
            span: target?.span ?? span,
          };
    }
    case "Service": {
      // Several workloads behind the Service: its traffic goes to all of their Ready pods.
      if (workloadsOfService(world, r.target.name).length > 1)
        return { name: loadKey("Service", r.target.name) };
      const d = deploymentOfService(world, r.target.name);
      return d
        ? { name: d }
        : { message: messages.serviceWithoutDeployment(r.target.name), span: target?.span ?? span };
    }
    default:
      return { message: messages.notInScenario("a load", r.target.kind), span: target?.span ?? span };
  }
}

/** A load given as a % of one pod's request (which pod, when a Service fronts several workloads?). */
const hasPercentOfRequest = (spec: LoadSpec): boolean =>
  (spec.kind === "cpu" &&
    ("percentOfRequest" in spec.amount ||
      (spec.rampTo !== undefined && "percentOfRequest" in spec.rampTo))) ||
  (spec.kind === "cpuPerPod" && "percentOfRequest" in spec.amount);

/**
 * How long past its start a load of one change read from no file lasts (loadSteps' only step's
 * `lasts`); undefined for the other forms (steps, files, replays).
 */
function oneChangeLasts(load: AstLoad): number | undefined {
  switch (load.kind) {
    case "cpu":
      return load.rampOver ?? 0;
    case "memoryPerPod":
      return load.duration ?? 0;
    case "cpuPerPod":
    case "off":
      return 0;
    default:
      return undefined;
  }
}

/** hasPercentOfRequest of the spec loadSteps makes of a load oneChangeLasts reads (cpu() keeps the amount's kind). */
const astPercentOfRequest = (load: AstLoad): boolean =>
  (load.kind === "cpu" &&
    ("percentOfRequest" in load.amount ||
      (load.rampTo !== undefined && "percentOfRequest" in load.rampTo))) ||
  (load.kind === "cpuPerPod" && "percentOfRequest" in load.amount);

const cpu = (a: AstCpuAmount): CpuAmount =>
  "milli" in a ? { milli: a.milli } : { percentOfRequest: a.percentOfRequest };

/** Reads a traffic file into a signal; undefined when it cannot (the reader reported why). */
export type TrafficReader = (file: AstTrafficFile, unit: ValueUnit) => Signal | undefined;

const noFiles: TrafficReader = () => undefined;

/**
 * Values over time as a signal and how long past the statement they refer to: `steps` last
 * one `every` past their last step, as `cpu steps` do; a file ends at its last sample.
 * `times` scales every value. Example: requests steps 100/s 300/s every 10m times 2 →
 * t = [0, 600], v = [200, 600], lasting 1200 s.
 */
function seriesSignal(
  series: AstSeries,
  unit: ValueUnit,
  scale: number,
  read: TrafficReader,
): { signal: Signal; lasts: number } | undefined {
  if (series.kind === "steps") {
    const signal = scaleSignal(stepsSignal(series.values, series.every), scale);
    return { signal, lasts: series.values.length * series.every };
  }
  const signal = read(series.file, unit);
  return signal && { signal: scaleSignal(signal, scale), lasts: signalLength(signal) };
}

/**
 * A load statement as load changes: one, or one per step for `cpu steps … every D`; a
 * replay (`steps` of requests or metrics, a file) is one change carrying its signal, however
 * many samples it holds. `lasts` is how long past its start the statement refers to (ramps,
 * timed memory, steps, the last sample of a file). A file that cannot be read gives nothing
 * (its diagnostics are reported).
 * Example: `load cpu steps 100% 200% every 1m` at 30s → cpu 100% at 30s, cpu 200% at 90s.
 */
export function loadSteps(
  load: AstLoad,
  read: TrafficReader = noFiles,
): { offset: number; lasts: number; spec: LoadSpec }[] {
  switch (load.kind) {
    case "cpu": {
      const spec: LoadSpec = { kind: "cpu", amount: cpu(load.amount) };
      if (load.rampTo) spec.rampTo = cpu(load.rampTo);
      if (load.rampOver !== undefined) spec.rampOver = load.rampOver;
      return [{ offset: 0, lasts: load.rampOver ?? 0, spec }];
    }
    case "cpuFile": {
      const replay = seriesSignal({ kind: "file", file: load.file }, "cpu", load.times ?? 1, read);
      return replay
        ? [{ offset: 0, lasts: replay.lasts, spec: { kind: "cpuSignal", milli: replay.signal } }]
        : [];
    }
    case "cpuPerPod":
      return [
        {
          offset: 0,
          lasts: 0,
          spec: {
            kind: "cpuPerPod",
            amount: cpu(load.amount),
            ...(load.startupFor !== undefined ? { startupFor: load.startupFor } : {}),
          },
        },
      ];
    case "memoryPerPod": {
      const spec: LoadSpec = { kind: "memoryPerPod", bytes: load.bytes };
      if (load.onPods !== undefined) spec.onPods = load.onPods;
      if (load.duration !== undefined) spec.duration = load.duration;
      return [{ offset: 0, lasts: load.duration ?? 0, spec }];
    }
    case "requests": {
      const cost = load.costMilliPerRequest ?? DEFAULT_COST_MILLI_PER_REQUEST;
      if (typeof load.rps === "number")
        return [
          {
            offset: 0,
            lasts: 0,
            spec: { kind: "requests", rps: load.rps * (load.times ?? 1), costMilliPerRequest: cost },
          },
        ];
      const replay = seriesSignal(load.rps, "requests", load.times ?? 1, read);
      return replay
        ? [
            {
              offset: 0,
              lasts: replay.lasts,
              spec: { kind: "requests", rps: replay.signal, costMilliPerRequest: cost },
            },
          ]
        : [];
    }
    case "metric": {
      const total = load.total ? { total: true } : {};
      if (typeof load.valueMilli === "number")
        return [
          {
            offset: 0,
            lasts: 0,
            spec: {
              kind: "metric",
              name: load.name,
              valueMilli: load.valueMilli * (load.times ?? 1),
              ...total,
            },
          },
        ];
      const replay = seriesSignal(load.valueMilli, "metric", load.times ?? 1, read);
      return replay
        ? [
            {
              offset: 0,
              lasts: replay.lasts,
              spec: { kind: "metric", name: load.name, valueMilli: replay.signal, ...total },
            },
          ]
        : [];
    }
    case "off":
      return [{ offset: 0, lasts: 0, spec: { kind: "off" } }];
    case "cpuSteps":
      return load.amounts.map((a, i) => ({
        offset: i * load.every,
        lasts: load.every,
        spec: { kind: "cpu", amount: cpu(a) } as LoadSpec,
      }));
  }
}

/**
 * The part of a one-line span `offset` characters in, `length` long (kubectl errors point at
 * a word of the line). Example: span at col 9 ("get podz"), offset 4, length 4 → col 13.
 */
export function subSpan(span: Span, offset: number, length: number): Span {
  const o = Math.max(0, Math.min(offset, span.length));
  const len = Math.max(0, Math.min(length, span.length - o));
  if (span.line !== span.endLine) return span;
  return {
    offset: span.offset + o,
    length: len,
    line: span.line,
    col: span.col + o,
    endLine: span.line,
    endCol: span.col + o + len,
  };
}
