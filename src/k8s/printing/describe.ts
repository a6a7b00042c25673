/**
 * The parts `kubectl describe` shares between kinds (k8s.io/kubectl/pkg/describe/describe.go,
 * kubectl 1.22, the seeds' version): the pod template and its containers (DescribePodTemplate,
 * describeContainers, describeVolumes, DescribeProbe), the controller and pod-status lines, and
 * the Events section. Each kind's own describer lives in its folder under src/k8s/kinds/.
 */
import { isQuantityError, parseQuantity } from "../quantity.ts";
import { describeEphemeralVolume } from "./ephemeralVolume.ts";
import { quantityText } from "./quantityText.ts";
import {
  aggregateEvents,
  describeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
  rfc1123z,
} from "./describeWriter.ts";
import type { Writer } from "./describeWriter.ts";
import type { DescribeContext } from "../kinds/descriptor.ts";
import type { Container, ContainerStatus, KubeObject, Pod, PodTemplateSpec } from "../types.ts";

/** The namespace line: objects without one live in "default". */
export const namespaceOf = (o: KubeObject): string => o.metadata.namespace ?? "default";

/** The Events section of the object (unless --show-events=false). */
export function eventsFor(w: Writer, obj: KubeObject, ctx: DescribeContext): void {
  if (ctx.showEvents === false) return;
  describeEvents(
    w,
    aggregateEvents(
      ctx.events,
      ctx.now,
      obj.kind,
      obj.metadata.name,
      obj.metadata.uid,
      obj.metadata.namespace,
    ),
    ctx.now,
  );
}

/** getPodStatusForController: pods the object controls, counted by phase. */
export function podsStatusLine(owner: KubeObject, pods: readonly Pod[]): string {
  const mine = pods.filter((p) =>
    p.metadata.ownerReferences?.some(
      (o) => o.controller && o.kind === owner.kind && o.name === owner.metadata.name,
    ),
  );
  const count = (phase: string) => mine.filter((p) => (p.status?.phase ?? "Pending") === phase).length;
  return `${count("Running")} Running / ${count("Pending")} Waiting / ${count("Succeeded")} Succeeded / ${count("Failed")} Failed`;
}

