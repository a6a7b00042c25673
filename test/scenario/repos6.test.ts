/**
 * A new user's repositories, fifth pass (test/fixtures/repos/: podinfo's kustomize deploy and
 * its webapp overlays; `helm template` of bitnami/redis; the kubernetes.io tutorials' example
 * files run with the tutorials' command lines; a platform monorepo of team namespaces with
 * ResourceQuotas and LimitRanges; ingress-nginx's chart rendered with its hooks and an Ingress;
 * written for these tests, shaped like the public ones), and
 * what running them found: `| base64 -d` refused (every chart's NOTES.txt), `--template`
 * without `-o` printing the table, a `$(kubectl …)` read as the outer command's words, and
 * `describe service` without the address lines the API server fills in, and ingress-nginx's
 * controller waiting for ever for the Secret its admission Job's kube-webhook-certgen makes.
 */
import { describe, expect, it } from "vitest";
import { checkScenario } from "../../src/scenario/index.ts";
import { nodeHost } from "../../src/scenario/nodeHost.ts";
import { lines, printed, runFixture, watched } from "./fixtureRun.ts";

describe("podinfo: kubectl apply -k kustomize/, then the webapp's backend and frontend", () => {
  it("runs the HPA to its max under load and the overlay's behavior two pods a minute", async () => {
    const r = await runFixture("test/fixtures/repos/podinfo/podinfo.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([
      [11, true],
      [18, true],
      [19, true],
    ]);
    // maxUnavailable 0 and minReadySeconds 3: the second pod, ready at 28s, is not yet available.
    expect(lines(r, 6)).toEqual([
      "NAME                      READY   UP-TO-DATE   AVAILABLE   AGE",
      "deployment.apps/podinfo   2/2     2            1           30s",
      "",
      "NAME                                          REFERENCE            TARGETS       MINPODS   MAXPODS   REPLICAS   AGE",
      "horizontalpodautoscaler.autoscaling/podinfo   Deployment/podinfo   cpu: 0%/99%   2         4         2          30s",
      "",
      "NAME                 TYPE        CLUSTER-IP       EXTERNAL-IP   PORT(S)             AGE",
      "service/kubernetes   ClusterIP   10.96.0.1        <none>        443/TCP             30s",
      "service/podinfo      ClusterIP   10.105.137.159   <none>        9898/TCP,9999/TCP   30s",
    ]);
    // describe.go describeContainerProbe for podinfo's exec probes; the Requests block shares
    // its tabwriter column with the probes (describe.go writes no tab in "Requests:").
    expect(lines(r, 8, 29, 38)).toEqual([
      "      cpu:     2",
      "      memory:  512Mi",
      "    Requests:",
      "      cpu:      100m",
      "      memory:   64Mi",
      "    Liveness:   exec [podcli check http localhost:9898/healthz] delay=5s timeout=5s period=10s #success=1 #failure=3",
      "    Readiness:  exec [podcli check http localhost:9898/readyz] delay=5s timeout=5s period=10s #success=1 #failure=3",
      "    Environment:",
      "      PODINFO_UI_COLOR:  #34577c",
    ]);
    expect(lines(r, 15)).toEqual([
      "NAME                                  MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE",
      "poddisruptionbudget.policy/backend    1               N/A               1                     60s",
      "poddisruptionbudget.policy/frontend   1               N/A               0                     60s",
      "",
      "NAME                                           REFERENCE             TARGETS       MINPODS   MAXPODS   REPLICAS   AGE",
      "horizontalpodautoscaler.autoscaling/backend    Deployment/backend    cpu: 0%/99%   2         6         2          60s",
      "horizontalpodautoscaler.autoscaling/frontend   Deployment/frontend   cpu: 0%/99%   1         4         1          60s",
    ]);
    // The overlay's patch: behavior as describe.go printDirectionBehavior prints it.
    expect(lines(r, 16, 10, 21)).toEqual([
      "Behavior:",
      "  Scale Up:",
      "    Stabilization Window: 0 seconds",
      "    Select Policy: Max",
      "    Policies:",
      "      - Type: Pods  Value: 2  Period: 60 seconds",
      "  Scale Down:",
      "    Stabilization Window: 120 seconds",
      "    Select Policy: Max",
      "    Policies:",
      "      - Type: Percent  Value: 50  Period: 60 seconds",
    ]);
    expect(lines(r, 20)).toEqual([
      "Name:           backend",
      "Namespace:      webapp",
      "Min available:  1",
      "Selector:       app=backend",
      "Status:",
      "    Allowed disruptions:  5",
      "    Current:              6",
      "    Desired:              1",
      "    Total:                6",
      "Events:                   <none>",
    ]);
    // The frontend overlay's images: entry.
    expect(printed(r, 21)).toBe("ghcr.io/stefanprodan/podinfo:6.5.3");
  });
});

