/**
 * A new user's repositories, seventh pass (test/fixtures/repos/: linkerd's emojivoto with an
 * HPA the user added; weaveworks' Sock Shop complete-demo.yaml, scaled and rolled; the
 * kubernetes.io WordPress and MySQL tutorial's kustomization with its secretGenerator; Argo
 * Rollouts' install.yaml and demo Rollout with an HPA on it; fluent-bit's logging DaemonSet on
 * three nodes, one going down; Grafana panel exports from Grafana 6 and 9 replayed as load;
 * the VPA's hamster example beside an HPA;
 * written for these tests, shaped like the public ones), and what running them found: an HPA
 * on a Rollout (any kind but a Deployment or StatefulSet) unknown to `expect hpa/NAME` (RC4012
 * "is not created by this scenario"), Grafana 6's "Series as rows" export and the Excel
 * dialect's `sep=;` line refused row by row, a CRLF file's code frame showing its `\r`,
 * `kubectl get vpa` and `get rollouts` without their CRDs' printer columns, and `kubectl
 * rollout restart deploy` (every Deployment of the namespace) refused for want of a name.
 */
import { describe, expect, it } from "vitest";
import { checkScenario, runScenario } from "../../src/scenario/index.ts";
import { nodeHost } from "../../src/scenario/nodeHost.ts";
import { lines, printed, runFixture, watched } from "./fixtureRun.ts";

