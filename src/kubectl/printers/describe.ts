/**
 * `kubectl describe` for Deployments, ReplicaSets, Pods and HorizontalPodAutoscalers, laid out
 * as k8s.io/kubectl/pkg/describe/describe.go lays them out (kubectl 1.22, the seeds' version):
 * describeDeployment, describeReplicaSet, describePod, describeHorizontalPodAutoscalerV2,
 * DescribePodTemplate, describeContainers.
 */
import { humanDuration } from "../../k8s/duration.ts";
import { templateEqualIgnoringHash } from "../../k8s/hash.ts";
import { selectorToString } from "../../k8s/labels.ts";
import type {
  ConfigMap,
  Container,
  ContainerStatus,
  Deployment,
  HorizontalPodAutoscaler,
  HPAScalingRules,
  KubeEvent,
  KubeObject,
  Pod,
  PodTemplateSpec,
  ReplicaSet,
  Service,
  Time,
} from "../../k8s/types.ts";
import {
  aggregateEvents,
  describeEvents,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  rfc1123z,
} from "./describeWriter.ts";
import type { Writer } from "./describeWriter.ts";
import { quantityText } from "./quantityText.ts";

export interface DescribeContext {
  now: Time;
  events: readonly KubeEvent[];
  replicaSets: readonly ReplicaSet[];
  pods: readonly Pod[];
  showEvents?: boolean;
}

const NS = (o: KubeObject) => o.metadata.namespace ?? "default";

function eventsFor(w: Writer, obj: KubeObject, ctx: DescribeContext): void {
  if (ctx.showEvents === false) return;
  describeEvents(w, aggregateEvents(ctx.events, obj.kind, obj.metadata.name, obj.metadata.uid), ctx.now);
}

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
export function newReplicaSetOf(d: Deployment, all: readonly ReplicaSet[]): ReplicaSet | undefined {
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
  w.write(0, `Namespace:\t${NS(d)}\n`);
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
  const all = replicaSetsOf(d, ctx.replicaSets);
  const newRS = newReplicaSetOf(d, ctx.replicaSets);
  const old = all.filter((rs) => rs !== newRS && rs.spec.replicas !== 0);
  w.write(0, `OldReplicaSets:\t${replicaSetsLine(old)}\n`);
  w.write(0, `NewReplicaSet:\t${replicaSetsLine(newRS ? [newRS] : [])}\n`);
  eventsFor(w, d, ctx);
  return w.toString();
}

/** getPodStatusForController: pods the object controls, counted by phase. */
function podsStatusLine(owner: KubeObject, pods: readonly Pod[]): string {
  const mine = pods.filter((p) =>
    p.metadata.ownerReferences?.some(
      (o) => o.controller && o.kind === owner.kind && o.name === owner.metadata.name,
    ),
  );
  const count = (phase: string) => mine.filter((p) => (p.status?.phase ?? "Pending") === phase).length;
  return `${count("Running")} Running / ${count("Pending")} Waiting / ${count("Succeeded")} Succeeded / ${count("Failed")} Failed`;
}

function controllerLine(obj: KubeObject): string | undefined {
  const ref = obj.metadata.ownerReferences?.find((o) => o.controller);
  return ref ? `${ref.kind}/${ref.name}` : undefined;
}

