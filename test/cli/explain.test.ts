/**
 * `replicast explain FILE TARGET`: the explanation of a run's HPA or Deployment decisions,
 * text or JSON, a moment (--at) or a stretch (--from/--to); unusable input is exit 2 with a
 * message that says what to write instead, never a stack trace.
 */
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { WEB_DEPLOYMENT_YAML } from "../fixtures/manifests.ts";
import { memoryIO } from "./io.ts";

const files = {
  "s/web.yaml": WEB_DEPLOYMENT_YAML,
  // 200% of one pod's request at a 50% target asks for 4 pods; the default legacy cap allows
  // max(2 × 1, 4) = 4 in one sync.
  "s/hpa.scn": [
    "at 0s apply web",
    "kubectl autoscale deployment web --cpu-percent=50 --min=1 --max=5",
    "at 1m load cpu 200%",
    "expect replicas 4 within 1m",
    "run for 3m",
    "",
  ].join("\n"),
  "s/broken.scn": "at 0s apply web\nset hpa.sync-perod = 15s\n",
};

async function run(argv: string[]) {
  const io = memoryIO(files);
  const code = await main(argv, io);
  return { code, out: io.stdoutText, err: io.stderrText };
}

describe("replicast explain", () => {
  it("explains the HPA's run: a block for the rescale, a line per run of quiet syncs", async () => {
    const r = await run(["explain", "s/hpa.scn", "hpa/web"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    const lines = r.out.split("\n");
    expect(lines[0]).toMatch(/^hpa\/web → Deployment\/web · 0s–4m · \d+ decisions$/);
    expect(r.out).toContain("scaled Deployment/web 1 → 4");
    expect(r.out).toContain(
      "event       Normal SuccessfulRescale: New size: 4; reason: cpu resource utilization (percentage of request) above target",
    );
    expect(lines.some((l) => /^ {2}\S+, \d+ syncs? at 4 replicas: /.test(l))).toBe(true);
  });

  it("--at explains the decision in effect then, in full, even when it changed nothing", async () => {
    const r = await run(["explain", "s/hpa.scn", "hpa/web", "--at", "2m"]);
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[0]).toBe("hpa/web → Deployment/web · at 2m · 1 decision");
    expect(r.out).toContain("  2m  kept Deployment/web at 4");
    expect(r.out).toContain("proposal    ");
  });

  it("--json prints the explanation as data, every entry with its numbers", async () => {
    const r = await run(["explain", "s/hpa.scn", "hpa/web", "--from", "1m", "--to", "2m", "--json"]);
    expect(r.code).toBe(0);
    const e = JSON.parse(r.out);
    expect(e).toMatchObject({ target: "hpa/web", about: "Deployment/web", from: 60, to: 120 });
    const step = e.entries.find((x: { kind: string }) => x.kind === "step");
    expect(step.numbers).toMatchObject({ currentReplicas: 1, desiredReplicas: 4 });
    expect(step.numbers.event).toMatch(/^New size: 4; reason: /);
  });

  it("explains a Deployment's rollout steps", async () => {
    const r = await run(["explain", "s/hpa.scn", "deploy/web"]);
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[0]).toMatch(/^deployment\/web · 0s–4m · \d+ decisions$/);
    expect(r.out).toMatch(/created ReplicaSet web-\w+ \(revision 1\) with 1 replica/);
    expect(r.out).toMatch(/grew ReplicaSet web-\w+ 1 → 4/);
  });

  const errors: { name: string; argv: string[]; err: string }[] = [
    {
      name: "a kind not explained, with a did-you-mean",
      argv: ["explain", "s/hpa.scn", "hap/web"],
      err: 'replicast explain: cannot explain "hap": the kinds explained are hpa/NAME, deployment/NAME, statefulset/NAME and pod/NAME (did you mean hpa?)\n',
    },
    {
      name: "a name the run does not have, with the choices",
      argv: ["explain", "s/hpa.scn", "hpa/wbe"],
      err: "replicast explain: no hpa/wbe in s/hpa.scn (did you mean hpa/web?): it has hpa/web\n",
    },
    {
      name: "a target without a kind",
      argv: ["explain", "s/hpa.scn", "web"],
      err: 'replicast explain: the target is KIND/NAME, e.g. hpa/NAME, deployment/NAME, statefulset/NAME or pod/NAME; got "web"\n',
    },
    {
      name: "a time that is not a duration",
      argv: ["explain", "s/hpa.scn", "hpa/web", "--at", "20"],
      err: 'replicast explain: --at wants a time such as 90s, 20m or 1h30m, not "20"\n',
    },
    {
      name: "--at with --from",
      argv: ["explain", "s/hpa.scn", "hpa/web", "--at", "1m", "--from", "30s"],
      err: "replicast explain: --at explains one moment; --from/--to a stretch: use one or the other\n",
    },
    {
      name: "--to before --from",
      argv: ["explain", "s/hpa.scn", "hpa/web", "--from", "2m", "--to", "1m"],
      err: "replicast explain: --to 1m is before --from 2m\n",
    },
    {
      name: "an unreadable file",
      argv: ["explain", "s/nope.scn", "hpa/web"],
      err: 'replicast: cannot read "s/nope.scn"\n',
    },
  ];
  it.each(errors)("exit 2: $name", async ({ argv, err }) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toBe(err);
    expect(r.out).toBe("");
  });

  it("exit 2 for a scenario that cannot run, after its diagnostics", async () => {
    const r = await run(["explain", "s/broken.scn", "hpa/web"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("s/broken.scn:2:5: error: unknown setting `hpa.sync-perod`");
    expect(r.err).toContain("replicast explain: s/broken.scn could not be run (see the errors above)\n");
  });

  it("a chart of an unknown format is refused before the run", async () => {
    const r = await run(["explain", "s/hpa.scn", "hpa/web", "--chart", "why.gif"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot tell the chart format of "why.gif"');
  });
});

describe("replicast run --chart-kind", () => {
  it("an unknown kind is refused with the kinds there are", async () => {
    const r = await run(["run", "s/hpa.scn", "--chart", "x.svg", "--chart-kind", "whyy"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'replicast: unknown chart kind "whyy": use dashboard, rollout, hpa, metric, load, requests, latency, why\n',
    );
  });
});