describe("bitnami/redis rendered by helm template, then its NOTES.txt", () => {
  it("runs both StatefulSets with a claim per pod, and reads the password with base64 -d", async () => {
    const r = await runFixture("test/fixtures/repos/bitnami-redis/redis.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([
      [17, true],
      [18, true],
    ]);
    expect(lines(r, 6)).toEqual([
      "NAME                      READY   STATUS    RESTARTS   AGE",
      "pod/my-redis-master-0     1/1     Running   0          2m",
      "pod/my-redis-replicas-0   1/1     Running   0          2m",
      "pod/my-redis-replicas-1   1/1     Running   0          95s",
      "pod/my-redis-replicas-2   1/1     Running   0          70s",
      "",
      "NAME                        TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)    AGE",
      "service/my-redis-headless   ClusterIP   None           <none>        6379/TCP   2m",
      "service/my-redis-master     ClusterIP   10.96.40.4     <none>        6379/TCP   2m",
      "service/my-redis-replicas   ClusterIP   10.104.57.14   <none>        6379/TCP   2m",
      "",
      "NAME                                 READY   AGE",
      "statefulset.apps/my-redis-master     1/1     2m",
      "statefulset.apps/my-redis-replicas   3/3     2m",
    ]);
    // Found here: `| base64 -d` was refused ("is not supported after a kubectl command").
    expect(printed(r, 9)).toBe("r3d1s-passw0rd");
    // The headless Service as kubectl 1.34 describes it (found here: no IP Family lines, no
    // Internal Traffic Policy); four endpoints, three shown (formatEndpoints).
    expect(lines(r, 11)).toEqual([
      "Name:                     my-redis-headless",
      "Namespace:                default",
      "Labels:                   app.kubernetes.io/instance=my-redis",
      "                          app.kubernetes.io/managed-by=Helm",
      "                          app.kubernetes.io/name=redis",
      "                          app.kubernetes.io/version=7.2.4",
      "                          helm.sh/chart=redis-18.19.2",
      "Annotations:              <none>",
      "Selector:                 app.kubernetes.io/instance=my-redis,app.kubernetes.io/name=redis",
      "Type:                     ClusterIP",
      "IP Family Policy:         SingleStack",
      "IP Families:              IPv4",
      "IP:                       None",
      "IPs:                      None",
      "Port:                     tcp-redis  6379/TCP",
      "TargetPort:               redis/TCP",
      "Endpoints:                10.244.1.2:6379,10.244.1.3:6379,10.244.2.2:6379 + 1 more...",
      "Session Affinity:         None",
      "Internal Traffic Policy:  Cluster",
      "Events:                   <none>",
    ]);
    // rollout_status.go StatefulSetStatusViewer, with its trailing "...".
    expect(printed(r, 14)).toBe(
      "statefulset rolling update complete 3 pods at revision my-redis-replicas-f4bf47fbf...",
    );
    // Scaled to one: the claims stay (persistentVolumeClaimRetentionPolicy defaults to Retain).
    expect(lines(r, 16)).toEqual([
      "NAME                      READY   STATUS    RESTARTS   AGE",
      "pod/my-redis-replicas-0   1/1     Running   0          4m",
      "",
      "NAME                                                   STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE",
      "persistentvolumeclaim/redis-data-my-redis-replicas-0   Bound    pvc-ade1ea95-0c3a-4e46-afd2-c185213682f5   8Gi        RWO            standard       <unset>                 4m",
      "persistentvolumeclaim/redis-data-my-redis-replicas-1   Bound    pvc-db3fbe2f-0729-4191-9157-49124bd77fc1   8Gi        RWO            standard       <unset>                 3m35s",
      "persistentvolumeclaim/redis-data-my-redis-replicas-2   Bound    pvc-738f80f8-a0cc-4cee-9a0a-7f892b284361   8Gi        RWO            standard       <unset>                 3m10s",
    ]);
    // The chart's null `podAffinity:`/`nodeAffinity:` and `nodePort: null` apply as nothing.
    expect(
      r.output
        .find((o) => o.line === 5)!
        .text.split("\n")
        .slice(-2),
    ).toEqual(["statefulset.apps/my-redis-master created", "statefulset.apps/my-redis-replicas created"]);
  });
});

