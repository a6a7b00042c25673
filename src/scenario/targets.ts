/**
 * Target resolution before the run. The plan knows which Deployments and HPAs a scenario
 * creates (from its applied manifests and its `kubectl create deployment` / `kubectl
 * autoscale` lines), so an omitted target means the only Deployment and a bare `hpa` means
 * the HPA whose scaleTargetRef is that Deployment. Ambiguity is an error listing the choices.
 */
import { labelsMatch, selectorFromSet } from "../k8s/labels.ts";
import type { Span, TargetRef } from "../dsl/ast.ts";
import type { Diagnostic } from "../text/diagnostic.ts";
import type { KubeObject } from "../k8s/types.ts";
import { loadKey } from "../engine/workload/types.ts";
import { DEFAULT_NAMESPACE, parseQualifiedName, qualifiedName, qualifiedNameOf } from "../k8s/namespaces.ts";
import { builtinKinds } from "../k8s/kinds/builtin.ts";
import { isOtherGroupsKind } from "../k8s/kinds/registry.ts";
import { messages, type Message } from "./messages.ts";
import { refText, type ResolvedTarget } from "./target.ts";

export interface KnownDeployment {
  name: string;
  /** Pod template labels (for finding a Service's Deployment). */
  labels: Record<string, string>;
  /** One pod's CPU request, millicores (sum over containers), when the manifest sets it. */
  requestMilli?: number;
}

export class World {
  readonly deployments = new Map<string, KnownDeployment>();
  readonly statefulSets = new Map<string, KnownDeployment>();
  /** HPA name → the load key (loadKey) of the Deployment or StatefulSet its scaleTargetRef names. */
  readonly hpas = new Map<string, string>();
  /**
   * Every HPA the scenario makes, by qualified name, with its scaleTargetRef as `Kind/name`:
   * one on an Argo Rollout or another stored kind is still an object `expect hpa/NAME` may
   * read, though no load reaches its target's pods.
   */
  readonly allHpas = new Map<string, string>();
  /** Service name → selector. */
  readonly services = new Map<string, Record<string, string>>();
  readonly others = new Set<string>();
  /**
   * The answers an omitted target needs (every such statement asks): the Deployments' names,
   * each Deployment's HPAs. Dropped whenever objects are added.
   */
  private names?: {
    deployments: string[];
    hpasOf: Map<string, string[]>;
    /**
     * What an omitted target resolves to when there is one Deployment (and one HPA of it):
     * one object shared by every statement that omits it — nothing changes a resolution once
     * made, and a long file's thousands of expectations each built their own.
     */
    onlyDeployment?: { target: ResolvedTarget };
    onlyHpa?: { target: ResolvedTarget };
  };

  /** The Deployments' qualified names, in the order they were added. */
  deploymentNames(): readonly string[] {
    this.names ??= { deployments: [...this.deployments.keys()], hpasOf: new Map() };
    return this.names.deployments;
  }

  /** The resolution to the only Deployment (there must be exactly one), made once. */
  onlyDeploymentTarget(): { target: ResolvedTarget } {
    this.deploymentNames();
    return (this.names!.onlyDeployment ??= {
      target: { kind: "Deployment", name: this.names!.deployments[0] },
    });
  }

  /** The resolution to the only HPA of the only Deployment (there must be exactly one of each), made once. */
  onlyHpaTarget(): { target: ResolvedTarget } {
    this.deploymentNames();
    return (this.names!.onlyHpa ??= {
      target: { kind: "HorizontalPodAutoscaler", name: this.hpasOf(this.names!.deployments[0])[0] },
    });
  }

  /** The HPAs whose scaleTargetRef is this load key, in the order they were added. */
  hpasOf(workload: string): readonly string[] {
    this.deploymentNames();
    const hpasOf = this.names!.hpasOf;
    let hpas = hpasOf.get(workload);
    if (hpas === undefined) {
      hpas = [...this.hpas].filter(([, dep]) => dep === workload).map(([name]) => name);
      hpasOf.set(workload, hpas);
    }
    return hpas;
  }

  /**
   * Objects as they will be stored, by qualified name (`web`, `prod/web`): in their own
   * namespace, else `namespace` (a kubectl line's `-n`, else default).
   */
  addObjects(objects: readonly KubeObject[], namespace = DEFAULT_NAMESPACE): void {
    if (objects.length > 0) this.names = undefined;
    for (const o of objects) {
      const ns = o.metadata.namespace || namespace;
      const key = qualifiedName(ns, o.metadata.name);
      // Another group's kind of a built-in's name (Knative's Service) is none of the workloads,
      // HPAs or Services the language's targets name.
      if (isOtherGroupsKind(builtinKinds, o)) {
        this.others.add(`${o.kind}.${o.apiVersion}/${key}`);
      } else if (o.kind === "Deployment" || o.kind === "StatefulSet") {
        // The object may still be malformed here (validation reports it on its own line), so
        // read only what has the expected shape.
        const listed: unknown = o.spec?.template?.spec?.containers;
        const containers = Array.isArray(listed)
          ? (listed as { resources?: { requests?: { cpu?: unknown } } }[])
          : [];
        let request: number | undefined;
        for (const c of containers) {
          const cpu = c?.resources?.requests?.cpu;
          const m = cpu === undefined ? undefined : cpuMilli(String(cpu));
          if (m !== undefined) request = (request ?? 0) + m;
        }
        (o.kind === "Deployment" ? this.deployments : this.statefulSets).set(key, {
          name: key,
          labels: o.spec?.template?.metadata?.labels ?? {},
          requestMilli: request,
        });
      } else if (o.kind === "HorizontalPodAutoscaler") {
        const ref = o.spec?.scaleTargetRef;
        this.allHpas.set(key, `${String(ref?.kind)}/${String(ref?.name)}`);
        // scaleTargetRef names a workload of the HPA's own namespace.
        if (ref && (ref.kind === "Deployment" || ref.kind === "StatefulSet"))
          this.hpas.set(key, loadKey(ref.kind, qualifiedName(ns, ref.name)));
      } else if (o.kind === "Service") {
        this.services.set(key, o.spec?.selector ?? {});
      } else {
        this.others.add(`${o.kind}/${key}`);
      }
    }
  }

