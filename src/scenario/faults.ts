/**
 * A `fault` statement as the run will inject it (src/engine/faults/inject.ts): its target
 * resolved to the workload whose pods it hits, or to the object whose /scale writes fail.
 *
 * - crash / unready: a workload with pods of its own (a kind with a scale subresource: a
 *   Deployment, a ReplicaSet; or a Job); a Service means the Deployment it sends traffic to, an HPA the
 *   Deployment it scales. An omitted target is the only Deployment.
 * - scale-updates: every scale write, or those to one object (an HPA means its target's).
 * - node NAME down: a node of the scenario's (the plan checks that it declares nodes; the
 *   run, that this one exists when the fault starts).
 */
import type { AstFault, Span, TargetRef } from "../dsl/ast.ts";
import type { FaultSpec, WorkloadRef } from "../engine/faults/inject.ts";
import type { KindRegistry } from "../k8s/kinds/registry.ts";
import { messages, type Message } from "./messages.ts";
import { targetText } from "./target.ts";
import { deploymentOfService, resolveTarget, type World } from "./targets.ts";

type Planned = { spec: FaultSpec } | { message: Message; span: Span };

/**
 * The workload a fault names (or the only Deployment): a kind with a scale subresource, its
 * pods its own. `notScalable` words the refusal of any other kind.
 */
function workload(
  world: World,
  kinds: KindRegistry,
  target: TargetRef | undefined,
  span: Span,
  notScalable: (ref: string) => Message,
  /** A Job's pods count as its own (they are, but a Job has no /scale for scale-updates). */
  jobs = false,
): { ref: WorkloadRef } | { message: Message; span: Span } {
  const r = resolveTarget(world, target, span, "this fault", "Deployment");
  if ("message" in r) return r;
  const at = target?.span ?? span;
  if (r.target.kind === "Service") {
    const d = deploymentOfService(world, r.target.name);
    return d
      ? { ref: { kind: "Deployment", name: d } }
      : { message: messages.serviceWithoutDeployment(r.target.name), span: at };
  }
  if (r.target.kind === "HorizontalPodAutoscaler") {
    const d = world.hpas.get(r.target.name);
    const scales = world.allHpas.get(r.target.name);
    if (d === undefined && scales !== undefined)
      return { message: messages.hpaOnStoredKind(`hpa/${r.target.name}`, scales, "a fault"), span: at };
    return d
      ? { ref: { kind: "Deployment", name: d } }
      : { message: messages.unknownObject(`hpa/${r.target.name}`), span: at };
  }
  if (!kinds.get(r.target.kind)?.scale && !(jobs && r.target.kind === "Job"))
    return { message: notScalable(targetText(r.target, kinds)), span: at };
  return { ref: r.target };
}

export function planFault(
  world: World,
  kinds: KindRegistry,
  fault: AstFault,
  duration: number | undefined,
  span: Span,
): Planned {
  const lasting = duration === undefined ? {} : { duration };
  switch (fault.kind) {
    case "crash":
    case "unready": {
      const w = workload(world, kinds, fault.target, span, messages.faultWithoutPods, true);
      if ("message" in w) return w;
      return { spec: { kind: fault.kind, target: w.ref, pods: fault.pods, ...lasting } };
    }
    case "crashImage":
      if (fault.image.trim() === "") return { message: messages.faultWithoutImage("crash"), span };
      return { spec: { kind: "crashImage", image: fault.image, ...lasting } };
    case "pullImage":
      if (fault.image.trim() === "") return { message: messages.faultWithoutImage("pull"), span };
      return { spec: { kind: "pullImage", image: fault.image, ...lasting } };
    case "metricsDown":
      return { spec: { kind: "metricsDown", ...lasting } };
    case "scaleUpdates": {
      if (!fault.target) return { spec: { kind: "scaleUpdates", ...lasting } };
      const w = workload(world, kinds, fault.target, span, messages.noScale);
      if ("message" in w) return w;
      return { spec: { kind: "scaleUpdates", target: w.ref, ...lasting } };
    }
    case "nodeDown":
      return { spec: { kind: "nodeDown", node: fault.node, ...lasting } };
  }
}
