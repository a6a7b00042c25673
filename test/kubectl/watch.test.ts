/**
 * `kubectl get -w` in every -o format, `--output-watch-events`, `--watch-only`, `get events -w`
 * and `kubectl events -w`, as a walk-through runs them: a Deployment of two nginx pods, a
 * watch started at 30 s, and `kubectl set image` at 40 s rolling it to nginx:1.26 (the usual
 * blog post: "run `kubectl get pods -w` in a second terminal while the rollout happens").
 *
 * The printers followed: kubectl/pkg/cmd/get/get.go watch() (the listing item by item, then
 * each watch event with the same printer, --output-watch-events wrapping each in a
 * metav1.WatchEvent), cli-runtime printers/tableprinter.go (EVENT column, formatEventType),
 * yaml.go (`---` between documents), json.go (a WatchEvent marshalled compact),
 * kubectl/pkg/cmd/get/customcolumn.go (the header once), kubectl/pkg/cmd/events/events.go
 * runWatch and event_printer.go (the header once, before the first event).
 */
import { describe, expect, it } from "vitest";
import { memoryHost } from "../../src/scenario/host.ts";
import { runScenario } from "../../src/scenario/index.ts";
import { eventChanges } from "../../src/kubectl/commands/events.ts";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { FakeCluster } from "./fakeCluster.ts";
import { formatWatchChange } from "../../src/kubectl/watch.ts";
import { deployment, replicaSetFor, runningPod } from "./fixtures.ts";

const rollout = (...lines: string[]) => `
apply <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.25"}]
YAML
${lines.join("\n")}
at 40s kubectl set image deployment/web nginx=nginx:1.26
`;

/** What one statement printed, in order: [seconds, text], a watch's later lines included. */
async function printed(command: string, ...more: string[]): Promise<[number, string][]> {
  const r = await runScenario(
    { text: rollout(`at 30s ${command}`, ...more), file: "watch.scn" },
    { host: memoryHost({}) },
  );
  expect(r.diagnostics).toEqual([]);
  return r.output.filter((o) => o.command === command).map((o) => [o.time, o.text]);
}