export function controllerLine(obj: KubeObject): string | undefined {
  const ref = obj.metadata.ownerReferences?.find((o) => o.controller);
  return ref ? `${ref.kind}/${ref.name}` : undefined;
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

export interface Volume {
  name: string;
  configMap?: { name?: string; optional?: boolean };
  emptyDir?: { medium?: string };
  secret?: { secretName?: string; optional?: boolean };
  persistentVolumeClaim?: { claimName?: string; readOnly?: boolean };
  hostPath?: { path?: string; type?: string };
  nfs?: { server?: string; path?: string; readOnly?: boolean };
  downwardAPI?: {
    items?: { path?: string; fieldRef?: { fieldPath?: string }; resourceFieldRef?: { resource?: string } }[];
  };
  projected?: {
    sources?: {
      secret?: { name?: string; optional?: boolean };
      configMap?: { name?: string; optional?: boolean };
      downwardAPI?: unknown;
      serviceAccountToken?: { expirationSeconds?: number };
    }[];
  };
  [other: string]: unknown;
}

/**
 * The volume sources describeVolumes words (printConfigMapVolumeSource, printEmptyDirVolumeSource,
 * printSecretVolumeSource, printPersistentVolumeClaimVolumeSource, printEphemeralVolumeSource
 * (ephemeralVolume.ts), printHostPathVolumeSource,
 * printNFSVolumeSource, printDownwardAPIVolumeSource, printProjectedVolumeSource), each written
 * at level 2 with its continuation lines indented four spaces; `<unknown>` for any other.
 */
function describeVolumeSource(w: Writer, v: Volume): void {
  if (v.hostPath)
    w.write(
      2,
      `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path ?? ""}\n    HostPathType:\t${v.hostPath.type || "<none>"}\n`,
    );
  else if (v.emptyDir)
    w.write(
      2,
      `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ""}\n`,
    );
  else if (v.secret)
    w.write(
      2,
      `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ""}\n    Optional:\t${v.secret.optional === true}\n`,
    );
  else if (v.configMap)
    w.write(
      2,
      `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ""}\n    Optional:\t${v.configMap.optional ?? false}\n`,
    );
  else if (v.nfs)
    w.write(
      2,
      `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v.nfs.server ?? ""}\n    Path:\t${v.nfs.path ?? ""}\n    ReadOnly:\t${v.nfs.readOnly === true}\n`,
    );
  else if (v.persistentVolumeClaim)
    w.write(
      2,
      `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName ?? ""}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`,
    );
  else if (v.ephemeral !== undefined) describeEphemeralVolume(w, v.ephemeral);
  else if (v.downwardAPI) {
    w.write(2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
    for (const item of v.downwardAPI.items ?? []) {
      if (item.fieldRef) w.write(3, `${item.fieldRef.fieldPath ?? ""} -> ${item.path ?? ""}\n`);
      if (item.resourceFieldRef)
        w.write(3, `${item.resourceFieldRef.resource ?? ""} -> ${item.path ?? ""}\n`);
    }
  } else if (v.projected) {
    // printProjectedVolumeSource prints the optional flags as the *bool they are: `<nil>` when
    // unset (a pod's kube-api-access volume), the value otherwise (Go would print an address).
    const optional = (o: boolean | undefined) => (o === undefined ? "<nil>" : String(o));
    w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
    for (const source of v.projected.sources ?? []) {
      if (source.secret)
        w.write(
          2,
          `SecretName:\t${source.secret.name ?? ""}\n    SecretOptionalName:\t${optional(source.secret.optional)}\n`,
        );
      else if (source.downwardAPI) w.write(2, "DownwardAPI:\ttrue\n");
      else if (source.configMap)
        w.write(
          2,
          `ConfigMapName:\t${source.configMap.name ?? ""}\n    ConfigMapOptional:\t${optional(source.configMap.optional)}\n`,
        );
      else if (source.serviceAccountToken)
        w.write(2, `TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds ?? 3607}\n`);
    }
  } else w.write(1, "<unknown>\n");
}

/** describeVolumes: each volume's name, then its source in kubectl's words. */
export function describeVolumes(w: Writer, volumes: Volume[] | undefined, space: string): void {
  if (!volumes?.length) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    // nameIndent: one space more inside a pod template.
    w.write(1, `${space ? " " : ""}${v.name}:\n`);
    describeVolumeSource(w, v);
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

interface KeyRef {
  name?: string;
  key: string;
  optional?: boolean;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { apiVersion?: string; fieldPath: string };
    resourceFieldRef?: { containerName?: string; resource: string; divisor?: string };
    secretKeyRef?: KeyRef;
    configMapKeyRef?: KeyRef;
  };
}

interface EnvFromSource {
  prefix?: string;
  configMapRef?: { name?: string; optional?: boolean };
  secretRef?: { name?: string; optional?: boolean };
}

/**
 * describeContainerProbe: Liveness, Readiness, Startup, each when the container has it.
 * (Which of them the kubelet runs, and how, is the prober's.)
 */
function describeContainerProbe(w: Writer, c: Container): void {
  if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
  if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
  if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
}

/**
 * describeContainerEnvFrom (printed only when the container has envFrom): each source's name,
 * ConfigMap or Secret (with its prefix), and whether it is optional.
 * Example: `envFrom: [{configMapRef: {name: app-config}}]` → "app-config  ConfigMap  Optional: false".
 */
function describeContainerEnvFrom(w: Writer, sources: readonly EnvFromSource[]): void {
  w.write(2, `Environment Variables from:${sources.length ? "" : "\t<none>"}\n`);
  for (const e of sources) {
    const ref = e.configMapRef ?? e.secretRef;
    const from = e.configMapRef ? "ConfigMap" : e.secretRef ? "Secret" : "";
    const withPrefix = e.prefix ? `${from} with prefix '${e.prefix}'` : from;
    w.write(3, `${ref?.name ?? ""}\t${withPrefix}\tOptional: ${ref?.optional === true}\n`);
  }
}

/**
 * fieldpath.ExtractFieldPathAsString, as describe's EnvValueRetriever resolves a fieldRef against
 * the pod (a pod template has no pod: empty). Example: metadata.labels['app'] → "web".
 */
function fieldPathValue(pod: Pod | undefined, path: string): string {
  if (!pod) return "";
  const keyed = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (keyed)
    return (keyed[1] === "labels" ? pod.metadata.labels : pod.metadata.annotations)?.[keyed[2]] ?? "";
  const values: Record<string, unknown> = {
    "metadata.name": pod.metadata.name,
    "metadata.namespace": pod.metadata.namespace ?? "default",
    "metadata.uid": pod.metadata.uid,
    "spec.nodeName": pod.spec.nodeName,
    "spec.serviceAccountName": pod.spec.serviceAccountName,
    "status.hostIP": pod.status?.hostIP,
    "status.podIP": pod.status?.podIP,
  };
  return String(values[path] ?? "");
}

/**
 * resourcehelper.ExtractContainerResourceValue: the container's own request or limit in units
 * of the divisor (default 1), rounded up. Example: limits.memory 256Mi, divisor 1Mi → "256";
 * requests.cpu 250m → "1".
 */
function resourceFieldValue(c: Container, resource: string, divisor: string | undefined): string {
  const [field, name] = resource.split(".") as ["requests" | "limits", string];
  if ((field !== "requests" && field !== "limits") || (name !== "cpu" && name !== "memory")) return "";
  const parsed = parseQuantity(String(c.resources?.[field]?.[name] ?? "0"));
  const by = parseQuantity(divisor ?? "1");
  if (isQuantityError(parsed) || isQuantityError(by)) return "";
  return name === "cpu"
    ? String(Math.ceil(parsed.milliValue() / by.milliValue()))
    : String(Math.ceil(parsed.value() / by.value()));
}

/**
 * describeContainerEnvVars: a value line by line; a valueFrom as kubectl words it — the field's
 * value and path, the resource's value ("node allocatable" for an unset limit), `<set to the key
 * 'K' in secret 'S'>` or `<set to the key 'K' of config map 'C'>` with Optional.
 */
function describeContainerEnvVars(w: Writer, c: Container, pod: Pod | undefined): void {
  const env = (c.env as EnvVar[] | undefined) ?? [];
  w.write(2, `Environment:${env.length ? "" : "\t<none>"}\n`);
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? "")
        .split("\n")
        .forEach((line, i) => w.write(3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`));
    } else if (from.fieldRef) {
      const f = from.fieldRef;
      w.write(
        3,
        `${e.name}:\t${fieldPathValue(pod, f.fieldPath)} (${f.apiVersion ?? "v1"}:${f.fieldPath})\n`,
      );
    } else if (from.resourceFieldRef) {
      const r = from.resourceFieldRef;
      let value = resourceFieldValue(c, r.resource, r.divisor);
      if (value === "0" && (r.resource === "limits.cpu" || r.resource === "limits.memory"))
        value = "node allocatable";
      w.write(3, `${e.name}:\t${value} (${r.resource})\n`);
    } else if (from.secretKeyRef) {
      const r = from.secretKeyRef;
      w.write(
        3,
        `${e.name}:\t<set to the key '${r.key}' in secret '${r.name ?? ""}'>\tOptional: ${r.optional === true}\n`,
      );
    } else if (from.configMapKeyRef) {
      const r = from.configMapKeyRef;
      w.write(
        3,
        `${e.name}:\t<set to the key '${r.key}' of config map '${r.name ?? ""}'>\tOptional: ${r.optional === true}\n`,
      );
    }
  }
}

export function describeContainers(
  w: Writer,
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  space: string,
  /** The pod the containers run in (describe pod), whose fields a fieldRef reads. */
  pod?: Pod,
): void {
  w.write(0, `${space}${label}:${containers.length ? "" : " <none>"}\n`);
  for (const c of containers) {
    const st = statuses?.find((s) => s.name === c.name);
    w.write(1, `${space ? " " : ""}${c.name}:\n`);
    if (st) w.write(2, `Container ID:\t${st.containerID ?? ""}\n`);
    w.write(2, `Image:\t${c.image}\n`);
    if (st) w.write(2, `Image ID:\t${st.imageID ?? ""}\n`);
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
    describeContainerProbe(w, c);
    const envFrom = (c.envFrom as EnvFromSource[] | undefined) ?? [];
    if (envFrom.length > 0) describeContainerEnvFrom(w, envFrom);
    describeContainerEnvVars(w, c, pod);
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

/** describeContainerState: the state, the last state when the container ended before, Ready, Restart Count. */
function describeContainerState(w: Writer, st: ContainerStatus): void {
  describeStatus(w, "State", st.state);
  if (st.lastState?.terminated) describeStatus(w, "Last State", st.lastState);
  w.write(2, `Ready:\t${st.ready ? "True" : "False"}\n`);
  w.write(2, `Restart Count:\t${st.restartCount ?? 0}\n`);
}

/** describeStatus: Running with its start; Waiting with its reason; Terminated with reason, exit code, start and finish. */
function describeStatus(w: Writer, label: string, state: ContainerStatus["state"]): void {
  if (state?.running) {
    w.write(2, `${label}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(2, `${label}:\tWaiting\n`);
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${label}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode}\n`);
    if (t.startedAt !== undefined) w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    if (t.finishedAt !== undefined) w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${label}:\tWaiting\n`);
  }
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
