// `replicast check` plans for the diagnostics alone (PlanOptions.diagnosticsOnly): no actions
// or expectations are kept, and the checks that read them (pools, nodes, watched and expected
// targets the scenario never creates, the run's end, the duration limit) work from what was
// gathered as each statement was planned. Its result must be the full check's, diagnostic for
// diagnostic, on every scenario of the repository and on seeded mutations of a file that
// reaches each of those checks.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkWith, type CheckResult } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import { nodeHost } from "../../src/scenario/nodeHost.ts";
import type { FileHost } from "../../src/scenario/host.ts";
import { mulberry32 } from "../../src/engine/rng.ts";
import { scenarioCorpus } from "../dsl/corpus.ts";

/** Both checks of `text`: the full one (with its plan) and the diagnostics-only one. */
function bothChecks(text: string, file: string, host: FileHost): { full: CheckResult; only: CheckResult } {
  return {
    full: checkWith(defaultServices, text, file, { host }),
    only: checkWith(defaultServices, text, file, { host, diagnosticsOnly: true }),
  };
}

function expectSame(text: string, file: string, host: FileHost): CheckResult {
  const { full, only } = bothChecks(text, file, host);
  expect(only.plan).toBeUndefined();
  expect(only.ok).toBe(full.ok);
  expect(JSON.stringify(only.diagnostics)).toBe(JSON.stringify(full.diagnostics));
  return full;
}

// Reaches every check after the statements: a pool and its autoscaling, a fault on a node, an
// expectation naming a pool, a watch and an explain, an expectation of an object no statement
// creates (a warning when nothing failed), kubectl lines that run for a while, load steps and
// a `run` that mutations move before later actions or past the duration limit.
const valid = `scenario "diagnostics only"
manifest web = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: app, image: "app:1", resources: {requests: {cpu: 100m}}}
YAML
set limits.duration = 2h
nodes 3 with cpu 4 memory 8Gi named pool
autoscale nodes pool from 1 to 5
at 0s apply web
kubectl autoscale deployment web --cpu-percent=60 --min=1 --max=10
watch deployment/web
at 60s load cpu 180%; expect replicas 3 within 2m
expect nodes pool >= 1 within 5m
expect nodes other >= 1 within 5m
expect deployment/ghost replicas >= 1 within 1m
after 30s
load cpu steps 50% 100% 150% every 1m
kubectl rollout status deployment/web --timeout=90s
fault node pool-1 down for 2m
expect unserved <= 10% always
explain hpa/web at 5m
kubectl get hpa web
expect hpa desired <= 10 always
run until 20m
`;

const vocabulary = ["ghost", "pool", "other", "web", "45m", "3h", "1", "-w", "hpa/ghost"];

describe("a diagnostics-only check", () => {
  it("gives the full check's result on every scenario of the repository", () => {
    const host = nodeHost();
    const files = scenarioCorpus({ bench: true });
    expect(files.length).toBeGreaterThan(300);
    let usable = 0;
    for (const file of files) if (expectSame(readFileSync(file, "utf8"), file, host).ok) usable++;
    // Most are usable scenarios, whose full check has a plan the other leaves out.
    expect(usable).toBeGreaterThan(200);
  });

  it("gives the full check's result on the file that reaches every check, and on mutations of it", () => {
    const host = memoryHost({});
    const base = expectSame(valid, "s.scn", host);
    // The pool no statement declares, the Deployment none creates, a % of unserved CPU: warnings only.
    expect(base.ok).toBe(true);
    expect(base.diagnostics.map((d) => d.code)).toEqual(["RC4041", "RC4012", "RC4024"]);
    const rng = mulberry32(11);
    const random = (): number => rng.next();
    const lines = valid.split("\n");
    const warned = new Set<string>();
    // One variant for each check that a random edit reaches only now and then.
    const variants = [
      valid.replace("nodes 3 with cpu 4 memory 8Gi named pool\n", ""),
      valid.replace("run until 20m", "run until 1m"),
      valid.replace("set limits.duration = 2h", "set limits.duration = 10m"),
    ];
    for (const text of variants)
      for (const d of expectSame(text, "s.scn", host).diagnostics) warned.add(d.code);
    for (let n = 0; n < 400; n++) {
      const edited = [...lines];
      for (let e = 0, edits = 1 + Math.floor(random() * 3); e < edits; e++) {
        // Lines after the heredoc only, so most mutations still load the manifest.
        const at = 16 + Math.floor(random() * (edited.length - 17));
        const kind = random();
        if (kind < 0.3) edited.splice(at, 1);
        else if (kind < 0.6) edited.splice(16 + Math.floor(random() * (edited.length - 17)), 0, edited[at]);
        else {
          const words = edited[at].split(" ");
          words[Math.floor(random() * words.length)] = vocabulary[Math.floor(random() * vocabulary.length)];
          edited[at] = words.join(" ");
        }
      }
      for (const d of expectSame(edited.join("\n"), "s.scn", host).diagnostics) warned.add(d.code);
    }
    // The mutations reached the checks that read the gathered actions and expectations.
    // (RC4041 unknown pool, RC4012 unknown object, RC4017 `run` before a statement, RC4030 over
    // the duration limit, RC4053 a node fault without nodes.)
    for (const code of ["RC4041", "RC4012", "RC4017", "RC4030", "RC4053"])
      expect([...warned]).toContain(code);
  });
});