describe("kubectl get -w during a rollout", () => {
  it("-o wide: the table, then each change as a row with the wide columns", async () => {
    const out = await printed("kubectl get pods -w -o wide");
    expect(out[0]).toEqual([
      30,
      [
        "NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES",
        "web-68bf9f694d-fc6k6   1/1     Running   0          30s   10.244.1.2   node-1   <none>           <none>",
        "web-68bf9f694d-lxwfr   1/1     Running   0          30s   10.244.2.2   node-2   <none>           <none>",
      ].join("\n"),
    ]);
    // The new pod has no IP until it runs: <none>, in the columns the table was printed with.
    expect(out[1]).toEqual([
      40,
      "web-865f4cf4d9-lp6wm   0/1     ContainerCreating   0          0s    <none>       node-3   <none>           <none>",
    ]);
  });

  it("--output-watch-events: an EVENT column, the listing as ADDED, then every change with its type", async () => {
    const out = await printed("kubectl get pods -w --output-watch-events");
    expect(out.slice(0, 4)).toEqual([
      [
        30,
        [
          "EVENT      NAME                   READY   STATUS    RESTARTS   AGE",
          "ADDED      web-68bf9f694d-fc6k6   1/1     Running   0          30s",
          "ADDED      web-68bf9f694d-lxwfr   1/1     Running   0          30s",
        ].join("\n"),
      ],
      // Every event the watch delivers is printed, not one row per pod and instant.
      // The binding (Pending still: no container status yet), then the kubelet's first status,
      // as a real watch shows Pending, Pending, ContainerCreating.
      [40, "ADDED      web-865f4cf4d9-lp6wm   0/1     Pending   0          0s"],
      [40, "MODIFIED   web-865f4cf4d9-lp6wm   0/1     Pending   0          0s"],
      [40, "MODIFIED   web-865f4cf4d9-lp6wm   0/1     ContainerCreating   0          0s"],
    ]);
    // formatEventType pads DELETED to ADDED's and MODIFIED's width.
    expect(out.filter(([, t]) => t.startsWith("DELETED"))).toEqual([
      [44, "DELETED    web-68bf9f694d-fc6k6   0/1     Terminating         0          44s"],
      [47, "DELETED    web-68bf9f694d-lxwfr   0/1     Terminating         0          47s"],
    ]);
  });

  it("-o name: each object's name, then the name again at every change", async () => {
    const out = await printed("kubectl get pods -w -o name");
    expect(out[0]).toEqual([30, "pod/web-68bf9f694d-fc6k6\npod/web-68bf9f694d-lxwfr"]);
    expect(out.slice(1, 4)).toEqual([
      [40, "pod/web-865f4cf4d9-lp6wm"],
      [40, "pod/web-865f4cf4d9-lp6wm"],
      [40, "pod/web-865f4cf4d9-lp6wm"],
    ]);
  });

  it("-o yaml: one document per object, `---` before every document but the first", async () => {
    const out = await printed("kubectl get deploy web -w -o yaml");
    expect(out[0][1].startsWith("apiVersion: apps/v1\nkind: Deployment\n")).toBe(true);
    expect(out[0][1]).not.toContain("---");
    expect(out.length).toBeGreaterThan(2);
    for (const [, text] of out.slice(1))
      expect(text.startsWith("---\napiVersion: apps/v1\nkind: Deployment\n")).toBe(true);
    // The last document is the finished rollout's Deployment.
    expect(out.at(-1)![1]).toContain('deployment.kubernetes.io/revision: "2"');
  });

  it("-o yaml --output-watch-events: `object:` then `type:`, as yaml.Marshal sorts a WatchEvent's keys", async () => {
    const out = await printed("kubectl get deploy web -w -o yaml --output-watch-events");
    expect(out[0][1].split("\n").slice(0, 3)).toEqual([
      "object:",
      "  apiVersion: apps/v1",
      "  kind: Deployment",
    ]);
    expect(out[0][1].split("\n").at(-1)).toBe("type: ADDED");
    expect(out[1][1].split("\n")[0]).toBe("---");
    expect(out[1][1].split("\n").at(-1)).toBe("type: MODIFIED");
  });

  it("-o json --output-watch-events: each event on one line, compact, as json.Marshal writes a WatchEvent", async () => {
    const out = await printed("kubectl get deploy -w -o json --output-watch-events");
    for (const [, text] of out) expect(text.split("\n")).toHaveLength(1);
    expect(
      out[0][1].startsWith('{"type":"ADDED","object":{"apiVersion":"apps/v1","kind":"Deployment",'),
    ).toBe(true);
    const later = JSON.parse(out.at(-1)![1]) as {
      type: string;
      object: { status: { updatedReplicas: number } };
    };
    expect(later.type).toBe("MODIFIED");
    expect(later.object.status.updatedReplicas).toBe(2);
  });

  it("-o json: the objects indented, one after another (not a List)", async () => {
    const out = await printed("kubectl get deploy -w -o json");
    expect(out[0][1].startsWith('{\n    "apiVersion": "apps/v1",\n    "kind": "Deployment",')).toBe(true);
    expect(out[0][1]).not.toContain('"kind": "List"');
  });

  it("-o jsonpath: the template applied to each object, not to a list", async () => {
    const out = await printed(`kubectl get pods -w -o jsonpath='{.metadata.name}:{.status.phase}{"\\n"}'`);
    expect(out[0]).toEqual([30, "web-68bf9f694d-fc6k6:Running\nweb-68bf9f694d-lxwfr:Running"]);
    expect(out[1]).toEqual([40, "web-865f4cf4d9-lp6wm:Pending"]);
  });

  it("-o custom-columns: the header once, each change a row aligned to the columns printed", async () => {
    const out = await printed(
      "kubectl get deploy web -w -o custom-columns=NAME:.metadata.name,UPDATED:.status.updatedReplicas",
    );
    expect(out[0]).toEqual([30, "NAME   UPDATED\nweb    2"]);
    // The new template's status starts with no updatedReplicas (omitempty): `<none>`.
    expect(out.slice(1).map(([t, text]) => `${t} ${text}`)).toEqual([
      "40 web    2",
      "40 web    2",
      "40 web    2",
      "40 web    <none>",
      "40 web    1",
      "43 web    1",
      "43 web    2",
      "46 web    2",
      "46 web    2",
    ]);
  });

  it("--watch-only: nothing listed; the header comes with the first change", async () => {
    const out = await printed("kubectl get pods --watch-only");
    expect(out[0][0]).toBe(40);
    expect(out[0][1].split("\n")[0]).toMatch(/^NAME {3,}READY {3}STATUS {3,}RESTARTS {3}AGE$/);
    expect(out[0][1].split("\n")[1]).toMatch(/^web-865f4cf4d9-lp6wm {3}0\/1 {5}ContainerCreating/);
    // One header only.
    expect(out.slice(1).some(([, t]) => t.includes("STATUS"))).toBe(false);
  });

  it("a watch started before anything exists prints the header with its first row", async () => {
    const r = await runScenario(
      { text: `kubectl get deploy -w\n${rollout()}`, file: "watch.scn" },
      { host: memoryHost({}) },
    );
    const out = r.output.filter((o) => o.command === "kubectl get deploy -w").map((o) => o.text);
    expect(out[0].split("\n")[0]).toMatch(/^NAME {3}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE$/);
    expect(out.slice(1).some((t) => t.includes("READY"))).toBe(false);
  });

  it("| grep filters the watch's later lines too, as the shell's grep reads them as they come", async () => {
    const out = await printed("kubectl get pods -w | grep 865f");
    // Nothing of the first listing matches (the old pods), so it printed nothing.
    expect(out.map(([t, text]) => `${t} ${text}`)).toEqual([
      "40 web-865f4cf4d9-lp6wm   0/1     ContainerCreating   0          0s",
      "43 web-865f4cf4d9-lp6wm   1/1     Running             0          3s",
      "43 web-865f4cf4d9-fnvsn   0/1     ContainerCreating   0          0s",
      "46 web-865f4cf4d9-fnvsn   1/1     Running             0          3s",
    ]);
  });

  it("a pipeline reads the watch as a stream: head -n N stops after N lines in all, tail -n +2 drops only the header", async () => {
    const head = await printed("kubectl get pods -w | head -4");
    // The header and two pods of the first listing, then the first line of the rollout (the
    // new pod as it is created, Pending), then nothing.
    const words = (text: string) => text.split("\n").map((l) => l.split(/ +/).slice(0, 3).join(" "));
    expect(head.map(([t, text]) => [t, words(text)])).toEqual([
      [30, ["NAME READY STATUS", "web-68bf9f694d-fc6k6 1/1 Running", "web-68bf9f694d-lxwfr 1/1 Running"]],
      [40, ["web-865f4cf4d9-lp6wm 0/1 Pending"]],
    ]);
    const tail = await printed("kubectl get pods -w | tail -n +2");
    expect(words(tail[0][1])).toEqual([
      "web-68bf9f694d-fc6k6 1/1 Running",
      "web-68bf9f694d-lxwfr 1/1 Running",
    ]);
    // Every later row passes, as without the pipeline.
    const plain = await printed("kubectl get pods -w");
    expect(tail.slice(1)).toEqual(plain.slice(1));
    // wc prints when its input ends, which a watch's never does.
    expect(await printed("kubectl get pods -w | wc -l")).toEqual([]);
  });

  it("awk and cut pass each line of a watch as it comes (awk's NR counting on); sort never prints", async () => {
    const names = await printed("kubectl get pods -w | awk 'NR>1 {print $1}'");
    // The header is NR 1 of the first listing only. As without a pipeline, a run shows a
    // row that repeats the object's previous one once: lp6wm's Running row at 43s prints
    // the same name as its ContainerCreating row at 40s.
    expect(names).toEqual([
      [30, "web-68bf9f694d-fc6k6\nweb-68bf9f694d-lxwfr"],
      [40, "web-865f4cf4d9-lp6wm"],
      [43, "web-68bf9f694d-fc6k6"],
      [43, "web-865f4cf4d9-fnvsn"],
      [46, "web-68bf9f694d-lxwfr"],
    ]);
    expect((await printed("kubectl get pods -w | cut -c 1-4"))[0]).toEqual([30, "NAME\nweb-\nweb-"]);
    // sort prints when its input ends, which a watch's never does.
    expect(await printed("kubectl get pods -w | sort")).toEqual([]);
  });

  it("the watch gets only what it asked for: its namespace and its label selector", async () => {
    const other = `apply <<YAML
apiVersion: v1
kind: Pod
metadata: {name: other, namespace: kube-system, labels: {app: web}}
spec: {containers: [{name: c, image: busybox}]}
YAML`;
    const bySelector = await printed("kubectl get pods -w -l app=other", `at 35s ${other}`);
    expect(bySelector).toEqual([]);
    // The pod in kube-system carries app=web, but the watch is on the default namespace.
    const byNamespace = await printed("kubectl get pods -w -l app=web -o name", `at 35s ${other}`);
    expect(byNamespace.some(([, t]) => t.includes("other"))).toBe(false);
    expect(byNamespace.some(([, t]) => /^pod\/web-865f4cf4d9-\w{5}$/.test(t))).toBe(true);
    const all = await printed("kubectl get pods -w -A -o name", `at 35s ${other}`);
    expect(all.some(([t, text]) => t === 35 && text === "pod/other")).toBe(true);
  });

  it("with -l, a pod relabelled out of the selector is DELETED (as it was), relabelled in is ADDED", () => {
    // The watch cache filters the states before and after each change (apiserver
    // storage/cacher/cacher.go convertToWatchEvent): passes now but not before is ADDED, before
    // but not now is DELETED with the previous object, both is MODIFIED.
    const c = new FakeCluster();
    const rs = replicaSetFor(deployment("web", "nginx", 2), "5d9c", 2, 1);
    const a = c.put(runningPod("web-5d9c-aaaaa", rs, 0));
    const b = c.put(runningPod("web-5d9c-bbbbb", rs, 0));
    c.now = 60;
    const r = runKubectl("get pods -w -l app=web --output-watch-events -L app", c);
    expect(r.stdout.split("\n").map((l) => l.split(/ +/)[0])).toEqual(["EVENT", "ADDED", "ADDED", ""]);
    const relabel = (p: typeof a, app: string) => ({
      ...p,
      metadata: { ...p.metadata, labels: { ...p.metadata.labels, app } },
    });
    const change = (o: typeof a, type: "ADDED" | "MODIFIED" | "DELETED" = "MODIFIED") => {
      const text = formatWatchChange("Pod", o, c, r.watch, type).text;
      return text === ""
        ? ""
        : text
            .split(/ +/)
            .filter((w, i) => i !== 5)
            .join(" ")
            .trim();
    };
    // Out: DELETED, showing the labels it had (APP web); a change while out is not sent.
    expect(change(relabel(a, "debug"))).toBe("DELETED web-5d9c-aaaaa 1/1 Running 0 web");
    expect(change(relabel(a, "debug2"))).toBe("");
    // Back in: ADDED, then its changes are MODIFIED again.
    expect(change(relabel(a, "web"))).toBe("ADDED web-5d9c-aaaaa 1/1 Running 0 web");
    expect(change(relabel(a, "web"))).toBe("MODIFIED web-5d9c-aaaaa 1/1 Running 0 web");
    // Deleted while it passes: DELETED; a pod that never passed is not sent.
    expect(change(b, "DELETED")).toBe("DELETED web-5d9c-bbbbb 1/1 Running 0 web");
    expect(change(relabel(runningPod("web-5d9c-ccccc", rs, 0), "api"), "ADDED")).toBe("");
  });

  it("in a run: `kubectl label` that takes a pod out of the selector shows it DELETED, its replacement ADDED", async () => {
    const out = await printed(
      "kubectl get pods -w -l app=web --output-watch-events",
      "at 35s kubectl label pod web-68bf9f694d-fc6k6 app=debug --overwrite",
    );
    // The ReplicaSet no longer selects the relabelled pod and creates another.
    expect(out.filter(([t]) => t === 35).map(([, text]) => text.split(/ +/).slice(0, 4).join(" "))).toEqual([
      "DELETED web-68bf9f694d-fc6k6 1/1 Running",
      "ADDED web-68bf9f694d-jnlhk 0/1 Pending",
      "MODIFIED web-68bf9f694d-jnlhk 0/1 Pending",
      "MODIFIED web-68bf9f694d-jnlhk 0/1 ContainerCreating",
    ]);
  });

  it("--sort-by is ignored by a watch, with get.go's warning", async () => {
    const out = await printed("kubectl get pods -w --sort-by=.metadata.name");
    expect(out[0][1].split("\n")[0]).toBe(
      "warning: --watch or --watch-only requested, --sort-by will be ignored",
    );
  });
});

