/**
 * Putting a fault into a running simulation (the language's `fault` statement): which pods it
 * hits, the window it lasts, and what happens at once. The rest is the kubelet's, the
 * metrics-server's and the API server's, which consult the windows (faults/index.ts).
 *
 * Pods of a workload are the ones its selector picks that are not terminating, oldest first
 * (creationTimestamp, then name): `fault crash deployment/web 2 pods` takes the two oldest —
 * a choice a reader can predict, and one that draws nothing from the seeded generator, so a
 * fault never changes the names of the pods created after it.
 */
import type { AnyKind, KindRegistry } from "../../k8s/kinds/registry.ts";
import { labelsMatch } from "../../k8s/labels.ts";
import { parseLabelSelector, requirementsMatch } from "../../k8s/labelSelectorParse.ts";
import { parseQualifiedName } from "../../k8s/namespaces.ts";
import type { KubeObject, LabelSelector, Pod, Time } from "../../k8s/types.ts";
import type { Faults } from "./index.ts";
import { serviceUnavailable } from "./index.ts";

/** A workload by its kind and qualified name (`deployment/web`; `web` in default, `prod/web` elsewhere). */
export interface WorkloadRef {
  kind: string;
  name: string;
}

export type FaultSpec =
  /** `fault crash TARGET N pods [for D]`: their containers exit now and after every restart. */
  | { kind: "crash"; target: WorkloadRef; pods: number; duration?: number }
  /** `fault crash image IMAGE [for D]`: every container running IMAGE, now or later. */
  | { kind: "crashImage"; image: string; duration?: number }
  /** `fault pull image IMAGE [for D]`: every pull of IMAGE fails; pods already running it keep running. */
  | { kind: "pullImage"; image: string; duration?: number }
  /** `fault unready TARGET N pods [for D]`: their readiness probes fail. */
  | { kind: "unready"; target: WorkloadRef; pods: number; duration?: number }
  /** `fault metrics down [for D]`: metrics-server serves nothing. */
  | { kind: "metricsDown"; duration?: number }
  /** `fault scale-updates [TARGET] [for D]`: the API server refuses UPDATEs of /scale (the HPA's writes). */
  | { kind: "scaleUpdates"; target?: WorkloadRef; duration?: number }
  /** `fault node NAME down [for D]`: the node's kubelet stops (nodes/outage.ts). */
  | { kind: "nodeDown"; node: string; duration?: number };

/** What an injection did: the pods it hit, until when, and what did not go as asked. */
export interface Injection {
  pods: string[];
  until: Time;
  /** A reason the fault hit less than it was asked to (fewer pods than N, no readiness probe). */
  problem?: string;
}

export interface InjectionHost {
  readonly now: Time;
  readonly kinds: KindRegistry;
  readonly faults: Faults;
  get(kind: string, namespace: string, name: string): KubeObject | undefined;
  list(kind: string, namespace: string): readonly KubeObject[];
  listAll(kind: string): readonly KubeObject[];
  /** The pod's running containers exit now (those running `image`, when given). */
  crashNow(pod: Pod, image?: string): void;
  failReadiness(pod: Pod): void;
  /** Stop the node's kubelet from `from` to `until`; why it cannot be, if it cannot. */
  nodeDown(node: string, from: Time, until: Time): string | undefined;
}

/** `deployment/web` as the language and kubectl write it. */
const refText = (kinds: KindRegistry, r: WorkloadRef): string =>
  `${kinds.get(r.kind)?.language?.word ?? r.kind.toLowerCase()}/${r.name}`;

