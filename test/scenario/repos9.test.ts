/**
 * A new user's repositories and monitoring exports, ninth pass (test/fixtures/repos/: an App
 * Service's Requests per instance from `az monitor metrics list`; the ingress hosts' request
 * rate from InfluxDB as a Flux query's annotated CSV; checkout's request counters per pod from
 * VictoriaMetrics' /api/v1/export; HashiCorp Vault's Helm chart rendered in HA mode with its
 * agent injector under an HPA; the storefront's access logs counted per minute and host by an
 * Elasticsearch date_histogram; a k6 run's --out json; Strimzi's operator install and a KRaft
 * Kafka cluster with a node pool and a topic; cluster-autoscaler's AWS autodiscovery example beside an API
 * whose HPA outgrows the nodes; written for these tests, shaped like the public ones), and what
 * running them found: each export refused before this pass — Azure's and Elasticsearch's answers
 * as Prometheus answers without resultType, k6's JSON lines as JSON after the value, the annotated CSV's rows as times that could not be read, the
 * export's second line as JSON after the value —, Strimzi's CLUSTER column printed <none> (its
 * JSONPath's escaped dot, `strimzi\.io/cluster`, read as two fields), and cluster-autoscaler's
 * Deployment run as a plain pod without a word while the API's pods stayed Pending.
 */
import { describe, expect, it } from "vitest";
import { checkScenario } from "../../src/scenario/index.ts";
import { nodeHost } from "../../src/scenario/nodeHost.ts";
import { lines, printed, runFixture } from "./fixtureRun.ts";

const check = (file: string) =>
  checkScenario({ text: nodeHost().readFile(file)!, file }, { host: nodeHost() });

describe("Azure Monitor: an App Service's Requests per instance", () => {
  it("adds up the instances' Total per minute as requests per second and scales on it", async () => {
    const file = "test/fixtures/repos/azure-monitor/migrate.scn";
    expect(check(file).diagnostics).toEqual([]);
    const r = await runFixture(file);
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[14, true]]);
    // The peak, 8400 + 8700 a minute (285/s) at 10m a request, is 2.85 cores: nine 500m pods
    // at 63%, within the HPA's 10% tolerance of 60%.
    expect(lines(r, 15)).toEqual([
      "NAME       REFERENCE             TARGETS        MINPODS   MAXPODS   REPLICAS   AGE",
      "shop-web   Deployment/shop-web   cpu: 63%/60%   2         12        9          12m",
    ]);
    expect(lines(r, 16)?.[1]).toBe("shop-web   9/9     9            9           12m");
  });

  it("says which instance it replays when the statement does not add them up", () => {
    const text = [
      "kubectl create deployment shop-web --image=shop-web:4.2.0",
      'load requests file "requests-by-instance.json" cost 10m per request',
    ].join("\n");
    const r = checkScenario(
      { text, file: "test/fixtures/repos/azure-monitor/one.scn" },
      { host: nodeHost() },
    );
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      ["RC6016", "warning", 'the answer holds 2 series; replaying the first, {Instance="pd0sdlwk000A0L"}'],
    ]);
  });
});

describe("InfluxDB: the ingress hosts' nginx requests as a Flux query's annotated CSV", () => {
  it("adds up the hosts' tables and scales the storefront to the peak", async () => {
    const file = "test/fixtures/repos/influxdb/ingress.scn";
    expect(check(file).diagnostics).toEqual([]);
    const r = await runFixture(file);
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[16, true]]);
    expect(lines(r, 17)).toEqual([
      "NAME         REFERENCE               TARGETS        MINPODS   MAXPODS   REPLICAS   AGE",
      "storefront   Deployment/storefront   cpu: 63%/70%   2         10        7          13m",
    ]);
    // The seven pods share the load evenly (kubectl top prints what metrics-server last scraped).
    expect(
      lines(r, 18)
        ?.slice(1)
        .map((l) => l.split(/\s+/)[1]),
    ).toEqual(Array(7).fill("190m"));
  });

  it("names the hosts when `series` matches none", () => {
    const text = [
      "kubectl create deployment storefront --image=storefront:2.3.1",
      'load requests file "nginx-rps.csv" series host="ingress-3" cost 5m per request',
    ].join("\n");
    const r = checkScenario({ text, file: "test/fixtures/repos/influxdb/one.scn" }, { host: nodeHost() });
    expect(r.diagnostics.map((d) => [d.code, d.message, d.hint])).toEqual([
      ["RC6017", 'no series has host="ingress-3"', 'the series: {host="ingress-1"}, {host="ingress-2"}'],
    ]);
  });
});

