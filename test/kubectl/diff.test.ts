/**
 * `kubectl diff -f` (kubectl/pkg/cmd/diff/diff.go): the live object against the API server's
 * dry-run of the apply, printed as `diff -u -N` prints kubectl's LIVE-NNN and MERGED-NNN
 * folders; exit status 0 (same), 1 (differences), 2 (an error: cmdutil.CheckDiffErr adds one).
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { unifiedHunks } from "../../src/kubectl/commands/unifiedDiff.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import { runScenario } from "../../src/scenario/index.ts";

const web = (image: string, replicas: number, extra = "") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
${extra}spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: ${image}
`;

const files: Record<string, string> = {
  "web.yaml": web("nginx:1.25", 2),
  "web2.yaml": web("nginx:1.27", 3),
  "labelled.yaml": web("nginx:1.27", 3, "  labels: {tier: front}\n"),
  "ns.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n",
  "bad.yaml": web("nginx:1.25", -1),
  "secret.yaml":
    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  user: YWRtaW4=\n  password: b2xk\n",
  "secret2.yaml":
    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  user: YWRtaW4=\n  password: bmV3\n  host: ZGI=\n",
};
const io = { readFile: (p: string) => files[p] };

function cluster(): Simulation {
  return new Simulation();
}

describe("kubectl diff", () => {
  it("a new object: an empty LIVE file against the dry-run create, exit 1, nothing created", () => {
    const s = cluster();
    const r = runKubectl("kubectl diff -f web.yaml", s, io);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    const [, live, , merged] =
      /^diff -u -N (\/tmp\/LIVE-\d+)\/(\S+) (\/tmp\/MERGED-\d+)\/\2$/.exec(lines[0]) ?? [];
    expect(live).toMatch(/^\/tmp\/LIVE-\d{1,10}$/);
    expect(merged).toMatch(/^\/tmp\/MERGED-\d{1,10}$/);
    // InfoObject.Name: group.version.Kind.namespace.name.
    expect(lines[0].endsWith("/apps.v1.Deployment.default.web")).toBe(true);
    // GNU diff's header: the file's modification time, nanoseconds and zone.
    expect(lines[1]).toBe(`--- ${live}/apps.v1.Deployment.default.web\t2024-01-01 00:00:00.000000000 +0000`);
    expect(lines[2]).toBe(
      `+++ ${merged}/apps.v1.Deployment.default.web\t2024-01-01 00:00:00.000000000 +0000`,
    );
    expect(lines[3]).toMatch(/^@@ -0,0 \+1,\d+ @@$/);
    const body = lines.slice(4, -1);
    expect(body.every((l) => l.startsWith("+"))).toBe(true);
    // The API server's defaults and create-time fields, without resourceVersion (nothing stored).
    expect(body).toContain("+  generation: 1");
    expect(body).toContain("+  progressDeadlineSeconds: 600");
    expect(body.some((l) => /^\+ {2}uid: [0-9a-f-]{36}$/.test(l))).toBe(true);
    expect(body.some((l) => l.includes("resourceVersion"))).toBe(false);
    // diff.go creates from the file's object: no last-applied annotation.
    expect(body.some((l) => l.includes("last-applied-configuration"))).toBe(false);
    expect(s.api.get("Deployment", "default", "web")).toBeUndefined();
  });

  it("unchanged: nothing printed, exit 0", () => {
    const s = cluster();
    expect(runKubectl("apply -f web.yaml", s, io).exitCode).toBe(0);
    s.runUntil(30);
    const r = runKubectl("diff -f web.yaml", s, io);
    expect(r).toMatchObject({ exitCode: 0, stdout: "", stderr: "" });
  });

  it("a changed spec: the merge of the apply, generation bumped in MERGED, live untouched", () => {
    const s = cluster();
    runKubectl("apply -f web.yaml", s, io);
    s.runUntil(30);
    const before = structuredClone(s.api.get("Deployment", "default", "web"));
    const r = runKubectl("diff -f web2.yaml", s, io);
    expect(r.exitCode).toBe(1);
    const hunks = r.stdout.split("\n").slice(3).join("\n");
    const lastApplied = before!.metadata.annotations!["kubectl.kubernetes.io/last-applied-configuration"];
    expect(hunks).toBe(
      [
        "@@ -6,7 +6,7 @@",
        // The live last-applied annotation is context, not a change (diff.go: annotate=false).
        "     kubectl.kubernetes.io/last-applied-configuration: |",
        `       ${lastApplied.trimEnd()}`,
        '   creationTimestamp: "2024-01-01T00:00:00Z"',
        "-  generation: 1",
        "+  generation: 2",
        "   name: web",
        "   namespace: default",
        `   resourceVersion: "${before!.metadata.resourceVersion}"`,
        "@@ -14,7 +14,7 @@",
        " spec:",
        "   minReadySeconds: 0",
        "   progressDeadlineSeconds: 600",
        "-  replicas: 2",
        "+  replicas: 3",
        "   revisionHistoryLimit: 10",
        "   selector:",
        "     matchLabels:",
        "@@ -30,7 +30,7 @@",
        "         app: web",
        "     spec:",
        "       containers:",
        "-      - image: nginx:1.25",
        "+      - image: nginx:1.27",
        "         imagePullPolicy: IfNotPresent",
        "         name: web",
        "         resources: {}",
        "",
      ].join("\n"),
    );
    // A dry run stores nothing: the live object, its resourceVersion and its ReplicaSets as they were.
    expect(s.api.get("Deployment", "default", "web")).toEqual(before);
    expect(s.api.list("ReplicaSet", "default")).toHaveLength(1);
  });

  it("names its folders from a seeded stream: the same line at the same instant, the same names", () => {
    const names = (at: number) => {
      const s = cluster();
      s.runUntil(at);
      return runKubectl("diff -f web.yaml", s, io).stdout.split("\n")[0];
    };
    expect(names(10)).toBe(names(10));
    expect(names(10)).not.toBe(names(20));
  });

  it("spends none of the run's randomness: later uids and names are the same with or without a diff", async () => {
    const uids = async (text: string) => {
      const r = await runScenario({ text, file: "d.scn" }, { host: memoryHost(files) });
      expect(r.diagnostics).toEqual([]);
      return r.output.filter((o) => o.command.startsWith("kubectl get")).map((o) => o.text);
    };
    const tail =
      "at 10s kubectl apply -f web.yaml\nat 20s kubectl get deploy,rs,pods -o jsonpath='{.items[*].metadata.uid}'\n";
    expect(await uids(`kubectl diff -f web.yaml\n${tail}`)).toEqual(await uids(tail));
  });

  it("a cluster-scoped object has an empty namespace in its file name", () => {
    const r = runKubectl("diff -f ns.yaml", cluster(), io);
    expect(r.stdout.split("\n")[0]).toMatch(/\/v1\.Namespace\.\.prod$/);
  });

  it("-l diffs only the objects of the files whose labels match", () => {
    const s = cluster();
    expect(runKubectl("diff -f web.yaml -l tier=front", s, io)).toMatchObject({ exitCode: 0, stdout: "" });
    expect(runKubectl("diff -f labelled.yaml -l tier=front", s, io).exitCode).toBe(1);
  });

  it("masks a Secret's data (diff.go Masker): *** where equal, *** (before)/(after) where changed", () => {
    const s = cluster();
    runKubectl("apply -f secret.yaml", s, io);
    const lines = runKubectl("diff -f secret2.yaml", s, io).stdout.split("\n");
    // One change: the old password out, then host and the new password in (removals first).
    // (Go's yaml quotes these with single quotes; the printer here uses double quotes.)
    expect(
      lines.filter((l) => /^[-+ ] {2}\w+: /.test(l) && l.includes("*")).map((l) => l.replace(/["']/g, "")),
    ).toEqual(["-  password: *** (before)", "+  host: ***", "+  password: *** (after)", "   user: ***"]);
    expect(lines.join("\n")).not.toContain("bmV3");
  });

  it("an error stops it before diff runs: the error alone, exit 2 (cmdutil.CheckDiffErr)", () => {
    const r = runKubectl("diff -f web.yaml -f bad.yaml", cluster(), io);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^The Deployment "web" is invalid: spec\.replicas: Invalid value: -1/);
    expect(runKubectl("diff -f missing.yaml", cluster(), io)).toMatchObject({
      exitCode: 2,
      stderr: 'error: the path "missing.yaml" does not exist\n',
    });
  });

  it("refuses what kubectl refuses and what is not modelled", () => {
    const messages = (line: string) => parseKubectl(line).diagnostics.map((d) => d.message);
    expect(messages("diff")).toEqual(["error: must specify one of -f and -k"]);
    expect(messages("diff -f a.yaml web")).toEqual(["error: Unexpected args: [web]"]);
    expect(messages("diff -f a.yaml --force-conflicts")).toEqual([
      "error: --force-conflicts only works with --server-side",
    ]);
    expect(messages("diff -f a.yaml --server-side")[0]).toMatch(/--server-side .* is not supported/);
    expect(messages("diff -f a.yaml --prune")[0]).toMatch(/--prune is not supported/);
  });

  it("as a scenario line: differences print without failing the run, an error fails it", async () => {
    const ok = await runScenario(
      { text: "kubectl apply -f web.yaml\nat 30s kubectl diff -f web2.yaml\n", file: "d.scn" },
      { host: memoryHost(files) },
    );
    expect(ok.failures).toEqual([]);
    expect(ok.output.at(-1)?.text).toMatch(
      /^diff -u -N \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web /,
    );
    const bad = await runScenario(
      { text: "kubectl diff -f bad.yaml\n", file: "d.scn" },
      { host: memoryHost(files) },
    );
    expect(bad.failures.map((f) => f.message)).toEqual([expect.stringMatching(/is invalid/)]);
  });
});

describe("kubectl diff -k", () => {
  it("diffs the kustomization's build, as apply -k would send it", async () => {
    const host = memoryHost({
      "k/kustomization.yaml": "resources:\n- web.yaml\nnamePrefix: dev-\n",
      "k/web.yaml": web("nginx:1.25", 2),
    });
    const r = await runScenario({ text: "kubectl diff -k k\n", file: "d.scn" }, { host });
    expect(r.failures).toEqual([]);
    expect(r.output[0].text.split("\n")[0]).toMatch(/\/apps\.v1\.Deployment\.default\.dev-web$/);
  });
});

describe("unifiedHunks (GNU diff -u)", () => {
  const text = (n: number, change: Record<number, string> = {}) =>
    Array.from({ length: n }, (_, i) => change[i + 1] ?? `line ${i + 1}`).join("\n") + "\n";

  it("joins changes at most 6 unchanged lines apart into one hunk, and splits those further apart", () => {
    expect(unifiedHunks(text(20), text(20, { 5: "x", 12: "y" })).match(/^@@.*$/gm)).toEqual([
      "@@ -2,14 +2,14 @@",
    ]);
    expect(unifiedHunks(text(20), text(20, { 5: "x", 13: "y" })).match(/^@@.*$/gm)).toEqual([
      "@@ -2,7 +2,7 @@",
      "@@ -10,7 +10,7 @@",
    ]);
  });

  it("numbers ranges as print_unidiff_number_range does: a count of 1 left out, an empty range after the line before", () => {
    expect(unifiedHunks("a\n", "b\n")).toBe("@@ -1 +1 @@\n-a\n+b\n");
    expect(unifiedHunks("", "a\nb\n")).toBe("@@ -0,0 +1,2 @@\n+a\n+b\n");
    expect(unifiedHunks("a\nb\n", "a\nb\n")).toBe("");
    // Removed lines before added ones within a change.
    expect(unifiedHunks("k\na\nb\n", "k\nc\nd\n")).toBe("@@ -1,3 +1,3 @@\n k\n-a\n-b\n+c\n+d\n");
  });
});
