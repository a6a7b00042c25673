// Whatever the input, the check stage (parse, then plan the statements that parsed) never
// throws and never reports an internal error; `ok` holds exactly when nothing is an error.
// Mutations are seeded, so a failure replays.
import { describe, expect, it } from "vitest";
import { checkWith } from "../../src/scenario/api.ts";
import { checkServices } from "../../src/scenario/checkServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import type { ScenarioServices } from "../../src/scenario/services.ts";
import { mulberry32 } from "../../src/engine/rng.ts";

const services = checkServices as ScenarioServices;

const valid = `scenario "fuzzed"
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
set hpa.sync-period = 15s
at 0s apply web
kubectl autoscale deployment web --cpu-percent=60 --min=1 --max=10
at 60s load cpu 180%; expect replicas 3 within 2m
after 30s
kubectl set image deployment/web app=app:2 --record=true
expect rollout deployment/web complete within 5m
expect hpa desired <= 10 always
apply file "extra.yaml"
run for 20m
`;

const files = {
  "f/extra.yaml": "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n",
};

/** The engine's seeded PRNG (mulberry32), as a function. */
function prng(seed: number): () => number {
  const rng = mulberry32(seed);
  return () => rng.next();
}

const alphabet = ' \n;#"<>=%/.:-_0123456789abcdefmsMiYAMLkubectl';

function checked(text: string) {
  const r = checkWith(services, text, "f/s.scn", { host: memoryHost(files) });
  for (const d of r.diagnostics) {
    expect(d.code, d.message).not.toBe("RC9001");
    expect(d.span.line).toBeGreaterThanOrEqual(1);
    expect(d.span.col).toBeGreaterThanOrEqual(1);
  }
  expect(r.ok).toBe(!r.diagnostics.some((d) => d.severity === "error"));
  return r;
}

describe("the check stage never throws", () => {
  it("plans the valid scenario without diagnostics", () => {
    const r = checked(valid);
    expect(r.diagnostics).toEqual([]);
    expect(r.plan).toBeDefined();
  });

  it("survives mutations of it, syntax errors and all", () => {
    const random = prng(3);
    let broken = 0;
    for (let n = 0; n < 300; n++) {
      let text = valid;
      for (let e = 0, edits = 1 + Math.floor(random() * 4); e < edits; e++) {
        const at = Math.floor(random() * text.length);
        const ch = alphabet[Math.floor(random() * alphabet.length)];
        const kind = random();
        if (kind < 0.33) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 8));
        else if (kind < 0.66) text = text.slice(0, at) + ch + text.slice(at);
        else text = text.slice(0, at) + ch + text.slice(at + 1);
      }
      if (!checked(text).ok) broken++;
    }
    expect(broken).toBeGreaterThan(100);
  });
});