describe("VictoriaMetrics: checkout's request counters from /api/v1/export", () => {
  it("replays the counters' rates, the restarted pod's included, added up", async () => {
    const file = "test/fixtures/repos/victoriametrics/checkout.scn";
    expect(check(file).diagnostics).toEqual([]);
    const r = await runFixture(file);
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[13, true]]);
    expect(lines(r, 14)).toEqual([
      "NAME       REFERENCE             TARGETS        MINPODS   MAXPODS   REPLICAS   AGE",
      "checkout   Deployment/checkout   cpu: 52%/60%   3         15        11         12m",
    ]);
  });
});

describe("Elasticsearch: the storefront's access logs per minute and ingress host", () => {
  it("replays each minute's doc_count per second, the hosts added up", async () => {
    const file = "test/fixtures/repos/elasticsearch/replay.scn";
    expect(check(file).diagnostics).toEqual([]);
    const r = await runFixture(file);
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[13, true]]);
    expect(lines(r, 14)?.[1]).toBe(
      "storefront   Deployment/storefront   cpu: 71%/70%   2         12        8          12m",
    );
    expect(lines(r, 17)?.[1]).toBe("storefront   6/6     6            6           21m");
  });
});

describe("k6: a smoke test's --out json", () => {
  it("counts the http_reqs points per second and scales the cart on thirty times the ramp", async () => {
    const file = "test/fixtures/repos/k6-json/loadtest.scn";
    expect(check(file).diagnostics).toEqual([]);
    const r = await runFixture(file);
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[11, true]]);
    // The HPA scaled to 4 at 45 s; its status keeps the replicas it read before scaling
    // (horizontal.go reconcileAutoscaler's setStatus(hpa, currentReplicas, desiredReplicas, …))
    // until the next sync.
    expect(lines(r, 12)?.[1]).toBe(
      "cart   Deployment/cart   cpu: 220%/60%   1         8         1          50s",
    );
    expect(lines(r, 13)?.[1].split(/\s+/).slice(1, 2)).toEqual(["440m"]);
  });
});

