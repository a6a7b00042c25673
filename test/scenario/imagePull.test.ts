/**
 * The Kubernetes docs' Deployment walk-through, "Rolling Back a Deployment"
 * (kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-back-a-deployment):
 * nginx-deployment at nginx:1.14.2, then `kubectl set image deployment/nginx-deployment
 * nginx=nginx:1.161`, a tag the registry does not have (`fault pull image nginx:1.161`). As the
 * docs show it: the new pod stuck in ImagePullBackOff, the rollout stalled within maxSurge and
 * maxUnavailable (3 old Ready, 1 new), `rollout status` waiting, ProgressDeadlineExceeded after
 * progressDeadlineSeconds (600 s, deployment/progress.go), then `kubectl rollout undo`. What the
 * kubelet does is pkg/kubelet/images/image_manager.go EnsureImageExists with its back-off and
 * kuberuntime_container.go startContainer's "Error: ..." events.
 */
import { describe, expect, it } from "vitest";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";

const run = (text: string) => runWith(defaultServices, text, "rollback.scn", { host: memoryHost({}) });
type Result = ReturnType<typeof run>;
const output = (r: Result, command: string, time: number) =>
  r.output.filter((o) => o.command === command && o.time === time).map((o) => o.text);
const podEvents = (r: Result, pod: string) =>
  r.trace!.events.filter((e) => e.involvedObject.kind === "Pod" && e.involvedObject.name === pod);

// The docs' controllers/nginx-deployment.yaml, as it is published.
const nginxDeployment = `manifest nginx = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
YAML
`;