describe("emojivoto: `kubectl apply -f emojivoto.yml` and an HPA on web", () => {
  it("runs the demo's four Deployments with their version labels and scales web on the vote traffic", async () => {
    const r = await runFixture("test/fixtures/repos/emojivoto/emojivoto.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[12, true]]);
    expect(lines(r, 5)).toEqual([
      "namespace/emojivoto created",
      "serviceaccount/emoji created",
      "serviceaccount/voting created",
      "serviceaccount/web created",
      "deployment.apps/emoji created",
      "service/emoji-svc created",
      "deployment.apps/vote-bot created",
      "deployment.apps/voting created",
      "service/voting-svc created",
      "deployment.apps/web created",
      "service/web-svc created",
    ]);
    // The selector's `version` label is the pods' too; the ReplicaSet adds pod-template-hash.
    expect(lines(r, 8)).toEqual([
      "NAME                        READY   STATUS    RESTARTS   AGE   LABELS",
      "emoji-dd8b6c55f-k26m2       1/1     Running   0          30s   app=emoji-svc,pod-template-hash=dd8b6c55f,version=v11",
      "vote-bot-77b974776f-7wvlc   1/1     Running   0          30s   app=vote-bot,pod-template-hash=77b974776f,version=v11",
      "voting-f6c678f9d-sj7cd      1/1     Running   0          30s   app=voting-svc,pod-template-hash=f6c678f9d,version=v11",
      "web-9c8cf6546-ffmqk         1/1     Running   0          30s   app=web-svc,pod-template-hash=9c8cf6546,version=v11",
    ]);
    // The namespace's default ServiceAccount (serviceaccounts_controller.go) beside the file's
    // three; no token Secrets since 1.24 (LegacyServiceAccountTokenNoAutoGeneration).
    expect(lines(r, 9)).toEqual([
      "NAME      SECRETS   AGE",
      "default   0         60s",
      "emoji     0         60s",
      "voting    0         60s",
      "web       0         60s",
    ]);
    // 200 requests/s at 1m of CPU each through web-svc: 200m over one pod's 100m request at a
    // 70% target, ceil(200/70) = 3 (replica_calculator.go GetResourceReplicas).
    expect(lines(r, 13)).toEqual([
      "NAME   REFERENCE        TARGETS        MINPODS   MAXPODS   REPLICAS   AGE",
      "web    Deployment/web   cpu: 67%/70%   1         5         3          4m",
    ]);
    expect(lines(r, 14, 10, 16)).toEqual([
      "Deployment pods:                                       3 current / 3 desired",
      "Conditions:",
      "  Type            Status  Reason              Message",
      "  ----            ------  ------              -------",
      "  AbleToScale     True    ReadyForNewScale    recommended size matches current size",
      "  ScalingActive   True    ValidMetricFound    the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)",
    ]);
    expect(printed(r, 16)).toBe('deployment "web" successfully rolled out');
    expect(lines(r, 17)).toEqual([
      "NAME            DESIRED   CURRENT   READY   AGE",
      "web-9c8cf6546   0         0         0       6m",
      "web-ddbf64569   3         3         3       60s",
    ]);
    // restart.go: a TYPE without a NAME restarts each of the namespace's, in name order.
    expect(lines(r, 19)).toEqual([
      "deployment.apps/emoji restarted",
      "deployment.apps/vote-bot restarted",
      "deployment.apps/voting restarted",
      "deployment.apps/web restarted",
    ]);
  });
});

describe("Sock Shop: complete-demo.yaml, scaled and rolled", () => {
  it("schedules the fourteen Deployments on the beta OS label, waits out their 180 s readiness delay, and rolls orders", async () => {
    const r = await runFixture("test/fixtures/repos/sock-shop/sock-shop.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[12, true]]);
    // The Java services' readinessProbe initialDelaySeconds 180: not ready at 1m; the
    // databases and the queue have no probe.
    expect(lines(r, 7)).toEqual([
      "NAME           READY   UP-TO-DATE   AVAILABLE   AGE",
      "carts          0/1     1            0           60s",
      "carts-db       1/1     1            1           60s",
      "catalogue      0/1     1            0           60s",
      "catalogue-db   1/1     1            1           60s",
      "front-end      0/1     1            0           60s",
      "orders         0/1     1            0           60s",
      "orders-db      1/1     1            1           60s",
      "payment        0/1     1            0           60s",
      "queue-master   0/1     1            0           60s",
      "rabbitmq       1/1     1            1           60s",
      "session-db     1/1     1            1           60s",
      "shipping       0/1     1            0           60s",
      "user           0/1     1            0           60s",
      "user-db        1/1     1            1           60s",
    ]);
    // `nodeSelector: beta.kubernetes.io/os: linux` matches: the kubelet still sets the beta
    // labels (kubelet_node_status.go initialNode).
    expect(
      printed(r, 8)
        ?.split("\n")
        .filter((l) => !l.includes("Running")),
    ).toEqual([
      "NAME                            READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES",
    ]);
    expect(lines(r, 9)).toEqual([
      "NAME        TYPE       CLUSTER-IP       EXTERNAL-IP   PORT(S)        AGE",
      "front-end   NodePort   10.105.147.201   <none>        80:30001/TCP   4m",
    ]);
    expect(lines(r, 10, 10, 13)).toEqual([
      "Port:                     <unset>  80/TCP",
      "TargetPort:               8079/TCP",
      "NodePort:                 <unset>  30001/TCP",
    ]);
    // rollout_status.go DeploymentStatusViewer: the new pod is updated at once and waits 180 s
    // to be ready, the old one is removed after; each change of the Deployment prints a line.
    expect(printed(r, 14)).toBe(
      'Waiting for deployment "orders" rollout to finish: 1 old replicas are pending termination...',
    );
    expect(watched(r, 14)).toEqual([
      [663, 'Waiting for deployment "orders" rollout to finish: 1 old replicas are pending termination...'],
      [663, 'deployment "orders" successfully rolled out'],
    ]);
    expect(lines(r, 16)).toEqual([
      "NAME        READY   UP-TO-DATE   AVAILABLE   AGE",
      "front-end   3/3     3            3           12m",
      "orders      1/1     1            1           12m",
    ]);
    // describe.go describeContainerProbe and the emptyDir's medium; securityContext prints nothing.
    const describe = printed(r, 17)!.split("\n");
    expect(describe.filter((l) => /Readiness|Medium|Node-Selectors|tmp-volume \(/.test(l))).toEqual([
      "    Readiness:  http-get http://:80/health delay=180s timeout=1s period=3s #success=1 #failure=3",
      "      /tmp from tmp-volume (rw)",
      "    Medium:  Memory",
      "Node-Selectors:              beta.kubernetes.io/os=linux",
    ]);
  });
});

describe("WordPress and MySQL with persistent volumes: `kubectl apply -k ./`", () => {
  it("names the Secret by its content's hash, binds both claims, and keeps them Terminating while their pods are", async () => {
    const r = await runFixture("test/fixtures/repos/mysql-wordpress-pv/wordpress.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([
      [14, true],
      [15, true],
    ]);
    // The tutorial's own output: mysql-pass-c57bb4t7mf (kustomize's secretGenerator, hash of
    // the Secret's type, name and data: api/hasher); the Deployments' secretKeyRefs follow it.
    const built = printed(r, 6)!;
    expect(built.match(/name: mysql-pass\S*/g)).toEqual([
      "name: mysql-pass-c57bb4t7mf",
      "name: mysql-pass-c57bb4t7mf",
      "name: mysql-pass-c57bb4t7mf",
      "name: mysql-pass-c57bb4t7mf",
    ]);
    expect(lines(r, 7)).toEqual([
      "secret/mysql-pass-c57bb4t7mf created",
      "service/wordpress created",
      "service/wordpress-mysql created",
      "persistentvolumeclaim/mysql-pv-claim created",
      "persistentvolumeclaim/wp-pv-claim created",
      "deployment.apps/wordpress created",
      "deployment.apps/wordpress-mysql created",
    ]);
    expect(lines(r, 8)).toEqual([
      "NAME                    TYPE     DATA   AGE",
      "mysql-pass-c57bb4t7mf   Opaque   1      5s",
    ]);
    expect(lines(r, 9)?.map((l) => l.replace(/pvc-[0-9a-f-]{36}/, "pvc-…"))).toEqual([
      "NAME             STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE",
      "mysql-pv-claim   Bound    pvc-…   20Gi       RWO            standard       <unset>                 5s",
      "wp-pv-claim      Bound    pvc-…   20Gi       RWO            standard       <unset>                 5s",
    ]);
    // type: LoadBalancer with no cloud: EXTERNAL-IP <pending> and a node port, as on minikube.
    expect(lines(r, 11)?.[1]).toMatch(
      /^wordpress {3}LoadBalancer {3}10\.\d+\.\d+\.\d+ +<pending> {5}80:3\d{4}\/TCP {3}60s$/,
    );
    expect(lines(r, 12)).toEqual([
      "    Environment:",
      "      MYSQL_ROOT_PASSWORD:  <set to the key 'password' in secret 'mysql-pass-c57bb4t7mf'>  Optional: false",
      "      MYSQL_DATABASE:       wordpress",
      "      MYSQL_USER:           wordpress",
    ]);
    // strategy Recreate: the old pod goes before the new one is made.
    expect(watched(r, 17).map(([t, row]) => [t, row.replace(/ +/g, " ")])).toEqual([
      [121, "wordpress-5897f4bc76-rl9wq 0/1 Terminating 0 2m1s"],
      [121, "wordpress-74f4fb85b4-dng4s 0/1 ContainerCreating 0 0s"],
      [124, "wordpress-74f4fb85b4-dng4s 1/1 Running 0 3s"],
      [180, "wordpress-74f4fb85b4-dng4s 0/1 Terminating 0 59s"],
    ]);
    // The kubernetes.io/pvc-protection finalizer holds each claim while a pod uses it
    // (pkg/controller/volume/pvcprotection); then the volumes go with them (reclaim Delete).
    const teardown = printed(r, 19)!
      .split("\n")
      .map((l) => l.replace(/ +/g, " "));
    expect(teardown.filter((l) => l.startsWith("persistentvolumeclaim/") || l.startsWith("pod/"))).toEqual([
      "persistentvolumeclaim/mysql-pv-claim Terminating pvc-51214aa1-883c-44ff-ad02-0f5bd14dcc31 20Gi RWO standard <unset> 3m",
      "persistentvolumeclaim/wp-pv-claim Terminating pvc-684e4eda-a364-434e-8f25-10c632d4e86a 20Gi RWO standard <unset> 3m",
      "pod/wordpress-74f4fb85b4-dng4s 0/1 Terminating 0 59s",
      "pod/wordpress-mysql-676c8867c7-b44hl 0/1 Terminating 0 3m",
    ]);
    expect(printed(r, 20)).toBe("No resources found in default namespace.");
  });
});

describe("Argo Rollouts: install.yaml, the demo Rollout and an HPA on it", () => {
  it("stores the Rollout through its CRD, and the HPA reads its /scale but finds no selector", async () => {
    const r = await runFixture("test/fixtures/repos/argo-rollouts/rollouts.scn");
    // Found here: `expect hpa/rollouts-demo` warned RC4012 "is not created by this scenario"
    // for an HPA whose scaleTargetRef is neither a Deployment nor a StatefulSet.
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[19, true]]);
    expect(r.stored).toEqual([
      { kind: "CustomResourceDefinition", names: ["rollouts.argoproj.io"] },
      { kind: "Rollout", names: ["rollouts-demo"] },
    ]);
    // The CRD's additionalPrinterColumns; nothing writes the Rollout's status.
    expect(lines(r, 11)).toEqual([
      "NAME            DESIRED   CURRENT   UP-TO-DATE   AVAILABLE   AGE",
      "rollouts-demo   5         <none>    <none>       <none>      60s",
    ]);
    expect(printed(r, 12)).toBe('{"pause":{}}');
    // horizontal.go reconcileAutoscaler: the scale's spec.replicas is read (SucceededGetScale)
    // and the current replicas written, but validateAndParseSelector finds .status.selector
    // empty: SelectorRequired, ScalingActive False InvalidSelector, no desired size.
    expect(lines(r, 13)).toEqual([
      "NAME            REFERENCE               TARGETS              MINPODS   MAXPODS   REPLICAS   AGE",
      "rollouts-demo   Rollout/rollouts-demo   cpu: <unknown>/70%   5         10        5          60s",
    ]);
    expect(lines(r, 14, 10)).toEqual([
      "Rollout pods:                                          5 current / 0 desired",
      "Conditions:",
      "  Type           Status  Reason             Message",
      "  ----           ------  ------             -------",
      "  AbleToScale    True    SucceededGetScale  the HPA controller was able to get the target's current scale",
      "  ScalingActive  False   InvalidSelector    the HPA target's scale is missing a selector",
      "Events:",
      "  Type     Reason                        Age               From                       Message",
      "  ----     ------                        ----              ----                       -------",
      "  Warning  SelectorRequired              0s (x4 over 45s)  horizontal-pod-autoscaler  selector is required",
      "  Warning  FailedComputeMetricsReplicas  0s (x4 over 45s)  horizontal-pod-autoscaler  selector is required",
    ]);
    // kubectl scale goes through the CRD's /scale (specReplicasPath .spec.replicas).
    expect(printed(r, 15)).toBe("rollout.argoproj.io/rollouts-demo scaled");
    expect(lines(r, 16)?.[1]).toBe("rollouts-demo   6         <none>    <none>       <none>      2m");
  });

  it("a CRD without subresources.scale: FailedGetScale with the custom resource's NotFound", async () => {
    const host = nodeHost();
    const dir = "test/fixtures/repos/argo-rollouts";
    const withoutScale = host
      .readFile(`${dir}/install/install.yaml`)!
      .replace(/ {6}scale:\n(?: {8}.*\n){3}/, "");
    expect(withoutScale).not.toContain("specReplicasPath");
    const file = `${dir}/rollouts.scn`;
    const r = await runScenario(
      { text: host.readFile(file)!, file },
      {
        host: {
          ...host,
          readFile: (p: string) => (p.endsWith("install/install.yaml") ? withoutScale : host.readFile(p)),
        },
      },
    );
    // customresource_handler.go ServeHTTP answers /scale of a kind whose CRD declares none with
    // NotFound for the resource; horizontal.go records it as FailedGetScale, AbleToScale False.
    expect(lines(r, 14, 10)).toEqual([
      "Rollout pods:                                          0 current / 0 desired",
      "Conditions:",
      "  Type         Status  Reason          Message",
      "  ----         ------  ------          -------",
      '  AbleToScale  False   FailedGetScale  the HPA controller was unable to get the target\'s current scale: rollouts.argoproj.io "rollouts-demo" not found',
      "Events:",
      "  Type     Reason          Age               From                       Message",
      "  ----     ------          ----              ----                       -------",
      '  Warning  FailedGetScale  0s (x4 over 45s)  horizontal-pod-autoscaler  rollouts.argoproj.io "rollouts-demo" not found',
    ]);
    expect(printed(r, 15)).toBe(
      'Error from server (NotFound): rollouts.argoproj.io "rollouts-demo" not found',
    );
  });

  it("check knows an HPA on any kind for `expect hpa/NAME`, and still says which one is not made", () => {
    const text = [
      "manifest hpa = <<YAML",
      "apiVersion: autoscaling/v2",
      "kind: HorizontalPodAutoscaler",
      "metadata: {name: checkout}",
      "spec:",
      "  scaleTargetRef: {apiVersion: apps/v1, kind: ReplicaSet, name: checkout}",
      "  maxReplicas: 4",
      "YAML",
      "apply hpa",
      "expect hpa/checkout replicas 1 within 1m",
      "expect hpa/checkot replicas 1 within 1m",
      "",
    ].join("\n");
    const r = checkScenario({ text, file: "s.scn" }, {});
    expect(r.diagnostics.map((d) => [d.code, d.span.line, d.message])).toEqual([
      ["RC4012", 11, "hpa/checkot is not created by this scenario"],
    ]);
  });
});