export function describeReplicaSet(rs: ReplicaSet, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${rs.metadata.name}\n`);
  w.write(0, `Namespace:\t${NS(rs)}\n`);
  w.write(0, `Selector:\t${selectorToString(rs.spec.selector)}\n`);
  printLabelsMultiline(w, "Labels", rs.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", rs.metadata.annotations);
  const by = controllerLine(rs);
  if (by) w.write(0, `Controlled By:\t${by}\n`);
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec.replicas} desired\n`);
  w.write(0, `Pods Status:\t${podsStatusLine(rs, ctx.pods)}\n`);
  describePodTemplate(w, rs.spec.template);
  if (rs.status?.conditions?.length) {
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(1, "----\t------\t------\n");
    for (const c of rs.status.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason}\n`);
  }
  eventsFor(w, rs, ctx);
  return w.toString();
}

export function describePodTemplate(w: Writer, template: PodTemplateSpec): void {
  w.write(0, "Pod Template:\n");
  printLabelsMultiline(w, "  Labels", template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length)
    printAnnotationsMultiline(w, "  Annotations", template.metadata.annotations);
  const sa = template.spec.serviceAccountName as string | undefined;
  if (sa) w.write(1, `Service Account:\t${sa}\n`);
  if (template.spec.initContainers?.length)
    describeContainers(w, "Init Containers", template.spec.initContainers, undefined, "  ");
  describeContainers(w, "Containers", template.spec.containers, undefined, "  ");
  describeVolumes(w, template.spec.volumes as Volume[] | undefined, "  ");
}

interface Volume {
  name: string;
  configMap?: { name?: string; optional?: boolean };
  emptyDir?: { medium?: string };
  [other: string]: unknown;
}

/** describeVolumes: ConfigMap and EmptyDir volumes in kubectl's words, others by name only. */
function describeVolumes(w: Writer, volumes: Volume[] | undefined, space: string): void {
  if (!volumes?.length) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(0, `${space} ${v.name}:\n`);
    if (v.configMap)
      w.write(
        2,
        `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ""}\n    Optional:\t${v.configMap.optional ?? false}\n`,
      );
    else if (v.emptyDir)
      w.write(
        2,
        `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ""}\n`,
      );
    else w.write(1, "<unknown>\n");
  }
}

interface ContainerPort {
  containerPort: number;
  hostPort?: number;
  protocol?: string;
}

interface VolumeMount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
  subPath?: string;
}

interface EnvVar {
  name: string;
  value?: string;
}

export function describeContainers(
  w: Writer,
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  space: string,
): void {
  w.write(0, `${space}${label}:${containers.length ? "" : " <none>"}\n`);
  for (const c of containers) {
    const st = statuses?.find((s) => s.name === c.name);
    w.write(1, `${space ? " " : ""}${c.name}:\n`);
    if (st)
      w.write(
        2,
        `Container ID:\t${((st as unknown as Record<string, unknown>).containerID as string | undefined) ?? ""}\n`,
      );
    w.write(2, `Image:\t${c.image}\n`);
    if (st)
      w.write(
        2,
        `Image ID:\t${((st as unknown as Record<string, unknown>).imageID as string | undefined) ?? ""}\n`,
      );
    const ports = (c.ports as ContainerPort[] | undefined) ?? [];
    const portStr = ports.map((p) => `${p.containerPort}/${p.protocol ?? "TCP"}`).join(", ");
    const hostStr = ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? "TCP"}`).join(", ");
    w.write(2, portStr.includes(",") ? `Ports:\t${portStr}\n` : `Port:\t${portStr || "<none>"}\n`);
    w.write(2, hostStr.includes(",") ? `Host Ports:\t${hostStr}\n` : `Host Port:\t${hostStr || "<none>"}\n`);
    if (c.command?.length) {
      w.write(2, "Command:\n");
      for (const x of c.command) for (const line of x.split("\n")) w.write(3, `${line}\n`);
    }
    if (c.args?.length) {
      w.write(2, "Args:\n");
      for (const x of c.args) for (const line of x.split("\n")) w.write(3, `${line}\n`);
    }
    if (st) describeContainerState(w, st);
    describeResources(w, c);
    if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    const env = (c.env as EnvVar[] | undefined) ?? [];
    w.write(2, `Environment:${env.length ? "" : "\t<none>"}\n`);
    for (const e of env) w.write(3, `${e.name}:\t${e.value ?? ""}\n`);
    const mounts = [...((c.volumeMounts as VolumeMount[] | undefined) ?? [])].sort((a, b) =>
      a.mountPath < b.mountPath ? -1 : 1,
    );
    w.write(2, `Mounts:${mounts.length ? "" : "\t<none>"}\n`);
    for (const m of mounts)
      w.write(
        3,
        `${m.mountPath} from ${m.name} (${[m.readOnly ? "ro" : "rw", ...(m.subPath ? [`path="${m.subPath}"`] : [])].join(",")})\n`,
      );
  }
}