/** The workload's pods that are not terminating, oldest first; or why there are none to pick from. */
export function podsOf(
  host: Pick<InjectionHost, "kinds" | "get" | "list">,
  ref: WorkloadRef,
): Pod[] | string {
  const kind = host.kinds.get(ref.kind) as AnyKind | undefined;
  const what = refText(host.kinds, ref);
  // A Job has no scale subresource, but its pods are its selector's as a Deployment's are.
  const job = ref.kind === "Job";
  if (!kind?.scale && !job)
    return `${what} has no pods of its own to fault (name a Deployment or a ReplicaSet)`;
  const { namespace, name } = parseQualifiedName(ref.name);
  const o = host.get(ref.kind, namespace, name);
  if (!o) return `${what} does not exist`;
  const selector = kind?.scale
    ? kind.scale.selector(o)
    : ((o as { spec?: { selector?: LabelSelector } }).spec?.selector ?? {});
  // A custom resource's scale gives its selector as text: none (or one that does not parse)
  // selects no pod, as the HPA then acts on none.
  const parsed = typeof selector === "string" && selector !== "" ? parseLabelSelector(selector) : undefined;
  const matches =
    typeof selector !== "string"
      ? (p: Pod) => labelsMatch(selector, p.metadata.labels)
      : parsed && "requirements" in parsed
        ? (p: Pod) => requirementsMatch(parsed.requirements, p.metadata.labels)
        : () => false;
  return (host.list("Pod", namespace) as Pod[])
    .filter((p) => p.metadata.deletionTimestamp === undefined && matches(p))
    .sort(
      (a, b) =>
        (a.metadata.creationTimestamp ?? 0) - (b.metadata.creationTimestamp ?? 0) ||
        (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0),
    );
}

/** The first `n` of the workload's pods, and what fell short. */
function pick(host: InjectionHost, ref: WorkloadRef, n: number): { pods: Pod[]; problem?: string } {
  const all = podsOf(host, ref);
  if (typeof all === "string") return { pods: [], problem: all };
  const what = refText(host.kinds, ref);
  if (all.length === 0) return { pods: [], problem: `${what} has no pods` };
  const pods = all.slice(0, n);
  if (pods.length < n)
    return { pods, problem: `${what} has ${all.length} pod${all.length === 1 ? "" : "s"}, ${n} asked for` };
  return { pods };
}

export function injectFault(host: InjectionHost, spec: FaultSpec): Injection {
  const from = host.now;
  const until = spec.duration === undefined ? Infinity : from + Math.max(0, spec.duration);
  switch (spec.kind) {
    case "crash": {
      const { pods, problem } = pick(host, spec.target, spec.pods);
      host.faults.pods.addCrash({ from, until, pods: new Set(pods.map((p) => p.metadata.uid ?? "")) });
      for (const p of pods) host.crashNow(p);
      return { pods: pods.map((p) => p.metadata.name), until, ...(problem ? { problem } : {}) };
    }
    case "crashImage": {
      host.faults.pods.addCrash({ from, until, image: spec.image });
      const hit = (host.listAll("Pod") as Pod[]).filter(
        (p) =>
          p.metadata.deletionTimestamp === undefined &&
          [...(p.status.initContainerStatuses ?? []), ...(p.status.containerStatuses ?? [])].some(
            (cs) => cs.state?.running && cs.image === spec.image,
          ),
      );
      for (const p of hit) host.crashNow(p, spec.image);
      return { pods: hit.map((p) => p.metadata.name), until };
    }
    case "pullImage":
      // Only pulls fail: containers already running the image, and nodes that hold it, are
      // untouched (the registry's outage does not reach into a node's image store).
      host.faults.pods.addPullFailure({ from, until, image: spec.image });
      return { pods: [], until };
    case "unready": {
      const picked = pick(host, spec.target, spec.pods);
      const probed = picked.pods.filter((p) => p.spec.containers.some((c) => c.readinessProbe));
      let problem = picked.problem;
      if (probed.length < picked.pods.length)
        problem = `${refText(host.kinds, spec.target)}'s pods have no readinessProbe: a container without one is Ready whenever it runs`;
      host.faults.pods.addUnready({ from, until, pods: new Set(probed.map((p) => p.metadata.uid ?? "")) });
      for (const p of probed) host.failReadiness(p);
      return { pods: probed.map((p) => p.metadata.name), until, ...(problem ? { problem } : {}) };
    }
    case "metricsDown":
      host.faults.metricsServer.add(from, until);
      return { pods: [], until };
    case "nodeDown": {
      const problem = host.nodeDown(spec.node, from, until);
      return { pods: [], until, ...(problem ? { problem } : {}) };
    }
    case "scaleUpdates": {
      host.faults.api.add({
        verb: "update",
        resource: "scale",
        from,
        until,
        ...(spec.target
          ? { target: { kind: spec.target.kind, ...parseQualifiedName(spec.target.name) } }
          : {}),
        error: (t) => {
          const d = host.kinds.get(t.kind);
          const resource = d ? (d.group ? `${d.plural}.${d.group}` : d.plural) : t.kind.toLowerCase();
          return serviceUnavailable("put", resource, t.name);
        },
      });
      return { pods: [], until };
    }
  }
}