describe("fluent-bit: a logging DaemonSet on three nodes, one going down", () => {
  it("keeps the DaemonSet's pod on the lost node and moves the Deployment's after the default 300 s", async () => {
    const r = await runFixture("test/fixtures/repos/fluent-bit/logging.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([
      [22, true],
      [25, true],
    ]);
    expect(r.stored).toEqual([
      { kind: "ClusterRole", names: ["fluent-bit-read"] },
      { kind: "ClusterRoleBinding", names: ["fluent-bit-read"] },
    ]);
    expect(lines(r, 15)).toEqual([
      "NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE",
      "fluent-bit   3         3         3       3            3           <none>          60s",
    ]);
    // node_lifecycle_controller.go: node-2 Unknown after the grace period, its pods marked not
    // Ready (MarkPodsNotReady: the DaemonSet counts 2 ready; the containers still say 1/1).
    expect(lines(r, 18)?.[2]).toBe("node-2   NotReady   <none>   3m    v1.28.0");
    expect(lines(r, 19)?.[1]).toBe(
      "fluent-bit   3         3         2       3            2           <none>          3m",
    );
    // The web pod there: evicted when its unreachable toleration (DefaultTolerationSeconds,
    // 300 s) runs out, Terminating for as long as the kubelet cannot confirm, replaced on node-3.
    // The fluent-bit pod tolerates every NoExecute taint (`operator: Exists`) and stays.
    expect(lines(r, 20)?.map((l) => l.replace(/ +/g, " "))).toEqual([
      "NAMESPACE NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE READINESS GATES",
      "default web-766486c5b6-hntf8 1/1 Terminating 0 8m 10.244.2.3 node-2 <none> <none>",
      "default web-766486c5b6-pkxjc 1/1 Running 0 8m 10.244.1.3 node-1 <none> <none>",
      "default web-766486c5b6-pp6xh 1/1 Running 0 20s 10.244.3.4 node-3 <none> <none>",
      "default web-766486c5b6-wtcjc 1/1 Running 0 8m 10.244.3.3 node-3 <none> <none>",
      "logging fluent-bit-hwvv7 1/1 Running 0 8m 10.244.1.2 node-1 <none> <none>",
      "logging fluent-bit-j8cm5 1/1 Running 0 8m 10.244.3.2 node-3 <none> <none>",
      "logging fluent-bit-klkvt 1/1 Running 0 8m 10.244.2.2 node-2 <none> <none>",
    ]);
    // The file's tolerations, then those the DaemonSet controller adds to every daemon pod
    // (pkg/controller/daemon/util AddOrUpdateDaemonPodTolerations); describe.go prints an
    // empty key as ":EFFECT op=Exists".
    expect(lines(r, 21, 0, 10)).toEqual([
      "Tolerations:                 node-role.kubernetes.io/master:NoSchedule op=Exists",
      "                             :NoExecute op=Exists",
      "                             :NoSchedule op=Exists",
      "                             node.kubernetes.io/not-ready:NoExecute op=Exists",
      "                             node.kubernetes.io/unreachable:NoExecute op=Exists",
      "                             node.kubernetes.io/disk-pressure:NoSchedule op=Exists",
      "                             node.kubernetes.io/memory-pressure:NoSchedule op=Exists",
      "                             node.kubernetes.io/pid-pressure:NoSchedule op=Exists",
      "                             node.kubernetes.io/unschedulable:NoSchedule op=Exists",
      "Events:",
    ]);
    expect(lines(r, 24)?.[1]).toBe(
      "fluent-bit   3         3         3       3            3           <none>          13m",
    );
  });
});

