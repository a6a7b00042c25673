/**
 * Pods that reference a Secret or ConfigMap that does not exist, as a v1.28 kubelet runs them:
 * - a secret/configMap/projected volume: the volume manager's SetUp fails (pkg/volume/secret/
 *   secret.go SetUpAt, configmap.go, projected.go collectData), Warning FailedMount
 *   "MountVolume.SetUp failed for volume ..." (operationexecutor/operation_generator.go),
 *   retried on exponentialbackoff's 500 ms doubling to 2m2s; the pod stays ContainerCreating
 *   until the pod worker's sync (volume_manager.go WaitForAttachAndMount, 2m3s, then the pod
 *   worker's 10 s back-off) finds the volume mounted;
 * - an env secretKeyRef/configMapKeyRef/envFrom: kubelet_pods.go makeEnvironmentVariables
 *   fails, startContainer records Warning Failed "Error: ..." and the container waits in
 *   CreateContainerConfigError, retried at every pod sync.
 */
import { describe, expect, it } from "vitest";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";

const run = (text: string) => runWith(defaultServices, text, "missing.scn", { host: memoryHost({}) });
type Result = ReturnType<typeof run>;
const output = (r: Result, command: string, time: number) =>
  r.output.filter((o) => o.command === command && o.time === time).map((o) => o.text)[0] ?? "";
const podEvents = (r: Result, reason: string) =>
  r.trace!.events.filter((e) => e.involvedObject.kind === "Pod" && e.reason === reason);

const pod = (name: string, spec: string) => `manifest ${name} = <<YAML
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${spec}
YAML
`;

const webhook = pod(
  "webhook",
  `  containers:
  - name: webhook
    image: nginx:1.25
    volumeMounts:
    - { name: cert, mountPath: /cert }
  volumes:
  - name: cert
    secret: { secretName: webhook-cert }`,
);

describe("a volume of a Secret that does not exist", () => {
  const r = run(`${webhook}at 0s apply webhook
at 30s kubectl get pods
at 115s kubectl describe pod webhook
at 2m kubectl create secret generic webhook-cert --from-literal=tls.crt=x
at 2m10s kubectl get pods
at 2m20s kubectl get pods
run for 3m
`);

  it("keeps the pod ContainerCreating, then Running once a later sync finds the Secret mounted", () => {
    expect(output(r, "kubectl get pods", 30)).toBe(
      "NAME      READY   STATUS              RESTARTS   AGE\nwebhook   0/1     ContainerCreating   0          30s",
    );
    expect(output(r, "kubectl get pods", 130)).toMatch(/\nwebhook +0\/1 +ContainerCreating +0 +2m10s$/);
    expect(output(r, "kubectl get pods", 140)).toMatch(/\nwebhook +1\/1 +Running +0 +2m20s$/);
  });

  it("records FailedMount at each attempt of the 0.5 s..2m2s back-off, and starts at the next sync (133 s)", () => {
    const failed = podEvents(r, "FailedMount");
    expect(failed.map((e) => e.message)).toEqual(
      Array(failed.length).fill(
        'MountVolume.SetUp failed for volume "cert" : secret "webhook-cert" not found',
      ),
    );
    expect(failed.every((e) => e.type === "Warning" && e.source === "kubelet")).toBe(true);
    // Attempts at 0, 0.5, 1.5, 3.5 ... 63.5; the one at 127.5 finds the Secret created at 120.
    const times = r.trace!.events.filter((e) => e.reason === "FailedMount").map((e) => e.time);
    expect(times).toEqual([0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5, 63.5]);
    // The first sync waited until 123 s; the next, 10 s later, starts the container after pod.startup.
    const started = podEvents(r, "Started")[0];
    expect(started.time).toBeGreaterThanOrEqual(133);
    expect(started.time).toBeLessThan(140);
  });

  it("shows the events in describe as kubectl aggregates them, and no IP before the sandbox", () => {
    const describe = output(r, "kubectl describe pod webhook", 115);
    expect(describe).toContain("\nStatus:           Pending\n");
    expect(describe).toContain("\nIP:               \nIPs:              <none>\n");
    expect(describe).toContain("    State:          Waiting\n      Reason:       ContainerCreating\n");
    expect(describe).toMatch(
      /\n {2}Warning {2}FailedMount {2}51s \(x8 over 115s\) {2}kubelet +MountVolume\.SetUp failed for volume "cert" : secret "webhook-cert" not found$/,
    );
  });
});