describe("kubernetes.io tutorials with their example files and command lines", () => {
  it("Run a Stateless Application Using a Deployment: update, scale, delete", async () => {
    const r = await runFixture("test/fixtures/repos/k8s-docs/stateless.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([
      [12, true],
      [13, true],
    ]);
    expect(lines(r, 7)).toEqual([
      "NAME                               READY   STATUS    RESTARTS   AGE",
      "nginx-deployment-cf4cd4db7-fc6k6   1/1     Running   0          30s",
      "nginx-deployment-cf4cd4db7-lxwfr   1/1     Running   0          30s",
    ]);
    // The rolling update under the default 25%/25%: one new pod, then one old one goes.
    expect(watched(r, 9).slice(0, 5)).toEqual([
      [63, "nginx-deployment-cff86b44d-lp6wm   1/1     Running             0          3s"],
      [63, "nginx-deployment-cf4cd4db7-fc6k6   0/1     Terminating         0          63s"],
      [63, "nginx-deployment-cff86b44d-fnvsn   0/1     ContainerCreating   0          0s"],
      [66, "nginx-deployment-cff86b44d-fnvsn   1/1     Running             0          3s"],
      [66, "nginx-deployment-cf4cd4db7-lxwfr   0/1     Terminating         0          66s"],
    ]);
  });

  it("the PHP guestbook: leader, followers, frontend, scaled up and down, deleted by label", async () => {
    const r = await runFixture("test/fixtures/repos/k8s-docs/guestbook.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[23, true]]);
    expect(lines(r, 16)).toEqual(["service/frontend created"]);
    expect(lines(r, 22)).toEqual([
      "NAME                             READY   STATUS    RESTARTS   AGE",
      "frontend-5cbf88df78-rqlv2        1/1     Running   0          60s",
      "frontend-5cbf88df78-t9nvr        1/1     Running   0          60s",
      "redis-follower-75bbd6c85-csn4k   1/1     Running   0          80s",
      "redis-follower-75bbd6c85-x8b67   1/1     Running   0          80s",
      "redis-leader-75476db7fd-fc6k6    1/1     Running   0          110s",
    ]);
    expect(lines(r, 24)).toEqual([
      'deployment.apps "redis-follower" deleted',
      'deployment.apps "redis-leader" deleted',
    ]);
  });

  it("ZooKeeper: ordered start, a patched rollout and its undo, drains against the budget", async () => {
    const r = await runFixture("test/fixtures/repos/k8s-docs/zookeeper.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[32, true]]);
    // OrderedReady: each pod waits for the one before it to be Ready.
    expect(watched(r, 8).slice(0, 11)).toEqual([
      [2, "zk-0   0/1     ContainerCreating   0          2s"],
      [5, "zk-0   0/1     Running             0          5s"],
      [15, "zk-0   1/1     Running             0          15s"],
      [15, "zk-1   0/1     Pending             0          0s"],
      [17, "zk-1   0/1     ContainerCreating   0          2s"],
      [20, "zk-1   0/1     Running             0          5s"],
      [30, "zk-1   1/1     Running             0          15s"],
      [30, "zk-2   0/1     Pending             0          0s"],
      [32, "zk-2   0/1     ContainerCreating   0          2s"],
      [35, "zk-2   0/1     Running             0          5s"],
      [45, "zk-2   1/1     Running             0          15s"],
    ]);
    expect(lines(r, 16)).toEqual([
      "statefulset.apps/zk",
      "REVISION  CHANGE-CAUSE",
      "1         <none>",
      "2         <none>",
    ]);
    // Found here: `--template` without -o printed the pod table.
    expect(printed(r, 20)).toBe("node-1");
    // kind's local-path volume is bound to node-1: zk-0 cannot move (VolumeBinding's filter).
    expect(lines(r, 24, 3)).toEqual([
      "  Warning  FailedScheduling  59s   default-scheduler  0/4 nodes are available: 1 node(s) were unschedulable, 3 node(s) had volume node affinity conflict. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..",
    ]);
    // eviction.go: the budget allows no disruption while zk-0 is down; drain retries every 5s.
    expect(lines(r, 28)).toEqual([
      "node/node-4 cordoned",
      "evicting pod default/zk-1",
      'error when evicting pods/"zk-1" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod\'s disruption budget.',
    ]);
    expect(lines(r, 30)).toEqual([
      "NAME   READY   STATUS    RESTARTS   AGE     IP           NODE     NOMINATED NODE   READINESS GATES",
      "zk-0   1/1     Running   0          2m59s   10.244.1.5   node-1   <none>           <none>",
      "zk-1   0/1     Pending   0          44s     <none>       <none>   <none>           <none>",
      "zk-2   1/1     Running   0          6m59s   10.244.3.4   node-3   <none>           <none>",
    ]);
  });
});

describe("a platform monorepo: a namespace per team, its quotas and limit ranges", () => {
  it("refuses what breaks them, at apply and at each pod the ReplicaSets try", async () => {
    const r = await runFixture("test/fixtures/repos/monorepo/monorepo.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([
      [21, true],
      [22, true],
    ]);
    // resourcequota/controller.go checkRequest: a LoadBalancer Service is a load balancer and
    // a node port (pkg/quota/v1/evaluator/core/services.go); a third Deployment is one over
    // count/deployments.apps. Both errors come after the objects created (apply.go aggregates).
    expect(r.failures.map((f) => [f.line, f.message.split("\n")])).toEqual([
      [
        8,
        [
          'Error from server (Forbidden): error when creating "teams/payments/api.yaml": services "payments-api" is forbidden: exceeded quota: object-counts, requested: services.loadbalancers=1,services.nodeports=1, used: services.loadbalancers=0,services.nodeports=0, limited: services.loadbalancers=0,services.nodeports=0',
          'Error from server (Forbidden): error when creating "teams/payments/reconciler.yaml": deployments.apps "reconciler" is forbidden: exceeded quota: object-counts, requested: count/deployments.apps=1, used: count/deployments.apps=2, limited: count/deployments.apps=2',
        ],
      ],
    ]);
    expect(lines(r, 10)).toEqual([
      "NAMESPACE   NAME             AGE   REQUEST                                                                             LIMIT",
      "data        compute          60s   requests.cpu: 0/8                                                                   limits.cpu: 0/8, limits.memory: 0/16Gi",
      "data        no-best-effort   60s   pods: 0/0                                                                           ",
      "payments    compute          60s   pods: 4/10, requests.cpu: 1750m/2, requests.memory: 1792Mi/4Gi                      limits.cpu: 2500m/4, limits.memory: 2560Mi/8Gi",
      "payments    object-counts    60s   count/deployments.apps: 2/2, services.loadbalancers: 0/0, services.nodeports: 0/0   ",
      "search      compute          60s   requests.cpu: 0/4, requests.memory: 0/8Gi",
    ]);
    // limitranger.go: max per container, and the limit/request ratio.
    expect(lines(r, 14)).toEqual([
      '22s         Warning   FailedCreate   replicaset/indexer-df9765f97   (combined from similar events): Error creating: pods "indexer-df9765f97-pdwb2" is forbidden: maximum memory usage per Container is 1Gi, but limit is 2Gi',
      '22s         Warning   FailedCreate   replicaset/query-56c7d4cfc7    (combined from similar events): Error creating: pods "query-56c7d4cfc7-fbcdw" is forbidden: cpu max limit to request ratio per Container is 10, but provided ratio is 20.000000',
    ]);
    // The data namespace's quota tracks limits and has no LimitRange to fill them in.
    // pkg/quota/v1/evaluator/core/pods.go podComputeUsageHelper's constraints: every resource
    // the quota limits must be set, and nothing sets it for a BestEffort container here.
    expect(
      r.events.find((e) => e.reason === "FailedCreate" && e.message.includes("notebook"))?.message,
    ).toMatch(
      /^Error creating: pods "notebook-66f58b6688-[a-z0-9]{5}" is forbidden: failed quota: compute: must specify limits\.cpu for: jupyter; limits\.memory for: jupyter; requests\.cpu for: jupyter$/,
    );
    expect(lines(r, 16)).toEqual([
      "NAME                           CPU    LIMITER",
      "ledger-565f4cd777-gxbmk        1      <none>",
      "payments-api-dcc44cdbd-bj9pl   250m   LimitRanger plugin set: cpu, memory request for container api; cpu, memory limit for container api",
      "payments-api-dcc44cdbd-n22sz   250m   LimitRanger plugin set: cpu, memory request for container api; cpu, memory limit for container api",
      "payments-api-dcc44cdbd-nnrln   250m   LimitRanger plugin set: cpu, memory request for container api; cpu, memory limit for container api",
    ]);
    expect(lines(r, 18)).toEqual([
      "NAME                     DESIRED   CURRENT   READY   AGE",
      "ledger-565f4cd777        2         1         1       2m50s",
      "payments-api-dcc44cdbd   6         4         4       2m50s",
    ]);
  });
});