describe("Vault: the Helm chart rendered in HA mode, the injector under an HPA", () => {
  it("applies every object, runs the raft StatefulSet on three nodes and scales the injector", async () => {
    const file = "test/fixtures/repos/vault/vault.scn";
    expect(check(file).diagnostics).toEqual([]);
    const r = await runFixture(file);
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[21, true]]);
    expect(lines(r, 10)?.slice(-3)).toEqual([
      "statefulset.apps/vault created",
      "mutatingwebhookconfiguration.admissionregistration.k8s.io/vault-agent-injector-cfg created",
      "pod/vault-server-test created",
    ]);
    // podManagementPolicy Parallel: all three at once; the required anti-affinity on
    // kubernetes.io/hostname puts each on its own node.
    expect(
      lines(r, 12)
        ?.slice(1, 4)
        .map((l) => l.split(/\s+/).filter((_, i) => i === 0 || i === 6)),
    ).toEqual([
      ["vault-0", "node-3"],
      ["vault-1", "node-2"],
      ["vault-2", "node-1"],
    ]);
    expect(
      lines(r, 13)
        ?.slice(1)
        .map((l) => l.split(/\s+/).slice(0, 2).concat(l.split(/\s+/)[3])),
    ).toEqual([
      ["data-vault-0", "Bound", "10Gi"],
      ["data-vault-1", "Bound", "10Gi"],
      ["data-vault-2", "Bound", "10Gi"],
    ]);
    // The headless Service publishes its pods' addresses, two ports each (printers.go
    // formatEndpoints: the first three, then how many more). Each node's host-local IPAM hands
    // out .2, then .3, … in the order pods start there (src/engine/nodes/hostLocalIPAM.ts).
    expect(lines(r, 15)?.slice(1)).toEqual([
      "NAME             ENDPOINTS                                                     AGE",
      "vault-internal   10.244.1.3:8200,10.244.2.2:8200,10.244.3.3:8200 + 3 more...   30s",
    ]);
    expect(lines(r, 16)).toEqual([
      "NAME                       WEBHOOKS   AGE",
      "vault-agent-injector-cfg   1          30s",
    ]);
    // describePodDisruptionBudget: maxUnavailable 1 of 3 expected pods desires 2 healthy.
    expect(lines(r, 17)?.slice(2, 9)).toEqual([
      "Max unavailable:  1",
      "Selector:         app.kubernetes.io/instance=vault,app.kubernetes.io/name=vault,component=server",
      "Status:",
      "    Allowed disruptions:  1",
      "    Current:              3",
      "    Desired:              2",
      "    Total:                3",
    ]);
    expect(printed(r, 18)).toBe("status.hostIP");
    expect(lines(r, 22)?.[1]).toBe(
      "vault-agent-injector   Deployment/vault-agent-injector   cpu: 68%/70%   1         3         3          5m",
    );
    // updateStrategy OnDelete: the new template reaches a pod only when it is deleted
    // (stateful_set_control.go updateStatefulSet leaves OnDelete pods alone).
    expect(printed(r, 25)).toBe("0/3");
    expect(lines(r, 27)).toEqual([
      "NAME      IMAGE",
      "vault-0   hashicorp/vault:1.16.1",
      "vault-1   hashicorp/vault:1.16.1",
      "vault-2   hashicorp/vault:1.17.2",
    ]);
    expect(printed(r, 28)).toBe("1/3");
    // The injector's webhook is kept, not called: the run says so rather than adding sidecars.
    expect(r.stored?.map((n) => [n.kind, n.names])).toEqual([
      ["Role", ["vault/vault-discovery-role"]],
      ["ClusterRole", ["vault-agent-injector-clusterrole"]],
      ["RoleBinding", ["vault/vault-discovery-rolebinding"]],
      ["ClusterRoleBinding", ["vault-agent-injector-binding", "vault-server-binding"]],
      ["MutatingWebhookConfiguration", ["vault-agent-injector-cfg"]],
    ]);
  });
});

describe("Strimzi: the operator's install, then a KRaft Kafka cluster", () => {
  it("registers the CRDs, prints their columns, runs the operator's pod and stores the Kafka it would reconcile", async () => {
    const file = "test/fixtures/repos/strimzi/quickstart.scn";
    expect(check(file).diagnostics).toEqual([]);
    const r = await runFixture(file);
    expect(r.diagnostics).toEqual([]);
    expect(lines(r, 9)?.slice(0, 5)).toEqual([
      "customresourcedefinition.apiextensions.k8s.io/kafkas.kafka.strimzi.io created",
      "customresourcedefinition.apiextensions.k8s.io/kafkanodepools.kafka.strimzi.io created",
      "customresourcedefinition.apiextensions.k8s.io/kafkatopics.kafka.strimzi.io created",
      "customresourcedefinition.apiextensions.k8s.io/kafkausers.kafka.strimzi.io created",
      "customresourcedefinition.apiextensions.k8s.io/strimzipodsets.core.strimzi.io created",
    ]);
    expect(lines(r, 10)).toEqual([
      "kafkanodepool.kafka.strimzi.io/dual-role created",
      "kafka.kafka.strimzi.io/my-cluster created",
      "kafkatopic.kafka.strimzi.io/orders created",
    ]);
    // Started at 3 s; readinessProbe initialDelaySeconds 10 and periodSeconds 30: the prober's
    // first tick after the delay is at 33 s (prober/worker.go doProbe skips ticks before it).
    expect(lines(r, 12)?.[1]).toBe("strimzi-cluster-operator   0/1     1            0           30s");
    expect(printed(r, 13)).toBe("metadata.namespace");
    // The CRDs' additionalPrinterColumns; `strimzi\.io/cluster` is one label key (client-go
    // jsonpath parser.go parseField drops the backslash of an escaped dot).
    expect(lines(r, 14)).toEqual([
      "NAME                                DESIRED KAFKA REPLICAS   DESIRED ZK REPLICAS   READY    METADATA STATE   WARNINGS",
      "kafka.kafka.strimzi.io/my-cluster   <none>                   <none>                <none>   <none>           <none>",
      "",
      "NAME                                       DESIRED REPLICAS   ROLES    NODEIDS",
      "kafkanodepool.kafka.strimzi.io/dual-role   3                  <none>   <none>",
      "",
      "NAME                                 CLUSTER      PARTITIONS   REPLICATION FACTOR   READY",
      "kafkatopic.kafka.strimzi.io/orders   my-cluster   12           3                    <none>",
    ]);
    // The `strimzi` category: the group's resources in discovery's (alphabetical) order.
    expect(lines(r, 15)?.filter((l) => l.startsWith("NAME")).length).toBe(3);
    expect(lines(r, 15)?.[1]).toBe(
      "kafkanodepool.kafka.strimzi.io/dual-role   3                  <none>   <none>",
    );
    expect(lines(r, 16)?.slice(4)).toEqual([
      "  Resources                                      Non-Resource URLs  Resource Names  Verbs",
      "  ---------                                      -----------------  --------------  -----",
      "  clusterrolebindings.rbac.authorization.k8s.io  []                 []              [get list watch create delete patch update]",
      "  storageclasses.storage.k8s.io                  []                 []              [get]",
      "  nodes                                          []                 []              [list]",
    ]);
    // No operator reconciles the Kafka here: it never turns Ready, and the run says it is stored.
    expect(r.failures.map((f) => [f.line, f.message])).toEqual([
      [17, "error: timed out waiting for the condition on kafkas/my-cluster"],
    ]);
    expect(r.stored?.filter((n) => n.kind.startsWith("Kafka")).map((n) => [n.kind, n.names])).toEqual([
      ["Kafka", ["kafka/my-cluster"]],
      ["KafkaNodePool", ["kafka/dual-role"]],
      ["KafkaTopic", ["kafka/orders"]],
    ]);
  });
});

