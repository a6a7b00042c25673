/** `kubectl describe deployment` (describe.go DeploymentDescriber), and the ReplicaSets it shows. */
import { templateEqualIgnoringHash } from "../../hash.ts";
import { selectorToString } from "../../labels.ts";
import type { Deployment, ReplicaSet } from "../../types.ts";
import type { DescribeContext } from "../descriptor.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  rfc1123z,
} from "../../printing/describeWriter.ts";
import { describePodTemplate, eventsFor, namespaceOf } from "../../printing/describe.ts";

/** The ReplicaSets a Deployment controls (controller ownerReference), oldest first. */
export function replicaSetsOf(d: Deployment, all: readonly ReplicaSet[]): ReplicaSet[] {
  return all
    .filter((rs) =>
      rs.metadata.ownerReferences?.some(
        (o) =>
          o.controller &&
          o.kind === "Deployment" &&
          o.name === d.metadata.name &&
          (!o.uid || !d.metadata.uid || o.uid === d.metadata.uid),
      ),
    )
    .sort(
      (a, b) =>
        (a.metadata.creationTimestamp ?? 0) - (b.metadata.creationTimestamp ?? 0) ||
        (a.metadata.name < b.metadata.name ? -1 : 1),
    );
}

/** FindNewReplicaSet: the oldest controlled RS whose template equals the Deployment's (ignoring pod-template-hash). */
function newReplicaSetOf(d: Deployment, all: readonly ReplicaSet[]): ReplicaSet | undefined {
  return replicaSetsOf(d, all).find((rs) => templateEqualIgnoringHash(rs.spec.template, d.spec.template));
}

/** printReplicaSetsByLabels: "name (status/spec replicas created)", joined by ", ", or "<none>". */
function replicaSetsLine(list: readonly ReplicaSet[]): string {
  return list.length
    ? list
        .map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas} replicas created)`)
        .join(", ")
    : "<none>";
}

export function describeDeployment(d: Deployment, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${d.metadata.name}\n`);
  w.write(0, `Namespace:\t${namespaceOf(d)}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp ?? 0)}\n`);
  printLabelsMultiline(w, "Labels", d.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", d.metadata.annotations);
  w.write(0, `Selector:\t${selectorToString(d.spec.selector)}\n`);
  const s = d.status ?? {};
  w.write(
    0,
    `Replicas:\t${d.spec.replicas} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(0, `StrategyType:\t${d.spec.strategy?.type ?? "RollingUpdate"}\n`);
  w.write(0, `MinReadySeconds:\t${d.spec.minReadySeconds ?? 0}\n`);
  const ru = d.spec.strategy?.rollingUpdate;
  if (ru)
    w.write(
      0,
      `RollingUpdateStrategy:\t${ru.maxUnavailable ?? "25%"} max unavailable, ${ru.maxSurge ?? "25%"} max surge\n`,
    );
  describePodTemplate(w, d.spec.template);
  if (s.conditions?.length) {
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(1, "----\t------\t------\n");
    for (const c of s.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason}\n`);
  }
  const all = replicaSetsOf(d, ctx.objects.list("ReplicaSet", d.metadata.namespace ?? ""));
  const newRS = newReplicaSetOf(d, ctx.objects.list("ReplicaSet", d.metadata.namespace ?? ""));
  const old = all.filter((rs) => rs !== newRS && rs.spec.replicas !== 0);
  w.write(0, `OldReplicaSets:\t${replicaSetsLine(old)}\n`);
  w.write(0, `NewReplicaSet:\t${replicaSetsLine(newRS ? [newRS] : [])}\n`);
  eventsFor(w, d, ctx);
  return w.toString();
}