describe("ingress-nginx rendered by helm template, hooks and all, then an Ingress", () => {
  it("starts the controller once the admission Job's certgen has made its Secret", async () => {
    const r = await runFixture("test/fixtures/repos/ingress-nginx-helm/ingress.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[20, true]]);
    expect(lines(r, 9)).toEqual([
      "NAME                                        READY   STATUS              RESTARTS   AGE",
      "ingress-nginx-admission-create-cphmb        1/1     Running             0          5s",
      "ingress-nginx-admission-patch-z7g9b         1/1     Running             0          5s",
      "ingress-nginx-controller-5d97d57cf7-msz8w   0/1     ContainerCreating   0          5s",
    ]);
    // Found here: nothing made the Secret the Deployment mounts, and the pod waited for ever.
    expect(lines(r, 11)).toEqual([
      "NAME                      TYPE     DATA   AGE",
      "ingress-nginx-admission   Opaque   3      16s",
    ]);
    expect(lines(r, 12)!.slice(0, 5)).toEqual([
      "Events:",
      "  Type     Reason       Age                From               Message",
      "  ----     ------       ----               ----               -------",
      "  Normal   Scheduled    30s                default-scheduler  Successfully assigned ingress-nginx/ingress-nginx-controller-5d97d57cf7-msz8w to node-3",
      '  Warning  FailedMount  22s (x5 over 30s)  kubelet            MountVolume.SetUp failed for volume "webhook-cert" : secret "ingress-nginx-admission" not found',
    ]);
    expect(printed(r, 13)).toBe("pod/ingress-nginx-controller-5d97d57cf7-msz8w condition met");
    // ttlSecondsAfterFinished: 0 deletes both hook Jobs as they complete.
    expect(printed(r, 14)).toBe("No resources found in ingress-nginx namespace.");
    // The chart's LoadBalancer Service with its appProtocols, as kubectl 1.34 describes it.
    expect(lines(r, 16)!.slice(10, 31)).toEqual([
      "Selector:                 app.kubernetes.io/component=controller,app.kubernetes.io/instance=ingress-nginx,app.kubernetes.io/name=ingress-nginx",
      "Type:                     LoadBalancer",
      "IP Family Policy:         SingleStack",
      "IP Families:              IPv4",
      "IP:                       10.106.74.111",
      "IPs:                      10.106.74.111",
      "Port:                     http  80/TCP",
      "TargetPort:               http/TCP",
      "AppProtocol:              http",
      "NodePort:                 http  32227/TCP",
      "Endpoints:                10.244.3.2:80",
      "Port:                     https  443/TCP",
      "TargetPort:               https/TCP",
      "AppProtocol:              https",
      "NodePort:                 https  31456/TCP",
      "Endpoints:                10.244.3.2:443",
      "Session Affinity:         None",
      "External Traffic Policy:  Cluster",
      "Internal Traffic Policy:  Cluster",
      "Events:                   <none>",
    ]);
    expect(lines(r, 19)).toEqual([
      "Name:             shop",
      "Labels:           <none>",
      "Namespace:        default",
      "Address:          ",
      "Ingress Class:    nginx",
      "Default backend:  <default>",
      "TLS:",
      "  shop-tls terminates shop.example.com",
      "Rules:",
      "  Host              Path  Backends",
      "  ----              ----  --------",
      "  shop.example.com  ",
      "                    /   shop:80 (10.244.1.3:8080,10.244.2.3:8080)",
      "Annotations:        nginx.ingress.kubernetes.io/proxy-body-size: 8m",
      "Events:             <none>",
    ]);
  });
});

describe("replicast check of every scenario here", () => {
  it("finds nothing: the files, the kubectl lines and the targets all read", () => {
    const files = [
      "podinfo/podinfo.scn",
      "bitnami-redis/redis.scn",
      "k8s-docs/stateless.scn",
      "k8s-docs/guestbook.scn",
      "k8s-docs/zookeeper.scn",
      "monorepo/monorepo.scn",
      "ingress-nginx-helm/ingress.scn",
    ].map((f) => `test/fixtures/repos/${f}`);
    const checked = files.map((file) =>
      checkScenario({ text: nodeHost().readFile(file)!, file }, { host: nodeHost() }),
    );
    expect(checked.map((c) => [c.file, c.ok, c.diagnostics])).toEqual(files.map((f) => [f, true, []]));
  });
});