  /**
   * Objects a kubectl line creates (its facts): a Deployment the scenario already has keeps
   * what its manifest said (the create will fail with AlreadyExists).
   */
  addCreated(objects: readonly KubeObject[]): void {
    // Most kubectl lines create nothing (every line of a scenario comes here).
    if (objects.length === 0) return;
    this.addObjects(
      objects.filter(
        (o) =>
          (o.kind !== "Deployment" || !this.deployments.has(qualifiedNameOf(o))) &&
          (o.kind !== "StatefulSet" || !this.statefulSets.has(qualifiedNameOf(o))),
      ),
    );
  }
}

/**
 * CPU quantity → millicores. Examples: "500m" → 500, "0.5" → 500, "2" → 2000, "1.5k" → undefined
 * (not a CPU amount anyone writes; the manifest validator reports real errors).
 */
export function cpuMilli(q: string): number | undefined {
  const m = /^([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(m?)$/.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === "m" ? n : Math.round(n * 1000 * 1000) / 1000;
}

export type Resolution = { target: ResolvedTarget } | { message: Message; span: Span };

/**
 * Resolve a target as written (or omitted, at `span`) for a statement described by `what`
 * ("this expectation", "this load"). `prefer` says which kind an omitted target means.
 */
export function resolveTarget(
  world: World,
  ref: TargetRef | undefined,
  span: Span,
  what: string,
  prefer: "Deployment" | "HorizontalPodAutoscaler",
): Resolution {
  if (!ref)
    return prefer === "Deployment"
      ? onlyDeployment(world, span, what)
      : hpaOfOnlyDeployment(world, span, what);
  if (ref.name !== undefined) return { target: { kind: ref.kind, name: ref.name } };
  // A bare kind word: "the only Deployment", and "the HPA of the only Deployment"
  // (docs/language.md § Lexical rules); any other kind needs its name.
  if (ref.kind === "Deployment") return onlyDeployment(world, ref.span, what);
  if (ref.kind === "HorizontalPodAutoscaler") return hpaOfOnlyDeployment(world, ref.span, what);
  return { message: messages.notInScenario(what, `${ref.kind} without a name`), span: ref.span };
}

/**
 * The workloads whose pods a Service selects (their load keys, Deployments then StatefulSets):
 * more than one means its traffic is split over all of them (a canary beside a stable
 * Deployment). Example: selector app=web over Deployments web (app=web, track=stable) and
 * web-canary (app=web, track=canary) → ["web", "web-canary"].
 */
export function workloadsOfService(world: World, service: string): string[] {
  const selector = world.services.get(service);
  if (!selector || Object.keys(selector).length === 0) return [];
  const picks = (w: KnownDeployment) => labelsMatch(selectorFromSet(selector), w.labels);
  return [
    ...[...world.deployments.values()].filter(picks).map((d) => loadKey("Deployment", d.name)),
    ...[...world.statefulSets.values()].filter(picks).map((s) => loadKey("StatefulSet", s.name)),
  ];
}

/** The Deployment a Service sends traffic to: same name first, else the one whose pod labels its selector matches. */
export function deploymentOfService(world: World, service: string): string | undefined {
  if (world.deployments.has(service)) return service;
  const selector = world.services.get(service);
  if (!selector || Object.keys(selector).length === 0) return undefined;
  // A Service selects pods of its own namespace.
  const ns = parseQualifiedName(service).namespace;
  const matches = [...world.deployments.values()].filter(
    (d) => parseQualifiedName(d.name).namespace === ns && labelsMatch(selectorFromSet(selector), d.labels),
  );
  return matches.length === 1 ? matches[0].name : undefined;
}

function onlyDeployment(world: World, span: Span, what: string): Resolution {
  const names = world.deploymentNames();
  if (names.length === 1) return world.onlyDeploymentTarget();
  if (names.length === 0) return { message: messages.noDeployment(what), span };
  return {
    message: messages.ambiguousDeployment(
      what,
      names.map((n) => refText("deployment", n)),
    ),
    span,
  };
}

function hpaOfOnlyDeployment(world: World, span: Span, what: string): Resolution {
  const d = onlyDeployment(world, span, what);
  if (!("target" in d)) return d;
  const hpas = world.hpasOf(d.target.name);
  if (hpas.length === 1) return world.onlyHpaTarget();
  if (hpas.length === 0) return { message: messages.noHpa(refText("deployment", d.target.name)), span };
  return {
    message: messages.ambiguousHpa(
      refText("deployment", d.target.name),
      hpas.map((n) => refText("hpa", n)),
    ),
    span,
  };
}

export function diagnosticAt(
  file: string,
  m: Message,
  span: Span,
  severity: Diagnostic["severity"] = "error",
): Diagnostic {
  const d: Diagnostic = { code: m.code, severity, file, span, message: m.message };
  if (m.hint) d.hint = m.hint;
  return d;
}