describe("rolling back a Deployment stuck on an image that does not exist", () => {
  const r = run(`${nginxDeployment}at 0s fault pull image nginx:1.161
at 0s apply nginx
at 1m kubectl set image deployment/nginx-deployment nginx=nginx:1.161
at 1m30s kubectl rollout status deployment/nginx-deployment --timeout=5s
at 2m kubectl get rs
at 2m kubectl get pods
at 5m kubectl describe pods
at 12m kubectl get deployment nginx-deployment
at 12m kubectl describe deployment nginx-deployment
at 13m kubectl rollout undo deployment/nginx-deployment
at 14m kubectl get pods
at 14m kubectl get deployment nginx-deployment
run for 15m
`);
  const newPod = r
    .trace!.events.filter((e) => e.reason === "SuccessfulCreate")
    .map((e) => e.message.replace("Created pod: ", ""))[3];

  it("stalls the rollout: 3 old pods Ready, 1 new one in ImagePullBackOff", () => {
    const rs = output(r, "kubectl get rs", 120)[0].split("\n");
    expect(rs[1]).toMatch(/^nginx-deployment-\w+ +3 +3 +3 +2m$/);
    expect(rs[2]).toMatch(/^nginx-deployment-\w+ +1 +1 +0 +60s$/);
    const pods = output(r, "kubectl get pods", 120)[0];
    expect(pods).toMatch(new RegExp(`\\n${newPod} +0/1 +ImagePullBackOff +0 +60s(\\n|$)`));
    expect(output(r, "kubectl rollout status deployment/nginx-deployment --timeout=5s", 90)[0]).toBe(
      'Waiting for deployment "nginx-deployment" rollout to finish: 1 out of 3 new replicas have been updated...',
    );
  });

  it("records the kubelet's events: Pulling, Failed, Error: ErrImagePull, then BackOff and Error: ImagePullBackOff", () => {
    const events = podEvents(r, newPod).filter((e) => e.source === "kubelet");
    const first = events.slice(0, 6).map((e) => [e.time, e.type, e.reason, e.message]);
    // Started 2 s after its creation at 60 s (pod.startup); the registry answers NotFound at once.
    expect(first).toEqual([
      [62, "Normal", "Pulling", 'Pulling image "nginx:1.161"'],
      [
        62,
        "Warning",
        "Failed",
        'Failed to pull image "nginx:1.161": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.161": failed to resolve reference "docker.io/library/nginx:1.161": docker.io/library/nginx:1.161: not found',
      ],
      [62, "Warning", "Failed", "Error: ErrImagePull"],
      // 10 s later the 10 s back-off is over (now − lastUpdate < backoff is false): pull again.
      [72, "Normal", "Pulling", 'Pulling image "nginx:1.161"'],
      [
        72,
        "Warning",
        "Failed",
        expect.stringMatching(/^Failed to pull image "nginx:1\.161": rpc error: code = NotFound/),
      ],
      [72, "Warning", "Failed", "Error: ErrImagePull"],
    ]);
    expect(events.slice(6, 8).map((e) => [e.time, e.type, e.reason, e.message])).toEqual([
      [82, "Normal", "BackOff", 'Back-off pulling image "nginx:1.161"'],
      [82, "Warning", "Failed", "Error: ImagePullBackOff"],
    ]);
    // Pulls 10, 20, 40, 80, 160, 300 s apart (the image back-off) until the pod goes.
    const pulls = events.filter((e) => e.reason === "Pulling").map((e) => e.time);
    expect(pulls.slice(0, 7)).toEqual([62, 72, 92, 132, 212, 372, 672]);
    expect(events.some((e) => e.reason === "Started")).toBe(false);
  });

  it("describes the waiting container and the kubelet's events as kubectl describe pod does", () => {
    const text = output(r, "kubectl describe pods", 300)[0];
    // (The column is as wide as "Service Account:", which every admitted pod has.)
    const section = text.slice(text.indexOf(`Name:             ${newPod}`));
    expect(section).toMatch(/\n +State: +Waiting\n +Reason: +ImagePullBackOff\n +Ready: +False\n/);
    expect(section).toMatch(/\nStatus: +Pending\n/);
    // Pulls at 62, 72, 92, 132 and 212 s (five by 5m); back-off syncs every 10 s between them.
    // The kubelet's recorder writes 25 Events about one pod, then one every 300 s (client-go
    // events_cache.go: defaultSpamBurst, defaultSpamQPS): its writes ran out at 162 s (2m18s
    // ago), so the pull at 212 s is counted but not written, and the table stops there.
    expect(section).toMatch(
      /\n +Normal +Pulling +2m48s \(x4 over 3m58s\) +kubelet +Pulling image "nginx:1\.161"\n/,
    );
    expect(section).toMatch(/\n +Warning +Failed +2m48s \(x4 over 3m58s\) +kubelet +Error: ErrImagePull\n/);
    expect(section).toMatch(
      /\n +Normal +BackOff +2m18s \(x7 over 3m38s\) +kubelet +Back-off pulling image "nginx:1\.161"$/,
    );
  });

  it("reports ProgressDeadlineExceeded after progressDeadlineSeconds, and the undo brings 3 Ready pods back", () => {
    expect(output(r, "kubectl get deployment nginx-deployment", 720)[0]).toMatch(
      /\nnginx-deployment +3\/3 +1 +3 +12m$/,
    );
    expect(output(r, "kubectl describe deployment nginx-deployment", 720)[0]).toMatch(
      /\n {2}Progressing +False +ProgressDeadlineExceeded\n/,
    );
    expect(output(r, "kubectl rollout undo deployment/nginx-deployment", 780)[0]).toBe(
      "deployment.apps/nginx-deployment rolled back",
    );
    const pods = output(r, "kubectl get pods", 840)[0].split("\n").slice(1);
    expect(pods).toHaveLength(3);
    for (const p of pods) expect(p).toMatch(/ 1\/1 +Running +0 /);
    expect(output(r, "kubectl get deployment nginx-deployment", 840)[0]).toMatch(
      /\nnginx-deployment +3\/3 +3 +3 +14m$/,
    );
  });
});

describe("a pull fault that ends", () => {
  const r = run(`${nginxDeployment}at 0s fault pull image nginx:1.161 for 2m
at 0s apply nginx
at 10s kubectl set image deployment/nginx-deployment nginx=nginx:1.161
at 1m kubectl get pods
at 5m kubectl get pods
expect rollout complete within 6m
`);

  it("lets the next pull after the fault succeed, and the rollout completes", () => {
    expect(r.passed).toBe(true);
    expect(output(r, "kubectl get pods", 60)[0]).toMatch(/ 0\/1 +(ErrImagePull|ImagePullBackOff) +0 /);
    const pods = output(r, "kubectl get pods", 300)[0].split("\n").slice(1);
    expect(pods).toHaveLength(3);
    for (const p of pods) expect(p).toMatch(/ 1\/1 +Running +0 /);
    const pulled = r.trace!.events.filter(
      (e) => e.reason === "Pulled" && e.message.startsWith('Successfully pulled image "nginx:1.161"'),
    );
    // Pulls at 12, 22, 42, 82 s fail; the one at 162 s (after the 80 s back-off) is past 2m.
    expect(pulled[0].time).toBe(163);
  });
});
