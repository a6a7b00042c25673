/**
 * `kubectl top pod [NAME] [-l SELECTOR] [--containers] [--sort-by=cpu|memory] [--sum]
 * [--no-headers]` and `kubectl top node [NAME] [-l SELECTOR] [--sort-by=cpu|memory]
 * [--show-capacity] [--no-headers]` (kubectl/pkg/cmd/top/top_pod.go, top_node.go,
 * metricsutil/metrics_printer.go): the
 * PodMetrics metrics-server serves — its latest sample of each pod, the same numbers the HPA
 * reads — CPU as millicores (`%vm` of MilliValue) and memory as whole MiB (`%vMi` of
 * Value / 2^20). Every cell, the last too, ends in a tab, so kubectl pads the last column.
 * Example: `kubectl top pod` → "web-6d4cf56db6-x2x8k   250m         12Mi".
 */
import { isApiError, type Cluster } from "../../engine/cluster.ts";
import type { PodResourceSample } from "../../engine/metrics/types.ts";
import { resourcesOf } from "../../k8s/podResources.ts";
import { nodeUsage } from "../nodeMetrics.ts";
import { podMetricsContainers } from "../podMetricsContainers.ts";
import { labelsMatch } from "../../k8s/labels.ts";
import * as msg from "../messages.ts";
import type { ParsedCommand } from "../command.ts";
import { fail, ok, type KubectlResult } from "../result.ts";
import { parseSelector } from "../selectorParse.ts";
import { namespaceOf } from "../../k8s/namespaces.ts";
import { GET_TABWRITER, tabwrite } from "../../text/tabwriter.ts";
import type { KubectlCommand } from "../command.ts";
import { flag, selectorFlag } from "../flags.ts";

interface Usage {
  /** Millicores. */
  cpu: number;
  /** Bytes. */
  memory: number;
}

/** Samples carry milli-units: memory in milli-bytes, which Quantity.Value() rounds up to bytes. */
const usageOf = (c: { cpu: number; memory: number }): Usage => ({
  cpu: c.cpu,
  memory: Math.ceil(c.memory / 1000),
});

function podUsage(s: PodResourceSample): Usage {
  const total = { cpu: 0, memory: 0 };
  for (const c of Object.values(s.containers)) {
    const u = usageOf(c);
    total.cpu += u.cpu;
    total.memory += u.memory;
  }
  return total;
}

/** printAllResourceUsages: each cell tab-terminated, then the newline. */
const usageCells = (u: Usage): string => `${u.cpu}m\t${Math.floor(u.memory / (1024 * 1024))}Mi\t\n`;

/** A pod's sample and its namespace. */
interface NamespacedSample {
  ns: string;
  sample: PodResourceSample;
}

/**
 * PodMetricsSorter / ContainerMetricsSorter: cpu or memory descending, else by name (by
 * namespace first, with --all-namespaces).
 */
function sorter<T>(
  sortBy: string | undefined,
  usage: (x: T) => Usage,
  name: (x: T) => string,
  namespace?: (x: T) => string,
) {
  return (a: T, b: T): number => {
    if (sortBy === "cpu") return usage(b).cpu - usage(a).cpu;
    if (sortBy === "memory") return usage(b).memory - usage(a).memory;
    if (namespace && namespace(a) !== namespace(b)) return namespace(a) < namespace(b) ? -1 : 1;
    return name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0;
  };
}

function runTopPod(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const sortBy = cmd.flags["sort-by"];
  if (sortBy !== undefined && sortBy !== "cpu" && sortBy !== "memory")
    return fail(`error: --sort-by accepts only cpu or memory`, true);
  let pods = [...(cmd.allNamespaces ? cluster.api.listAll("Pod") : cluster.api.list("Pod", cmd.namespace))];
  if (cmd.names.length === 1) {
    pods = pods.filter((p) => p.metadata.name === cmd.names[0]);
  } else if (typeof cmd.flags.selector === "string") {
    const sel = parseSelector(cmd.flags.selector);
    if (typeof sel === "string") return fail(sel, true);
    pods = pods.filter((p) => labelsMatch(sel, p.metadata.labels));
  }
  const namespaces = [...new Set(pods.map((p) => namespaceOf(p)))];
  const samples: NamespacedSample[] = [];
  for (const ns of namespaces) {
    const inNamespace = new Map(pods.filter((p) => namespaceOf(p) === ns).map((p) => [p.metadata.name, p]));
    const answer = cluster.podMetrics(ns, [...inNamespace.keys()]);
    // The API's refusal as kubectl prints any: `Error from server (ServiceUnavailable): …`.
    if (isApiError(answer)) return fail(`Error from server (${answer.reason}): ${answer.message}`, true);
    // PodMetrics list every running container, native sidecars included (podMetricsContainers.ts).
    for (const sample of answer) {
      const containers = podMetricsContainers(inNamespace.get(sample.pod), sample);
      samples.push({ ns, sample: containers === sample.containers ? sample : { ...sample, containers } });
    }
  }
  if (!samples.length) {
    if (cmd.names.length === 1)
      return fail(
        `Error from server (NotFound): podmetrics.metrics.k8s.io "${cmd.namespace}/${cmd.names[0]}" not found`,
        true,
      );
    // verifyEmptyMetrics: pods but no metrics yet is an error; no pods is "No resources found".
    if (pods.length) return fail("error: metrics not available yet", true);
    return ok(
      "",
      true,
      (cmd.allNamespaces ? "No resources found" : msg.noResourcesFound(cmd.namespace)) + "\n",
    );
  }
  const containers = cmd.flags.containers === true;
  // metrics_printer.go: a NAMESPACE column first with --all-namespaces.
  const ns = (x: NamespacedSample) => (cmd.allNamespaces ? `${x.ns}\t` : "");
  let text = "";
  if (cmd.flags["no-headers"] !== true)
    text += `${cmd.allNamespaces ? "NAMESPACE\t" : ""}${containers ? "POD\t" : ""}NAME\tCPU(cores)\tMEMORY(bytes)\t\n`;
  samples.sort(
    sorter(
      sortBy,
      (x) => podUsage(x.sample),
      (x) => x.sample.pod,
      cmd.allNamespaces ? (x) => x.ns : undefined,
    ),
  );
  for (const x of samples) {
    const s = x.sample;
    if (!containers) {
      text += `${ns(x)}${s.pod}\t${usageCells(podUsage(s))}`;
      continue;
    }
    const rows = Object.entries(s.containers).sort(
      sorter(
        sortBy,
        ([, c]) => usageOf(c),
        ([n]) => n,
      ),
    );
    for (const [name, c] of rows) text += `${ns(x)}${s.pod}\t${name}\t${usageCells(usageOf(c))}`;
  }
  if (cmd.flags.sum === true) {
    const blanks = "\t".repeat((containers ? 2 : 1) + (cmd.allNamespaces ? 1 : 0));
    const total = samples
      .map((x) => podUsage(x.sample))
      .reduce((a, u) => ({ cpu: a.cpu + u.cpu, memory: a.memory + u.memory }));
    text += `${blanks}________\t________\t\n${blanks}${usageCells(total)}`;
  }
  return ok(tabwrite(text, GET_TABWRITER), true);
}