describe("cluster-autoscaler's AWS example beside an API that outgrows its nodes", () => {
  const file = "test/fixtures/repos/cluster-autoscaler/scale-out.scn";

  it("warns that its Deployment adds no node when the scenario gives no pool to the simulated one", () => {
    const text = nodeHost()
      .readFile(file)!
      .replace("autoscale nodes from 2 to 6 provision 90s scale-down after 5m\n", "");
    const r = checkScenario({ text, file }, { host: nodeHost() });
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.span.line, d.message, d.hint])).toEqual([
      [
        "RC4142",
        "warning",
        9,
        "kube-system/deployment/cluster-autoscaler runs registry.k8s.io/autoscaling/cluster-autoscaler:v1.29.0, which has no cloud to add nodes from here: it runs as a pod, and no node is added or removed",
        "give a node pool to the simulated cluster autoscaler instead: `autoscale nodes from 2 to 10 scale-down after 5m` after its `nodes` statement (it expands a pool at random, whatever --expander says)",
      ],
    ]);
    // Said once, and not at all once a pool is autoscaled.
    expect(check(file).diagnostics).toEqual([]);
  });

  it("adds nodes for the pending pods and removes them once the load is gone", async () => {
    const r = await runFixture(file);
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([
      [16, true],
      [17, true],
      [24, true],
    ]);
    expect(lines(r, 13)?.[1]).toBe("cluster-autoscaler   1/1     1            1           30s");
    expect(lines(r, 18)?.[1]).toBe(
      "api    Deployment/api   cpu: 60%/60%   2         20        15         10m",
    );
    expect(lines(r, 19)?.map((l) => l.split(/\s+/).slice(0, 2).join(" "))).toEqual([
      "NAME STATUS",
      "node-1 Ready",
      "node-2 Ready",
      "node-3 Ready",
      "node-4 Ready",
    ]);
    expect(printed(r, 20)).toBe("No resources found in default namespace.");
    // clusterstate.go's status ConfigMap, as the real autoscaler writes it.
    expect(lines(r, 21, 0, 3)).toEqual([
      "Cluster-autoscaler status at 2024-01-01 00:10:00 +0000 UTC:",
      "Cluster-wide:",
      "  Health:      Healthy (ready=4 unready=0 notStarted=0 longNotStarted=0 registered=4 longUnregistered=0)",
    ]);
    expect(lines(r, 25)?.length).toBe(3);
  });
});