describe("Grafana panel exports as load: Grafana 6's series as rows, Grafana 9's Excel download", () => {
  it("replays one series, a picked one, their sum, and the joined export's sum", async () => {
    const r = await runFixture("test/fixtures/repos/grafana-exports/storefront.scn");
    // Found here: every row of both files refused ("cannot read `storefront-…` as a time",
    // "cannot read `Time` as a time"). Without `sum` or `column`, the first series, with RC4131.
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.file, d.span.line, d.message])).toEqual([
      [
        "RC4131",
        "warning",
        "test/fixtures/repos/grafana-exports/grafana6-rows.csv",
        2,
        'the file has 2 series (a row per point, Grafana\'s "Series as rows"); replaying the first, "storefront-7d9c8b6f5-abcde"',
      ],
    ]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[14, true]]);
    // Two pods' ~40 to ~115 requests/s each at 8m of CPU a request, over 500m requests at 60%.
    expect(lines(r, 15)).toEqual([
      "NAME         REFERENCE               TARGETS        MINPODS   MAXPODS   REPLICAS   AGE",
      "storefront   Deployment/storefront   cpu: 62%/60%   2         10        6          20m",
    ]);
    expect(lines(r, 17)?.[1]).toBe(
      "storefront   Deployment/storefront   cpu: 61%/60%   2         10        6          60m",
    );
  });
});