/** top_pod.go: at most one pod NAME. */
export const topPodCommand: KubectlCommand = {
  verb: "top",
  sub: "pod",
  subAliases: ["pods", "po"],
  flags: [
    selectorFlag,
    flag("containers", "bool"),
    flag("sort-by", "string"),
    flag("sum", "bool"),
    flag("no-headers", "bool"),
    flag("all-namespaces", "bool", "A"),
    flag("field-selector", "string"),
    flag("use-protocol-buffers", "bool"),
  ],
  readOnly: true,
  args(cmd, pos, ctx) {
    cmd.names = pos.map((p) => p.value);
    if (cmd.names.length > 1) ctx.error("error: pod [NAME | -l label]", pos[1]);
  },
  run: (cmd, cluster) => runTopPod(cmd, cluster),
};

/**
 * PrintNodeMetrics: NAME, CPU(cores), CPU%, MEMORY(bytes), MEMORY% — each percentage
 * int64(usage.MilliValue() / available.MilliValue() × 100) of the node's allocatable (its
 * capacity with --show-capacity), every cell tab-terminated. Sorted by name, or by usage with
 * --sort-by. Example: "node-1   850m   85%   512Mi   26%".
 */
function runTopNode(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const sortBy = cmd.flags["sort-by"];
  if (sortBy !== undefined && sortBy !== "cpu" && sortBy !== "memory")
    return fail(`error: --sort-by accepts only cpu or memory`, true);
  let nodes = [...cluster.api.listAll("Node")];
  if (cmd.names.length === 1) {
    nodes = nodes.filter((n) => n.metadata.name === cmd.names[0]);
    if (!nodes.length)
      return fail(
        `Error from server (NotFound): nodemetrics.metrics.k8s.io "${cmd.names[0]}" not found`,
        true,
      );
  } else if (typeof cmd.flags.selector === "string") {
    const sel = parseSelector(cmd.flags.selector);
    if (typeof sel === "string") return fail(sel, true);
    nodes = nodes.filter((n) => labelsMatch(sel, n.metadata.labels));
  }
  if (!nodes.length) return fail("error: metrics not available yet", true);
  const rows: { name: string; usage: Usage; available: Usage }[] = [];
  for (const n of nodes) {
    const node = nodeUsage(cluster, n.metadata.name);
    // The API's refusal as kubectl prints any (a metrics-server outage): as for top pod.
    if (isApiError(node)) return fail(`Error from server (${node.reason}): ${node.message}`, true);
    rows.push({
      name: n.metadata.name,
      usage: { cpu: node.cpu, memory: node.memory },
      available: resourcesOf(
        cmd.flags["show-capacity"] === true ? n.status?.capacity : n.status?.allocatable,
      ),
    });
  }
  rows.sort(
    sorter(
      sortBy,
      (r) => r.usage,
      (r) => r.name,
    ),
  );
  const pct = (used: number, avail: number) => (avail === 0 ? 0 : Math.trunc((used / avail) * 100));
  let text = cmd.flags["no-headers"] === true ? "" : "NAME\tCPU(cores)\tCPU%\tMEMORY(bytes)\tMEMORY%\t\n";
  for (const r of rows)
    text +=
      `${r.name}\t${r.usage.cpu}m\t${pct(r.usage.cpu, r.available.cpu)}%\t` +
      `${Math.floor(r.usage.memory / (1024 * 1024))}Mi\t${pct(r.usage.memory, r.available.memory)}%\t\n`;
  return ok(tabwrite(text, GET_TABWRITER), true);
}

/** top_node.go: at most one node NAME. */
export const topNodeCommand: KubectlCommand = {
  verb: "top",
  sub: "node",
  subAliases: ["nodes", "no"],
  flags: [
    selectorFlag,
    flag("sort-by", "string"),
    flag("no-headers", "bool"),
    flag("show-capacity", "bool"),
    flag("use-protocol-buffers", "bool"),
  ],
  readOnly: true,
  args(cmd, pos, ctx) {
    cmd.names = pos.map((p) => p.value);
    if (cmd.names.length > 1) ctx.error("error: node [NAME | -l label]", pos[1]);
  },
  run: (cmd, cluster) => runTopNode(cmd, cluster),
};