function describeContainerState(w: Writer, st: ContainerStatus): void {
  const state = st.state;
  if (state?.running) {
    w.write(2, "State:\tRunning\n");
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(2, "State:\tWaiting\n");
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    w.write(2, "State:\tTerminated\n");
    if (state.terminated.reason) w.write(3, `Reason:\t${state.terminated.reason}\n`);
  } else {
    w.write(2, "State:\tWaiting\n");
  }
  w.write(2, `Ready:\t${st.ready ? "True" : "False"}\n`);
  w.write(2, `Restart Count:\t${st.restartCount ?? 0}\n`);
}

/** describeResources: Limits then Requests, resource names sorted, quantities canonical. */
function describeResources(w: Writer, c: Container): void {
  for (const [title, list] of [
    ["Limits", c.resources?.limits],
    ["Requests", c.resources?.requests],
  ] as const) {
    const keys = Object.keys(list ?? {}).sort();
    if (!keys.length) continue;
    w.write(2, `${title}:\n`);
    for (const k of keys) w.write(3, `${k}:\t${quantityText((list as Record<string, string>)[k])}\n`);
  }
}

/** DescribeProbe: "http-get http://:8080/health delay=0s timeout=1s period=10s #success=1 #failure=3". */
function describeProbe(p: Container["readinessProbe"] & object): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  const http = p.httpGet as
    { path?: string; port?: number | string; host?: string; scheme?: string } | undefined;
  const exec = p.exec as { command?: string[] } | undefined;
  const tcp = p.tcpSocket as { port?: number | string; host?: string } | undefined;
  if (exec) return `exec [${(exec.command ?? []).join(" ")}] ${attrs}`;
  if (http)
    return `http-get ${(http.scheme ?? "HTTP").toLowerCase()}://${http.host ?? ""}:${http.port ?? ""}${http.path ?? ""} ${attrs}`;
  if (tcp) return `tcp-socket ${tcp.host ?? ""}:${tcp.port ?? ""} ${attrs}`;
  return `unknown ${attrs}`;
}

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
  w.write(0, `Namespace:\t${NS(pod)}\n`);
  w.write(0, `Priority:\t${(pod.spec.priority as number | undefined) ?? 0}\n`);
  w.write(
    0,
    pod.spec.nodeName ? `Node:\t${pod.spec.nodeName}/${pod.status?.hostIP ?? ""}\n` : "Node:\t<none>\n",
  );
  if (pod.status?.startTime !== undefined) w.write(0, `Start Time:\t${rfc1123z(pod.status.startTime)}\n`);
  printLabelsMultiline(w, "Labels", pod.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp !== undefined) {
    w.write(0, `Status:\tTerminating (lasts ${humanDuration(ctx.now - pod.metadata.deletionTimestamp)})\n`);
    w.write(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 30}s\n`);
  } else {
    w.write(0, `Status:\t${pod.status?.phase ?? "Pending"}\n`);
  }
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
  if (pod.spec.initContainers?.length)
    describeContainers(w, "Init Containers", pod.spec.initContainers, undefined, "");
  describeContainers(w, "Containers", pod.spec.containers, pod.status?.containerStatuses, "");
  if (pod.status?.conditions?.length) {
    w.write(0, "Conditions:\n  Type\tStatus\n");
    for (const c of pod.status.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, pod.spec.volumes as Volume[] | undefined, "");
  w.write(0, `QoS Class:\t${qosClass(pod)}\n`);
  printLabelsMultiline(w, "Node-Selectors", pod.spec.nodeSelector as Record<string, string> | undefined);
  const tolerations =
    (pod.spec.tolerations as
      | { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number }[]
      | undefined) ?? [];
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

export function describeHPA(hpa: HorizontalPodAutoscaler, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${hpa.metadata.name}\n`);
  w.write(0, `Namespace:\t${NS(hpa)}\n`);
  printLabelsMultiline(w, "Labels", hpa.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", hpa.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp ?? 0)}\n`);
  w.write(0, `Reference:\t${hpa.spec.scaleTargetRef.kind}/${hpa.spec.scaleTargetRef.name}\n`);
  w.write(0, "Metrics:\t( current / target )\n");
  const statuses = hpa.status?.currentMetrics ?? [];
  const unknown = (s: string | undefined) => (s === undefined ? "<unknown>" : quantityText(s));
  (hpa.spec.metrics ?? []).forEach((m, i) => {
    const st = statuses[i];
    switch (m.type) {
      case "External": {
        const t = m.external?.target;
        if (t?.averageValue !== undefined)
          w.write(
            1,
            `"${m.external?.metric.name}" (target average value):\t${unknown(st?.external?.current.averageValue)} / ${quantityText(t.averageValue)}\n`,
          );
        else
          w.write(
            1,
            `"${m.external?.metric.name}" (target value):\t${unknown(st?.external?.current.value)} / ${quantityText(t?.value ?? "0")}\n`,
          );
        break;
      }
      case "Pods":
        w.write(
          1,
          `"${m.pods?.metric.name}" on pods:\t${unknown(st?.pods?.current.averageValue)} / ${quantityText(m.pods?.target.averageValue ?? "0")}\n`,
        );
        break;
      case "Object": {
        const o = m.object;
        w.write(1, `"${o?.metric.name}" on ${o?.describedObject.kind}/${o?.describedObject.name} `);
        if (o?.target.type === "AverageValue")
          w.write(
            0,
            `(target average value):\t${unknown(st?.object?.current.averageValue)} / ${quantityText(o.target.averageValue ?? "0")}\n`,
          );
        else
          w.write(
            0,
            `(target value):\t${unknown(st?.object?.current.value)} / ${quantityText(o?.target.value ?? "0")}\n`,
          );
        break;
      }
      case "Resource":
      case "ContainerResource": {
        const src = m.type === "Resource" ? m.resource : m.containerResource;
        const cur = m.type === "Resource" ? st?.resource?.current : st?.containerResource?.current;
        w.write(
          1,
          m.type === "Resource"
            ? `resource ${src?.name} on pods`
            : `resource ${src?.name} of container "${m.containerResource?.container}" on pods`,
        );
        if (src?.target.averageValue !== undefined) {
          w.write(0, `:\t${unknown(cur?.averageValue)} / ${quantityText(src.target.averageValue)}\n`);
        } else {
          const current =
            cur?.averageUtilization !== undefined
              ? `${cur.averageUtilization}% (${cur.averageValue === undefined ? "0" : quantityText(cur.averageValue)})`
              : "<unknown>";
          const target =
            src?.target.averageUtilization !== undefined ? `${src.target.averageUtilization}%` : "<auto>";
          w.write(1, `(as a percentage of request):\t${current} / ${target}\n`);
        }
        break;
      }
    }
  });
  w.write(0, `Min replicas:\t${hpa.spec.minReplicas === undefined ? "<unset>" : hpa.spec.minReplicas}\n`);
  w.write(0, `Max replicas:\t${hpa.spec.maxReplicas}\n`);
  if (hpa.spec.behavior) {
    w.write(0, "Behavior:\n");
    directionBehavior(w, "Scale Up", hpa.spec.behavior.scaleUp);
    directionBehavior(w, "Scale Down", hpa.spec.behavior.scaleDown);
  }
  w.write(0, `${hpa.spec.scaleTargetRef.kind} pods:\t`);
  w.write(0, `${hpa.status?.currentReplicas ?? 0} current / ${hpa.status?.desiredReplicas ?? 0} desired\n`);
  if (hpa.status?.conditions?.length) {
    w.write(0, "Conditions:\n");
    w.write(1, "Type\tStatus\tReason\tMessage\n");
    w.write(1, "----\t------\t------\t-------\n");
    for (const c of hpa.status.conditions) w.write(1, `${c.type}\t${c.status}\t${c.reason}\t${c.message}\n`);
  }
  eventsFor(w, hpa, ctx);
  return w.toString();
}

