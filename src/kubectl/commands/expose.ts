/**
 * `kubectl expose deployment|rs|pod|service NAME [--port=P] [--target-port=T] [--name=N] [--type=T]
 * [--protocol=TCP] [--selector=k=v] [--labels=k=v] [--cluster-ip=IP|None] [--external-ip=IP]
 * [--session-affinity=None|ClientIP]` (kubectl/pkg/cmd/expose, generateService): a Service
 * selecting the object's pods — a Deployment's or ReplicaSet's matchLabels, a pod's labels, a
 * Service's selector —
 * carrying the object's labels (or --labels), with --port (else the containers' ports) and
 * targetPort = --target-port or the port. Prints `service/NAME exposed`. Example: `kubectl
 * expose deployment php-apache --port=80` → a ClusterIP Service php-apache on port 80.
 */
import type { Cluster } from "../../engine/cluster.ts";
import { isApiError } from "../../engine/cluster.ts";
import type { KubeObject, PodSpec, Service } from "../../k8s/types.ts";
import { formatApiError } from "../apiErrors.ts";
import type { ParsedCommand } from "../command.ts";
import { fail, ok, type KubectlResult } from "../result.ts";
import { dryRunSuffix, isDryRun, lookupTarget } from "./common.ts";
import type { KubectlCommand } from "../command.ts";
import { dryRunFlag, filenameFlag, flag, outputFlag, selectorFlag } from "../flags.ts";
import { oneTargetOnly } from "./common.ts";

interface ContainerPort {
  containerPort: number;
  name?: string;
  protocol?: string;
}

/** The selector a Service needs to reach the object's pods, or kubectl's refusal. */
function selectorOf(obj: KubeObject): Record<string, string> | string {
  if (obj.kind === "Pod") return { ...(obj.metadata.labels ?? {}) };
  if (obj.kind === "Service") return { ...(obj.spec.selector ?? {}) };
  if (obj.kind === "Deployment" || obj.kind === "ReplicaSet") {
    const sel = obj.spec.selector;
    if ((sel.matchExpressions ?? []).length > 0)
      return 'error: couldn\'t convert expressions - "matchExpressions" to map-based selector format';
    return { ...(sel.matchLabels ?? {}) };
  }
  return `error: cannot expose a ${obj.kind}`;
}

function containerPorts(obj: KubeObject): ContainerPort[] {
  if (obj.kind === "Service")
    return ((obj.spec.ports ?? []) as { port: number; protocol?: string }[]).map((p) => ({
      containerPort: p.port,
      ...(p.protocol ? { protocol: p.protocol } : {}),
    }));
  const spec: PodSpec | undefined =
    obj.kind === "Pod"
      ? obj.spec
      : obj.kind === "Deployment" || obj.kind === "ReplicaSet"
        ? obj.spec.template.spec
        : undefined;
  return (spec?.containers ?? []).flatMap((c) => (c as { ports?: ContainerPort[] }).ports ?? []);
}

/** `k=v,k2=v2` as --selector gives it. */
export function parseMapFlag(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split(",")
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
  );
}

function runExpose(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const found = lookupTarget(cmd, cluster);
  if ("error" in found) return found.error;
  const obj = found.object;
  // canbeexposed.go CanBeExposed asks the GroupKind: another group's kind of the name
  // (Knative's Service, `Service.serving.knative.dev`) cannot be exposed.
  const key = cluster.kinds.keyOf(obj);
  if (key !== obj.kind) return fail(`error: cannot expose a ${key}`);
  const selector =
    typeof cmd.flags.selector === "string" ? parseMapFlag(cmd.flags.selector) : selectorOf(obj);
  if (typeof selector === "string") return fail(selector);
  const protocol = typeof cmd.flags.protocol === "string" ? cmd.flags.protocol : "TCP";
  const targetPort = cmd.flags["target-port"];
  const given = typeof cmd.flags.port === "string" ? cmd.flags.port.split(",").filter(Boolean) : [];
  const ports: Record<string, unknown>[] = given.length
    ? given.map((p) => ({ port: Number(p), protocol }))
    : containerPorts(obj).map((p) => ({ port: p.containerPort, protocol: p.protocol ?? protocol }));
  if (!ports.length)
    return fail(
      "error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples",
    );
  for (const [i, p] of ports.entries()) {
    if (!Number.isInteger(p.port)) return fail(`error: invalid port "${given[i]}"`);
    if (ports.length > 1) p.name = `port-${i + 1}`;
    p.targetPort =
      typeof targetPort === "string" ? (/^\d+$/.test(targetPort) ? Number(targetPort) : targetPort) : p.port;
  }
  const name = typeof cmd.flags.name === "string" ? cmd.flags.name : obj.metadata.name;
  const labels = typeof cmd.flags.labels === "string" ? parseMapFlag(cmd.flags.labels) : obj.metadata.labels;
  const svc: Service = {
    apiVersion: "v1",
    kind: "Service",
    // In the namespace of the object it exposes (the command's).
    metadata: {
      name,
      namespace: cmd.namespace,
      ...(labels ? { labels: { ...labels } } : {}),
    },
    spec: { ports, selector, ...serviceSpecFlags(cmd) },
  };
  if (isDryRun(cmd)) return { ...ok(`service/${name} exposed${dryRunSuffix(cmd)}\n`), readOnly: true };
  const res = cluster.api.create(svc);
  if (isApiError(res)) return fail(formatApiError(res, "Service", name));
  return ok(`service/${name} exposed\n`);
}

/** expose.go generateService: what --cluster-ip, --external-ip, --type and --session-affinity set. */
function serviceSpecFlags(cmd: ParsedCommand): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  if (typeof cmd.flags["cluster-ip"] === "string" && cmd.flags["cluster-ip"] !== "")
    spec.clusterIP = cmd.flags["cluster-ip"];
  if (typeof cmd.flags["external-ip"] === "string" && cmd.flags["external-ip"] !== "")
    spec.externalIPs = [cmd.flags["external-ip"]];
  if (typeof cmd.flags.type === "string") spec.type = cmd.flags.type;
  if (typeof cmd.flags["session-affinity"] === "string" && cmd.flags["session-affinity"] !== "")
    spec.sessionAffinity = cmd.flags["session-affinity"];
  return spec;
}

/** The kinds whose pods a Service can be made to select (polymorphichelpers MapBasedSelectorForObject). */
const EXPOSABLE = ["Deployment", "ReplicaSet", "Pod", "Service"];

/** expose.go: one object whose pods a selector can reach. */
export const exposeCommand: KubectlCommand = {
  verb: "expose",
  flags: [
    flag("port", "string"),
    flag("target-port", "string"),
    flag("name", "string"),
    flag("type", "string"),
    flag("protocol", "string"),
    selectorFlag,
    flag("labels", "string"),
    flag("external-ip", "string"),
    flag("cluster-ip", "string"),
    flag("session-affinity", "string"),
    dryRunFlag,
    outputFlag,
    filenameFlag,
  ],
  readOnly: false,
  args(cmd, pos, ctx) {
    oneTargetOnly(cmd, pos, ctx, (kind) => EXPOSABLE.includes(kind.kind), "of");
    const affinity = cmd.flags["session-affinity"];
    if (typeof affinity === "string" && affinity !== "" && affinity !== "None" && affinity !== "ClientIP")
      ctx.error(
        `error: unknown session affinity: ${affinity}`,
        ctx.flagToken("session-affinity") ?? ctx.verbTok,
      );
  },
  run: (cmd, cluster) => runExpose(cmd, cluster),
};