describe("volume sources that are optional, or mounted while the first sync waits", () => {
  it("starts a pod whose missing Secret is optional, as if it were there", () => {
    const r = run(`${pod(
      "opt",
      `  containers:
  - { name: app, image: nginx:1.25 }
  volumes:
  - name: cert
    secret: { secretName: absent, optional: true }
  - name: conf
    configMap: { name: absent, optional: true }`,
    )}at 0s apply opt
at 10s kubectl get pods
run for 10s
`);
    expect(output(r, "kubectl get pods", 10)).toMatch(/\nopt +1\/1 +Running +0 +10s$/);
    expect(podEvents(r, "FailedMount")).toEqual([]);
  });

  it("starts at the attempt that mounts when the first sync is still waiting (ConfigMap at 20 s, attempt at 31.5 s)", () => {
    const r = run(`${pod(
      "app",
      `  containers:
  - { name: app, image: nginx:1.25 }
  volumes:
  - name: conf
    configMap: { name: app-config }`,
    )}at 0s apply app
at 20s kubectl create configmap app-config --from-literal=a=b
run for 1m
`);
    const failed = podEvents(r, "FailedMount");
    expect(failed.map((e) => e.message)[0]).toBe(
      'MountVolume.SetUp failed for volume "conf" : configmap "app-config" not found',
    );
    expect(failed.map((e) => e.time)).toEqual([0, 0.5, 1.5, 3.5, 7.5, 15.5]);
    const created = podEvents(r, "Created")[0];
    expect(created.time).toBeGreaterThanOrEqual(31.5);
    expect(created.time).toBeLessThan(40);
  });

  it("fails a projected volume with every missing source, aggregated as [a, b]", () => {
    const r = run(`${pod(
      "proj",
      `  containers:
  - { name: app, image: nginx:1.25 }
  volumes:
  - name: all
    projected:
      sources:
      - secret: { name: s1 }
      - configMap: { name: c1 }`,
    )}at 0s apply proj
run for 5s
`);
    expect(podEvents(r, "FailedMount")[0].message).toBe(
      'MountVolume.SetUp failed for volume "all" : [secret "s1" not found, configmap "c1" not found]',
    );
  });
});

describe("env from a Secret that does not exist", () => {
  const app = pod(
    "api",
    `  containers:
  - name: api
    image: nginx:1.25
    env:
    - name: TOKEN
      valueFrom:
        secretKeyRef: { name: api-token, key: token }`,
  );
  const r = run(`${app}at 0s apply api
at 30s kubectl get pods
at 30s kubectl describe pod api
at 40s kubectl create secret generic api-token --from-literal=other=x
at 1m kubectl describe pod api
at 1m10s kubectl create secret generic api-token2 --from-literal=x=y
run for 1m10s
`);

  it("waits in CreateContainerConfigError with the kubelet's error, retried every pod sync (10 s)", () => {
    expect(output(r, "kubectl get pods", 30)).toBe(
      "NAME   READY   STATUS                       RESTARTS   AGE\napi    0/1     CreateContainerConfigError   0          30s",
    );
    const failed = podEvents(r, "Failed");
    expect(failed[0].message).toBe('Error: secret "api-token" not found');
    expect(failed[0].type).toBe("Warning");
    const times = failed.map((e) => e.time);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBe(10);
    const describe = output(r, "kubectl describe pod api", 30);
    expect(describe).toContain(
      "    State:          Waiting\n      Reason:       CreateContainerConfigError\n",
    );
  });

  it("names the missing key once the Secret exists without it", () => {
    const messages = podEvents(r, "Failed").map((e) => e.message);
    expect(messages).toContain("Error: couldn't find key token in Secret default/api-token");
    expect(output(r, "kubectl describe pod api", 60)).toMatch(
      /Warning +Failed +\S+ \(x\d+ over \S+\) +kubelet +Error: couldn't find key token in Secret default\/api-token$/,
    );
  });
});