/** printDirectionBehavior. */
function directionBehavior(w: Writer, direction: string, rules: HPAScalingRules | undefined): void {
  if (!rules) return;
  w.write(1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined)
    w.write(2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if (rules.policies?.length) {
    w.write(2, `Select Policy: ${rules.selectPolicy ?? "Max"}\n`);
    w.write(2, "Policies:\n");
    for (const p of rules.policies)
      w.write(3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
  }
}

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
  protocol?: string;
}

/**
 * formatEndpoints: "ip:port" of the ready pods the selector picks, at most three, then
 * " + N more..."; "<none>" when there are none.
 */
function endpointsLine(svc: Service, port: ServicePort, pods: readonly Pod[]): string {
  const sel = svc.spec.selector;
  if (!sel || !Object.keys(sel).length) return "<none>";
  const ready = pods.filter(
    (p) =>
      p.metadata.deletionTimestamp === undefined &&
      p.status?.podIP &&
      Object.entries(sel).every(([k, v]) => p.metadata.labels?.[k] === v) &&
      p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"),
  );
  const target = port.targetPort ?? port.port;
  const list = ready.map((p) => `${p.status.podIP}:${typeof target === "number" ? target : port.port}`);
  if (!list.length) return "<none>";
  return list.length > 3 ? `${list.slice(0, 3).join(",")} + ${list.length - 3} more...` : list.join(",");
}

/** describeService (kubectl 1.22). */
export function describeService(svc: Service, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${svc.metadata.name}\n`);
  w.write(0, `Namespace:\t${NS(svc)}\n`);
  printLabelsMultiline(w, "Labels", svc.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", svc.metadata.annotations);
  const sel = svc.spec.selector ?? {};
  const selText = Object.keys(sel)
    .sort()
    .map((k) => `${k}=${sel[k]}`)
    .join(",");
  w.write(0, `Selector:\t${selText || "<none>"}\n`);
  w.write(0, `Type:\t${svc.spec.type ?? "ClusterIP"}\n`);
  const clusterIP = (svc.spec.clusterIP as string | undefined) ?? "";
  w.write(0, `IP:\t${clusterIP}\n`);
  if (clusterIP) w.write(0, `IPs:\t${clusterIP}\n`);
  for (const p of (svc.spec.ports ?? []) as ServicePort[]) {
    const name = p.name || "<unset>";
    const proto = p.protocol ?? "TCP";
    w.write(0, `Port:\t${name}\t${p.port}/${proto}\n`);
    w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${proto}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`);
    w.write(0, `Endpoints:\t${endpointsLine(svc, p, ctx.pods)}\n`);
  }
  w.write(0, `Session Affinity:\t${(svc.spec.sessionAffinity as string | undefined) ?? "None"}\n`);
  const etp = svc.spec.externalTrafficPolicy as string | undefined;
  if (etp || svc.spec.type === "NodePort" || svc.spec.type === "LoadBalancer")
    w.write(0, `External Traffic Policy:\t${etp ?? "Cluster"}\n`);
  eventsFor(w, svc, ctx);
  return w.toString();
}

/** describeConfigMap: each key, a "----" rule, then the value verbatim. */
export function describeConfigMap(cm: ConfigMap, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${cm.metadata.name}\n`);
  w.write(0, `Namespace:\t${NS(cm)}\n`);
  printLabelsMultiline(w, "Labels", cm.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", cm.metadata.annotations);
  w.write(0, "\nData\n====\n");
  for (const k of Object.keys(cm.data ?? {}).sort())
    w.write(0, `${k}:\n----\n${(cm.data as Record<string, string>)[k]}\n`);
  w.write(0, "\nBinaryData\n====\n");
  for (const k of Object.keys(cm.binaryData ?? {}).sort())
    w.write(0, `${k}: ${atobLength((cm.binaryData as Record<string, string>)[k])} bytes\n`);
  w.write(0, "\n");
  eventsFor(w, cm, ctx);
  return w.toString();
}

/** Decoded length of base64 text (binaryData is stored base64-encoded). */
function atobLength(b64: string): number {
  const clean = b64.replace(/=+$/, "");
  return Math.floor((clean.length * 3) / 4);
}
