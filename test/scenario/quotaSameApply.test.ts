/**
 * A ResourceQuota applied in the same `kubectl apply -f` as the objects it limits, the quota
 * first. kube-apiserver's quota admission (k8s.io/apiserver/pkg/admission/plugin/resourcequota
 * controller.go checkRequest) limits by the quota's status.hard, not its spec.hard: a quota the
 * resource quota controller has not synced yet (syncResourceQuota copies spec.hard into
 * status.hard) restricts no resource, so the file's other objects are admitted whatever their
 * count; once synced, status.used counts them all, above hard, and only later creates are
 * refused (the ReplicaSet's third pod here).
 */
import { expect, it } from "vitest";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";

const ALL = `apiVersion: v1
kind: ResourceQuota
metadata: {name: counts}
spec:
  hard: {count/configmaps: "2", pods: "2"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: a}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: b}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx}]
`;

it("the quota's own apply admits the configmaps beyond its hard count; the pods it syncs in time for are limited", async () => {
  const r = await runWith(
    defaultServices,
    `scenario "quota first"
at 0s kubectl apply -f all.yaml
at 5s kubectl get quota counts -o jsonpath='{.status}'
at 5s kubectl get configmaps --no-headers -o custom-columns=NAME:.metadata.name
at 5s kubectl get deployment web --no-headers -o custom-columns=READY:.status.readyReplicas
run for 10s
`,
    "s.scn",
    { host: memoryHost({ "all.yaml": ALL }) },
  );
  // What kubectl printed (the run's output holds the command lines' output only).
  const printed = r.output.map((o) => o.text);
  expect(printed).toEqual([
    "resourcequota/counts created\nconfigmap/a created\nconfigmap/b created\nconfigmap/c created\ndeployment.apps/web created",
    // kube-root-ca.crt counts too: 4 used against 2.
    '{"hard":{"count/configmaps":"2","pods":"2"},"used":{"count/configmaps":"4","pods":"2"}}',
    "a\nb\nc\nkube-root-ca.crt",
    "2",
  ]);
});
