/**
 * `kubectl get --raw PATH` (kubectl/pkg/cmd/get/get.go: RawOptions.RawGet through
 * cmd/util/rawhttp.RawGet): a GET of the path, the body printed as the server sent it. The
 * paths served are the metrics APIs a user reads when an HPA says a metric is missing:
 * - `/apis/metrics.k8s.io/v1beta1/[namespaces/NS/]pods[/NAME]` and `…/nodes[/NAME]`:
 *   metrics-server's PodMetrics and NodeMetrics (pkg/api/pod.go and node.go getMetrics:
 *   name, namespace, the object's labels and creationTimestamp now in the metadata; the
 *   sample's timestamp and window; per container (podMetricsContainers.ts) cpu as nanocores
 *   and memory as bytes, each Quantity in canonical form: "250m", "52428800" → "50Mi");
 * - the health endpoints `/healthz`, `/livez`, `/readyz`: "ok".
 * A body is the API server's JSON encoding: compact, fields in Go's struct order, one newline
 * after it (apimachinery's json serializer Encode). Any other path is the API server's 404:
 * "Error from server (NotFound): the server could not find the requested resource".
 * Example: `kubectl get --raw /apis/metrics.k8s.io/v1beta1/nodes` →
 * `{"kind":"NodeMetricsList","apiVersion":"metrics.k8s.io/v1beta1","metadata":{},"items":[…]}`.
 */
import { isApiError, type ApiError, type Cluster } from "../../engine/cluster.ts";
import type { PodResourceSample } from "../../engine/metrics/types.ts";
import { goDuration } from "../../k8s/duration.ts";
import { labelsMatch } from "../../k8s/labels.ts";
import { namespaceOf } from "../../k8s/namespaces.ts";
import { Quantity } from "../../k8s/quantity.ts";
import { toRFC3339 } from "../../k8s/time.ts";
import type { KubeObject, Pod } from "../../k8s/types.ts";
import type { ParsedCommand } from "../command.ts";
import { nodeUsage } from "../nodeMetrics.ts";
import { podMetricsContainers } from "../podMetricsContainers.ts";
import { fail, ok, type KubectlResult } from "../result.ts";
import { parseSelector } from "../selectorParse.ts";

const METRICS = "/apis/metrics.k8s.io/v1beta1";

/** The API server's 404 for a path nothing serves (apiserver's NotFoundHandler). */
const NOT_FOUND = "Error from server (NotFound): the server could not find the requested resource";

/**
 * The API's refusal (metrics-server down: the aggregator's 503). A raw request names no
 * resource, so the client's message has no "(get pods.metrics.k8s.io)" after it
 * (apimachinery errors.NewGenericServerResponse qualifies it only with one).
 */
const refused = (e: ApiError): KubectlResult =>
  fail(`Error from server (${e.reason}): ${e.message.replace(/ \([^)]*\)$/, "")}`, true);

/** Usage as metrics-server serves it: cpu in nanocores (NewScaledQuantity(…, -9)), memory in bytes (BinarySI). */
function quantitiesOf(cpuMilli: number, memoryBytes: number): { cpu: string; memory: string } {
  return {
    cpu: Quantity.of(BigInt(Math.round(cpuMilli * 1e6)), 9, "DecimalSI").toString(),
    memory: Quantity.of(BigInt(memoryBytes), 0, "BinarySI").toString(),
  };
}

/** ObjectMeta's JSON: fields in the struct's order, labels only when there are some. */
function metadataOf(o: KubeObject, now: number, namespaced: boolean): Record<string, unknown> {
  const labels = o.metadata.labels;
  return {
    name: o.metadata.name,
    ...(namespaced ? { namespace: namespaceOf(o) } : {}),
    creationTimestamp: toRFC3339(now),
    ...(labels !== undefined && Object.keys(labels).length > 0 ? { labels } : {}),
  };
}

function podMetricsOf(pod: Pod, sample: PodResourceSample, now: number): Record<string, unknown> {
  const containers = podMetricsContainers(pod, sample);
  return {
    metadata: metadataOf(pod, now, true),
    timestamp: toRFC3339(sample.timestamp),
    window: goDuration(sample.window),
    containers: Object.entries(containers).map(([name, u]) => ({
      name,
      usage: quantitiesOf(u.cpu, Math.ceil(u.memory / 1000)),
    })),
  };
}

/** The body as the API server encodes it: compact JSON and a newline. */
const body = (v: unknown): KubectlResult => ok(JSON.stringify(v) + "\n", true);

const list = (kind: string, items: unknown[]) => ({
  kind,
  apiVersion: "metrics.k8s.io/v1beta1",
  metadata: {},
  items,
});

/** The query's labelSelector (`?labelSelector=app%3Dweb`), as the list filters pods or nodes by it. */
function selectorOf(query: URLSearchParams): ReturnType<typeof parseSelector> | undefined {
  const raw = query.get("labelSelector");
  return raw === null ? undefined : parseSelector(raw);
}

