/** `kubectl describe pod` (kubectl 1.34 describe.go describePod) and its QoS class. */
import { withDefaultTolerations } from "./defaultTolerationSeconds.ts";
import type { Volume } from "../../printing/describe.ts";
import { PodDefaults } from "../../defaults.ts";
import { humanDuration } from "../../duration.ts";
import type { Pod } from "../../types.ts";
import type { DescribeContext } from "../descriptor.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  rfc1123z,
} from "../../printing/describeWriter.ts";
import {
  controllerLine,
  describeContainers,
  describeVolumes,
  eventsFor,
  namespaceOf,
} from "../../printing/describe.ts";
import { quantityText } from "../../printing/quantityText.ts";

/** qos.GetPodQOS, simplified to requests/limits of cpu and memory. */
function qosClass(pod: Pod): string {
  const cs = pod.spec.containers;
  const any = cs.some(
    (c) => Object.keys(c.resources?.requests ?? {}).length || Object.keys(c.resources?.limits ?? {}).length,
  );
  if (!any) return "BestEffort";
  const guaranteed = cs.every((c) =>
    ["cpu", "memory"].every((r) => {
      const lim = c.resources?.limits?.[r];
      const req = c.resources?.requests?.[r] ?? lim;
      return lim !== undefined && quantityText(lim) === quantityText(req as string);
    }),
  );
  return guaranteed ? "Guaranteed" : "Burstable";
}

export function describePod(pod: Pod, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${pod.metadata.name}\n`);
  w.write(0, `Namespace:\t${namespaceOf(pod)}\n`);
  w.write(0, `Priority:\t${(pod.spec.priority as number | undefined) ?? 0}\n`);
  const priorityClass = pod.spec.priorityClassName as string | undefined;
  if (priorityClass) w.write(0, `Priority Class Name:\t${priorityClass}\n`);
  // describePod prints the service account when the pod names one: every pod the ServiceAccount
  // admission plug-in admitted does (serviceAccount/admission.ts).
  const serviceAccount = pod.spec.serviceAccountName as string | undefined;
  if (serviceAccount) w.write(0, `Service Account:\t${serviceAccount}\n`);
  w.write(
    0,
    pod.spec.nodeName ? `Node:\t${pod.spec.nodeName}/${pod.status?.hostIP ?? ""}\n` : "Node:\t<none>\n",
  );
  if (pod.status?.startTime !== undefined) w.write(0, `Start Time:\t${rfc1123z(pod.status.startTime)}\n`);
  printLabelsMultiline(w, "Labels", pod.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", pod.metadata.annotations);
  // A pod being deleted is Terminating until its phase is terminal: a finished pod shows its
  // phase (kubectl 1.31+, kubernetes PR #122038; before, Terminating whatever the phase). The
  // deletionTimestamp is the end of the grace period, so during it translateTimestampSince
  // reads "<invalid>", as a real cluster shows it.
  const phase = pod.status?.phase ?? "Pending";
  const finished = (phase === "Failed" || phase === "Succeeded") && !ctx.terminatingWhateverPhase;
  if (pod.metadata.deletionTimestamp !== undefined && !finished) {
    w.write(0, `Status:\tTerminating (lasts ${humanDuration(ctx.now - pod.metadata.deletionTimestamp)})\n`);
    w.write(
      0,
      `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? PodDefaults.terminationGracePeriodSeconds}s\n`,
    );
  } else {
    w.write(0, `Status:\t${phase}\n`);
  }
  if (pod.status?.reason) w.write(0, `Reason:\t${pod.status.reason}\n`);
  if (pod.status?.message) w.write(0, `Message:\t${pod.status.message}\n`);
  const ip = pod.status?.podIP ?? "";
  w.write(0, `IP:\t${ip}\n`);
  if (ip) {
    w.write(0, "IPs:\n");
    w.write(1, `IP:\t${ip}\n`);
  } else {
    w.write(0, "IPs:\t<none>\n");
  }
  const by = controllerLine(pod);
  if (by) w.write(0, `Controlled By:\t${by}\n`);
  if (pod.status?.nominatedNodeName) w.write(0, `NominatedNodeName:\t${pod.status.nominatedNodeName}\n`);
  if (pod.spec.initContainers?.length)
    describeContainers(
      w,
      "Init Containers",
      pod.spec.initContainers,
      pod.status?.initContainerStatuses,
      "",
      pod,
    );
  describeContainers(w, "Containers", pod.spec.containers, pod.status?.containerStatuses, "", pod);
  if (pod.status?.conditions?.length) {
    w.write(0, "Conditions:\n  Type\tStatus\n");
    for (const c of pod.status.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, pod.spec.volumes as Volume[] | undefined, "");
  w.write(0, `QoS Class:\t${qosClass(pod)}\n`);
  printLabelsMultiline(w, "Node-Selectors", pod.spec.nodeSelector as Record<string, string> | undefined);
  // As the API server stores them: with DefaultTolerationSeconds' (defaultTolerationSeconds.ts).
  const tolerations = withDefaultTolerations(pod.spec.tolerations);
  w.write(0, "Tolerations:\t");
  if (!tolerations.length) w.write(0, "<none>\n");
  tolerations.forEach((t, i) => {
    if (i) w.write(0, "\t");
    let s = t.key ?? "";
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === "Exists" && !t.value) s += " op=Exists";
    if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${s}\n`);
  });
  eventsFor(w, pod, ctx);
  return w.toString();
}
