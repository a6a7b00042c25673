// The two blog walk-throughs the product grew from — seed 000, "kubernetes | 滚动升级和自动伸缩"
// (lvbibir.cn, kubelet 1.22), and seed 001, "K8S指南-平滑升级与自动扩缩容" — written as scenarios: the language must
// express every step of them. These check the parse; the runner's tests check the outcome.
import { describe, expect, it } from "vitest";
import { withoutSpans, statementsOf } from "./helpers.ts";

const rollout = `
scenario "Rolling update and rollback (seed 000, part 1)"
at 0s
kubectl create deployment demo-rollout --image=busybox:v1 --replicas=3 -- sleep 3600
kubectl get pods
after 1m kubectl set image deployment/demo-rollout busybox=busybox:v2 --record=true
after 1m kubectl set image deployment/demo-rollout busybox=busybox:v3 --record=true
kubectl rollout status deployment demo-rollout
expect rollout deployment/demo-rollout complete within 2m
after 2m
kubectl rollout history deployment demo-rollout
kubectl get deployment demo-rollout -o jsonpath='{.spec.template.spec.containers}'
expect image busybox=busybox:v3
kubectl rollout undo deployment/demo-rollout --to-revision=1
expect image busybox=busybox:v1 within 1m
expect revision 4 within 1m
after 1m kubectl rollout undo deployment/demo-rollout --to-revision=2
expect image busybox=busybox:v2 within 1m
kubectl scale deployment demo-rollout --replicas=10
expect deployment/demo-rollout ready 10 within 1m
`;

const hpa = `
scenario "HPA on CPU (seed 000, part 2)"
manifest hpa-demo = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: hpa-demo
spec:
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
        image: nginx
        resources:
          requests:
            memory: 50Mi
            cpu: 50m
---
apiVersion: v1
kind: Service
metadata:
  name: hpa-demo
spec:
  selector:
    app: nginx
  ports:
    - port: 80
YAML
at 0s apply hpa-demo
kubectl autoscale deployment hpa-demo --cpu-percent=60 --min=1 --max=10
after 18s kubectl get hpa
at 1m load requests 2000/s cost 4m per request
expect hpa desired 10 within 5m
expect hpa scale-events <= 3 per 10m
kubectl describe hpa hpa-demo
at 20m load off
expect replicas 10 for 4m           # the 5-minute downscale stabilization window
expect replicas 1 within 10m
run for 40m
`;

const memory = `
scenario "Memory HPA that never scales down (seed 001)"
set memory.retain = true
set hpa.sync-period = 15s
manifest app = file "manifests/memory-app.yaml"
apply app
at 1m load memory 120Mi per pod for 10m
expect hpa utilization > 100% within 2m
expect replicas >= 2 within 3m
expect replicas >= 2 always          # memory is never given back, so no scale-down
expect pod-minutes <= 120 from 0s to 1h
run until 1h
`;

describe("the seed walk-throughs parse", () => {
  it.each([
    ["rolling update and rollback", rollout, 19],
    ["HPA on CPU", hpa, 13],
    ["memory HPA", memory, 11],
  ])("%s", (_name, text, count) => {
    const statements = statementsOf(text);
    expect(statements).toHaveLength(count);
    expect(withoutSpans(statements).every((s) => s.kind !== undefined)).toBe(true);
  });

  it("keeps kubectl's own command lines for --record", () => {
    const statements = statementsOf(rollout);
    const kubectl = statements
      .filter((s) => s.kind === "kubectl")
      .map((s) => (s.kind === "kubectl" ? s.args : ""));
    expect(kubectl).toContain("set image deployment/demo-rollout busybox=busybox:v2 --record=true");
    expect(kubectl).toContain("get deployment demo-rollout -o jsonpath='{.spec.template.spec.containers}'");
  });

  it("reads the Deployment+Service heredoc verbatim", () => {
    const [, manifest] = statementsOf(hpa);
    expect(manifest).toMatchObject({
      kind: "manifest",
      name: "hpa-demo",
      source: { kind: "heredoc", bodyLine: 4 },
    });
    if (manifest.kind === "manifest" && manifest.source.kind === "heredoc") {
      expect(manifest.source.text.split("\n")).toContain("            cpu: 50m");
      expect(manifest.source.text).toContain("---\napiVersion: v1\nkind: Service");
    }
  });
});