describe("env that becomes satisfiable", () => {
  it("starts the container at the first sync after the ConfigMap is created (envFrom)", () => {
    const r = run(`${pod(
      "web",
      `  containers:
  - name: web
    image: nginx:1.25
    envFrom:
    - configMapRef: { name: web-env }`,
    )}at 0s apply web
at 25s kubectl create configmap web-env --from-literal=A=1
at 40s kubectl get pods
run for 40s
`);
    expect(podEvents(r, "Failed")[0].message).toBe('Error: configmap "web-env" not found');
    expect(output(r, "kubectl get pods", 40)).toMatch(/\nweb +1\/1 +Running +0 +40s$/);
    const last = podEvents(r, "Failed").at(-1)!.time;
    expect(podEvents(r, "Started")[0].time).toBe(last + 10);
  });

  it("starts a container whose missing key is optional", () => {
    const r = run(`${pod(
      "opt",
      `  containers:
  - name: app
    image: nginx:1.25
    env:
    - name: A
      valueFrom:
        configMapKeyRef: { name: absent, key: a, optional: true }`,
    )}at 0s apply opt
at 10s kubectl get pods
run for 10s
`);
    expect(output(r, "kubectl get pods", 10)).toMatch(/\nopt +1\/1 +Running +0 +10s$/);
  });
});

describe("an init container's env from a ConfigMap that does not exist", () => {
  it("keeps the pod in Init:CreateContainerConfigError until the ConfigMap exists", () => {
    const r = run(`${pod(
      "migrate",
      `  initContainers:
  - name: migrate
    image: busybox:1.36
    command: ["sh", "-c", "sleep 1"]
    env:
    - name: DB_URL
      valueFrom:
        configMapKeyRef: { name: db, key: url }
  containers:
  - { name: app, image: nginx:1.25 }`,
    )}at 0s apply migrate
at 30s kubectl get pods
at 35s kubectl create configmap db --from-literal=url=postgres://db
at 1m kubectl get pods
run for 1m
`);
    expect(output(r, "kubectl get pods", 30)).toMatch(
      /\nmigrate +0\/1 +Init:CreateContainerConfigError +0 +30s$/,
    );
    expect(podEvents(r, "Failed")[0].message).toBe('Error: configmap "db" not found');
    expect(output(r, "kubectl get pods", 60)).toMatch(/\nmigrate +1\/1 +Running +0 +60s$/);
  });
});

describe("a kubelet back up after its node was down", () => {
  it("mounts again before it starts the pod: still ContainerCreating while the Secret is missing", () => {
    const r = run(`nodes 1 with cpu 4 memory 16Gi
${webhook}at 0s apply webhook
at 10s fault node node-1 down for 1m
at 1m30s kubectl get pods
run for 1m30s
`);
    expect(r.trace!.events.find((e) => e.reason === "Scheduled")!.message).toMatch(/ to node-1$/);
    expect(output(r, "kubectl get pods", 90)).toMatch(/\nwebhook +0\/1 +ContainerCreating +0 +90s$/);
    // The attempts before the node went down, and the volume manager's first attempt after.
    const times = podEvents(r, "FailedMount").map((e) => e.time);
    expect(times.slice(0, 5)).toEqual([0, 0.5, 1.5, 3.5, 7.5]);
    expect(times).toContain(70);
    expect(times.filter((t) => t > 7.5 && t < 70)).toEqual([]);
  });
});