describe("the VPA's hamster example beside an HPA", () => {
  it("stores the VPA with its CRD's printer columns and no recommendation; the HPA scales alone", async () => {
    const r = await runFixture("test/fixtures/repos/vpa-hamster/hamster.scn");
    expect(r.diagnostics.map((d) => [d.code, d.file, d.span.line])).toEqual([
      ["RC4101", "test/fixtures/repos/vpa-hamster/hamster.yaml", 9],
    ]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[12, true]]);
    expect(r.stored).toEqual([{ kind: "VerticalPodAutoscaler", names: ["hamster-vpa"] }]);
    // vpa-v1-crd-gen.yaml's additionalPrinterColumns (types.go printcolumn markers): Mode is
    // the spec's, CPU, Mem and Provided the recommender's, which nothing here runs.
    expect(lines(r, 8)).toEqual([
      "NAME          MODE     CPU      MEM      PROVIDED   AGE",
      "hamster-vpa   <none>   <none>   <none>   <none>     30s",
    ]);
    expect(lines(r, 9, 13, 16)).toEqual([
      "    Container Policies:",
      "      Container Name:  *",
      "      Controlled Resources:",
    ]);
    // 520m in each pod over a 100m request at 50%: the HPA goes to its max of 6.
    expect(lines(r, 15)).toEqual([
      "NAME                                          REFERENCE            TARGETS         MINPODS   MAXPODS   REPLICAS   AGE",
      "horizontalpodautoscaler.autoscaling/hamster   Deployment/hamster   cpu: 520%/50%   2         6         6          5m",
      "",
      "NAME                                                   MODE   CPU      MEM      PROVIDED   AGE",
      "verticalpodautoscaler.autoscaling.k8s.io/hamster-vpa   Off    <none>   <none>   <none>     5m",
    ]);
  });
});