/** metrics-server's pod metrics: the Running pods with a sample, by namespace then name. */
function podMetrics(
  cluster: Cluster,
  namespace: string | undefined,
  name: string | undefined,
  query: URLSearchParams,
): KubectlResult {
  const selector = selectorOf(query);
  if (typeof selector === "string") return fail(`Error from server (BadRequest): ${selector}`, true);
  const pods = (namespace === undefined ? cluster.api.listAll("Pod") : cluster.api.list("Pod", namespace))
    .filter((p) => name === undefined || p.metadata.name === name)
    .filter((p) => selector === undefined || labelsMatch(selector, p.metadata.labels))
    .sort((a, b) =>
      namespaceOf(a) !== namespaceOf(b)
        ? namespaceOf(a) < namespaceOf(b)
          ? -1
          : 1
        : a.metadata.name < b.metadata.name
          ? -1
          : 1,
    );
  const items: Record<string, unknown>[] = [];
  for (const ns of [...new Set(pods.map((p) => namespaceOf(p)))]) {
    const inNamespace = pods.filter((p) => namespaceOf(p) === ns);
    const answer = cluster.podMetrics(
      ns,
      inNamespace.map((p) => p.metadata.name),
    );
    if (isApiError(answer)) return refused(answer);
    const byName = new Map(answer.map((s) => [s.pod, s]));
    for (const pod of inNamespace) {
      const sample = byName.get(pod.metadata.name);
      // pod.go getMetrics: a pod not Running, or without a sample, is left out.
      if (sample !== undefined && pod.status.phase === "Running")
        items.push(podMetricsOf(pod, sample, cluster.now));
    }
  }
  if (name !== undefined) {
    // pod.go Get: NotFound for the pod, or for its metrics.
    if (items.length === 0)
      return fail(
        pods.length === 0
          ? `Error from server (NotFound): pods "${name}" not found`
          : `Error from server (NotFound): podmetrics.metrics.k8s.io "${namespace}/${name}" not found`,
        true,
      );
    return body({ kind: "PodMetrics", apiVersion: "metrics.k8s.io/v1beta1", ...items[0] });
  }
  return body(list("PodMetricsList", items));
}

/**
 * metrics-server's node metrics: a node's usage is its pods' (the simulator models no
 * system usage beside them), with the window and timestamp of their samples; a node none of
 * whose pods has a sample yet has no metrics.
 */
function nodeMetrics(cluster: Cluster, name: string | undefined, query: URLSearchParams): KubectlResult {
  const selector = selectorOf(query);
  if (typeof selector === "string") return fail(`Error from server (BadRequest): ${selector}`, true);
  const nodes = [...cluster.api.listAll("Node")]
    .filter((n) => name === undefined || n.metadata.name === name)
    .filter((n) => selector === undefined || labelsMatch(selector, n.metadata.labels))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  const items: Record<string, unknown>[] = [];
  for (const node of nodes) {
    const usage = nodeUsage(cluster, node.metadata.name);
    if (isApiError(usage)) return refused(usage);
    const latest = usage.latest;
    if (latest === undefined) continue;
    items.push({
      metadata: metadataOf(node, cluster.now, false),
      timestamp: toRFC3339(latest.timestamp),
      window: goDuration(latest.window),
      usage: quantitiesOf(usage.cpu, usage.memory),
    });
  }
  if (name !== undefined) {
    if (items.length === 0)
      return fail(
        nodes.length === 0
          ? `Error from server (NotFound): nodes "${name}" not found`
          : `Error from server (NotFound): nodemetrics.metrics.k8s.io "${name}" not found`,
        true,
      );
    return body({ kind: "NodeMetrics", apiVersion: "metrics.k8s.io/v1beta1", ...items[0] });
  }
  return body(list("NodeMetricsList", items));
}

export function runGetRaw(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const raw = String(cmd.flags.raw);
  const q = raw.indexOf("?");
  const path = (q < 0 ? raw : raw.slice(0, q)).replace(/\/+$/, "");
  const query = new URLSearchParams(q < 0 ? "" : raw.slice(q + 1));
  if (path === "/healthz" || path === "/livez" || path === "/readyz") return ok("ok", true);
  if (path.startsWith(`${METRICS}/`)) {
    const parts = path.slice(METRICS.length + 1).split("/");
    if (parts[0] === "nodes" && parts.length <= 2) return nodeMetrics(cluster, parts[1], query);
    if (parts[0] === "pods" && parts.length === 1) return podMetrics(cluster, undefined, undefined, query);
    if (parts[0] === "namespaces" && parts.length >= 3 && parts.length <= 4 && parts[2] === "pods")
      return podMetrics(cluster, parts[1], parts[3], query);
  }
  return fail(NOT_FOUND, true);
}