describe("watching events", () => {
  it("get events -w: the list, then a row for each event emitted after it, LAST SEEN from its emission", async () => {
    const out = await printed("kubectl get events -w");
    expect(out[0][1].split("\n")[0]).toMatch(/^LAST SEEN {3}TYPE {5}REASON {14}OBJECT {22}MESSAGE$/);
    expect(out[1]).toEqual([
      40,
      "0s          Normal   ScalingReplicaSet   deployment/web              Scaled up replica set web-865f4cf4d9 to 1",
    ]);
    expect(out[2]).toEqual([
      40,
      "0s          Normal   SuccessfulCreate    replicaset/web-865f4cf4d9   Created pod: web-865f4cf4d9-lp6wm",
    ]);
  });

  it("kubectl events -w: the existing events as the watch's ADDED (key order, not by time), then each new one", async () => {
    const out = await printed("kubectl events -w");
    const first = out[0][1].split("\n");
    expect(first[0]).toMatch(/^LAST SEEN {3}TYPE {5}REASON {6}OBJECT {21}MESSAGE$/);
    // Pod events sort before the ReplicaSet's and the Deployment's (by object name, then time).
    expect(first[1]).toMatch(/Scheduled {3}Pod\/web-68bf9f694d-fc6k6/);
    expect(first.at(-1)).toMatch(/ScalingReplicaSet {3}Deployment\/web/);
    expect(out[1]).toEqual([
      40,
      "0s          Normal   ScalingReplicaSet   Deployment/web              Scaled up replica set web-865f4cf4d9 to 1",
    ]);
  });

  it("kubectl events -w --types=Warning prints nothing while there is no warning, not even a header", async () => {
    const out = await printed("kubectl events -w --types=Warning");
    expect(out).toEqual([]);
  });

  it("a repeated event is the same Event, MODIFIED with its count; get events -w --output-watch-events shows it", () => {
    // client-go's EventCorrelator: a repeat (same source, object, type, reason, message) patches the Event.
    const c = new FakeCluster();
    c.put(deployment("web", "nginx", 1));
    const failed = {
      type: "Warning" as const,
      reason: "FailedGetResourceMetric",
      message: "failed to get cpu utilization",
      involvedObject: { kind: "HorizontalPodAutoscaler", namespace: "default", name: "web" },
      source: "horizontal-pod-autoscaler",
    };
    const r = runKubectl("get events -w --output-watch-events", c);
    expect(r.stdout).toBe("");
    c.events.push({ ...failed, time: 15 });
    c.events.push({ ...failed, time: 30 });
    const changes = eventChanges(c, 0);
    expect(
      changes.map((ch) => [ch.type, ch.event.agg.count, ch.event.name === changes[0].event.name]),
    ).toEqual([
      ["ADDED", 1, true],
      ["MODIFIED", 2, true],
    ]);
    expect(r.eventWatch?.lines()).toEqual([
      {
        time: 15,
        afterEvents: 1,
        text:
          "EVENT      LAST SEEN   TYPE      REASON                    OBJECT                        MESSAGE\n" +
          "ADDED      0s          Warning   FailedGetResourceMetric   horizontalpodautoscaler/web   failed to get cpu utilization\n",
      },
      {
        time: 30,
        afterEvents: 2,
        text: "MODIFIED   0s          Warning   FailedGetResourceMetric   horizontalpodautoscaler/web   failed to get cpu utilization\n",
      },
    ]);
  });

  it("an Event gone with its TTL: get events -w prints it as DELETED, kubectl events -w prints nothing", () => {
    // The API server stores each Event with an etcd lease of --event-ttl (1 h) from its last
    // write (registry/core/event/storage TTLFunc); when it runs out the watch cache sends
    // DELETED with the Event as last written. get.go watch() prints every watch event with the
    // same printer; events.go runWatch skips DELETED ("events are deleted after 1 hour; don't
    // print that").
    const c = new FakeCluster();
    c.put(deployment("web", "nginx", 1));
    const failed = {
      type: "Warning" as const,
      reason: "FailedGetResourceMetric",
      message: "failed to get cpu utilization",
      involvedObject: { kind: "HorizontalPodAutoscaler", namespace: "default", name: "web" },
      source: "horizontal-pod-autoscaler",
    };
    c.events.push({ ...failed, time: 15 });
    c.now = 100;
    const get = runKubectl("get events -w --output-watch-events", c);
    const yaml = runKubectl("get events -w --watch-only -o yaml", c);
    const events = runKubectl("events -w", c);
    c.events.push({ ...failed, time: 1000 });
    c.now = 7200;
    expect(get.eventWatch?.lines()).toEqual([
      {
        time: 1000,
        afterEvents: 2,
        text: "MODIFIED   0s          Warning   FailedGetResourceMetric   horizontalpodautoscaler/web   failed to get cpu utilization\n",
      },
      {
        // An hour after its last write (1000 s), the count it had then.
        time: 4600,
        afterEvents: 2,
        text: "DELETED    60m         Warning   FailedGetResourceMetric   horizontalpodautoscaler/web   failed to get cpu utilization\n",
      },
    ]);
    const docs = yaml.eventWatch?.lines() ?? [];
    expect(docs.map((l) => [l.time, /^count: 2$/m.test(l.text)])).toEqual([
      [1000, true],
      [4600, true],
    ]);
    expect(events.eventWatch?.lines().map((l) => l.time)).toEqual([1000]);
  });

  it("an Event that expired before the watch began is not deleted again; one written again after its TTL is ADDED anew", () => {
    const c = new FakeCluster();
    const pulled = {
      type: "Normal" as const,
      reason: "Pulled",
      message: "Container image already present on machine",
      involvedObject: { kind: "Pod", namespace: "default", name: "web-1" },
      source: "kubelet",
    };
    c.events.push({ ...pulled, time: 0 });
    c.now = 4000;
    const get = runKubectl("get events -w --watch-only --output-watch-events", c);
    c.events.push({ ...pulled, time: 5000 });
    c.now = 9000;
    expect(
      get.eventWatch?.lines().map((l) => [l.time, l.text.trimEnd().split("\n").at(-1)?.split(" ")[0]]),
    ).toEqual([
      [5000, "ADDED"],
      [8600, "DELETED"],
    ]);
  });

  it("several types cannot be watched: the resource builder's error, before anything is asked", () => {
    // get.go watch() builds with SingleResourceType(); builder.go resourceMappings refuses a
    // second type word, and `all` expands to several.
    for (const line of ["get pods,svc -w", "get deploy,rs --watch-only", "get all -w"])
      expect(parseKubectl(line).diagnostics).toMatchObject([
        { message: "error: you may only specify a single resource type", col: 5 },
      ]);
    expect(parseKubectl("get pods,svc").diagnostics).toEqual([]);
  });

  it("several names print, then the watch fails: resource.Result.Watch takes one source", () => {
    const c = new FakeCluster();
    c.put(deployment("web", "nginx", 1));
    c.put(deployment("api", "nginx", 1));
    const r = runKubectl("get deploy web api -w", c);
    expect(r.exitCode).toBe(1);
    expect(r.stdout.split("\n").map((l) => l.split(" ")[0])).toEqual(["NAME", "web", "api", ""]);
    expect(r.stderr).toBe("error: you may only watch a single resource or type of resource at a time\n");
    expect(r.watch).toBeUndefined();
  });
});