describe("an Argo Rollout without its CRD", () => {
  it("prints the columns of Argo's rollout-crd.yaml, as with the CRD installed", async () => {
    const text = [
      "manifest ro = <<YAML",
      "apiVersion: argoproj.io/v1alpha1",
      "kind: Rollout",
      "metadata: {name: checkout}",
      "spec:",
      "  replicas: 4",
      "  selector: {matchLabels: {app: checkout}}",
      "  template:",
      "    metadata: {labels: {app: checkout}}",
      "    spec: {containers: [{name: checkout, image: ghcr.io/example/checkout:2.0.0}]}",
      "YAML",
      "apply ro",
      "at 1m kubectl get ro",
      "",
    ].join("\n");
    const r = await runScenario({ text, file: "s.scn" }, {});
    expect(r.diagnostics.map((d) => d.code)).toEqual(["RC4101"]);
    expect(printed(r, 13)).toBe(
      [
        "NAME       DESIRED   CURRENT   UP-TO-DATE   AVAILABLE   AGE",
        "checkout   4         <none>    <none>       <none>      60s",
      ].join("\n"),
    );
  });
});

describe("`replicast check` of each repository's scenario", () => {
  it.each([
    ["emojivoto/emojivoto.scn", []],
    ["sock-shop/sock-shop.scn", []],
    ["mysql-wordpress-pv/wordpress.scn", []],
    ["argo-rollouts/rollouts.scn", []],
    ["fluent-bit/logging.scn", []],
    ["grafana-exports/storefront.scn", [["RC4131", "warning"]]],
    ["vpa-hamster/hamster.scn", [["RC4101", "warning"]]],
  ])("%s: the diagnostics the run gives, before it", (name, want) => {
    const file = `test/fixtures/repos/${name}`;
    const r = checkScenario({ text: nodeHost().readFile(file)!, file }, { host: nodeHost() });
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual(want);
  });
});

describe("a load or fault through an HPA on a kind the loads do not reach", () => {
  it("says what the HPA scales (RC4132), not that the scenario makes no such HPA", () => {
    const text = [
      "manifest hpa = <<YAML",
      "apiVersion: autoscaling/v2",
      "kind: HorizontalPodAutoscaler",
      "metadata: {name: checkout}",
      "spec:",
      "  scaleTargetRef: {apiVersion: argoproj.io/v1alpha1, kind: Rollout, name: checkout}",
      "  maxReplicas: 4",
      "YAML",
      "apply hpa",
      "at 1m load hpa/checkout cpu 300m",
      "at 1m fault scale-updates hpa/checkout for 1m",
      "",
    ].join("\n");
    const r = checkScenario({ text, file: "s.scn" }, {});
    expect(r.diagnostics.map((d) => [d.code, d.span.line, d.span.col, d.message])).toEqual([
      [
        "RC4132",
        10,
        12,
        "hpa/checkout scales Rollout/checkout, and a load reaches only the pods of a Deployment or StatefulSet",
      ],
      [
        "RC4132",
        11,
        27,
        "hpa/checkout scales Rollout/checkout, and a fault reaches only the pods of a Deployment or StatefulSet",
      ],
    ]);
  });
});
