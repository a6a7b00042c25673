/**
 * Manifests shaped like real public repositories' (written for these tests, not copied):
 * every kind is accepted — the ones Replicast does not simulate are stored as written and
 * listed as kubectl lists them — and every Deployment becomes available.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import { loadManifests } from "../../src/k8s/manifest.ts";
import type { Deployment } from "../../src/k8s/types.ts";
import { applyObjects } from "../../src/kubectl/commands/apply.ts";
import { runKubectl } from "../../src/kubectl/run.ts";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/repos/${name}`, import.meta.url), "utf8");

/** Load a file as kubectl apply -f reads it, and apply it to a fresh cluster. */
function applyFile(name: string, text = fixture(name)) {
  const kinds = builtinKinds.extend();
  const loaded = loadManifests(text, { file: name, admit: { kinds } });
  expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const s = new Simulation();
  const r = applyObjects(
    loaded.objects.map((o) => o.object),
    s,
    name,
  );
  return { s, r };
}

const allAvailable = (s: Simulation) =>
  s.api
    .listAll("Deployment")
    .map((d) => [`${d.metadata.namespace}/${d.metadata.name}`, (d as Deployment).status.availableReplicas]);

describe("a helm-rendered ingress controller (shaped like ingress-nginx's deploy.yaml)", () => {
  it("applies every document, in order, as kubectl prints it", () => {
    const { r } = applyFile("ingress-controller.yaml");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "namespace/edge-proxy created",
        "serviceaccount/edge-proxy created",
        "serviceaccount/edge-proxy-admission created",
        "role.rbac.authorization.k8s.io/edge-proxy created",
        "clusterrole.rbac.authorization.k8s.io/edge-proxy created",
        "clusterrole.rbac.authorization.k8s.io/system:edge-proxy-admission created",
        "rolebinding.rbac.authorization.k8s.io/edge-proxy created",
        "clusterrolebinding.rbac.authorization.k8s.io/edge-proxy created",
        "configmap/edge-proxy-controller created",
        "service/edge-proxy-controller created",
        "service/edge-proxy-controller-admission created",
        "deployment.apps/edge-proxy-controller created",
        "job.batch/edge-proxy-admission-create created",
        "job.batch/edge-proxy-admission-patch created",
        "ingressclass.networking.k8s.io/edge created",
        "validatingwebhookconfiguration.admissionregistration.k8s.io/edge-proxy-admission created",
        "",
      ].join("\n"),
    );
  });

  it("runs the controller Deployment to available, and lists the stored kinds as kubectl does", () => {
    const { s } = applyFile("ingress-controller.yaml");
    s.runUntil(60);
    expect(allAvailable(s)).toEqual([["edge-proxy/edge-proxy-controller", 1]]);
    const k = (line: string) => runKubectl(line, s).stdout;
    expect(k("get sa -n edge-proxy")).toBe(
      "NAME                   SECRETS   AGE\ndefault                0         60s\nedge-proxy             0         60s\nedge-proxy-admission   0         60s\n",
    );
    // The helm hook Jobs run (the Job controller), each pod `job.runtime` (10 s) from its start at 3 s.
    expect(k("get jobs -n edge-proxy")).toBe(
      "NAME                          STATUS     COMPLETIONS   DURATION   AGE\n" +
        "edge-proxy-admission-create   Complete   1/1           14s        60s\n" +
        "edge-proxy-admission-patch    Complete   1/1           14s        60s\n",
    );
    expect(k("get rolebinding -n edge-proxy")).toBe(
      "NAME         ROLE              AGE\nedge-proxy   Role/edge-proxy   60s\n",
    );
    expect(k("get clusterroles")).toBe(
      "NAME                          CREATED AT\n" +
        "edge-proxy                    2024-01-01T00:00:00Z\n" +
        "system:edge-proxy-admission   2024-01-01T00:00:00Z\n",
    );
    expect(k("get ingressclass")).toBe(
      "NAME   CONTROLLER               PARAMETERS   AGE\nedge   example.dev/edge-proxy   <none>       60s\n",
    );
    expect(k("get validatingwebhookconfigurations")).toBe(
      "NAME                   WEBHOOKS   AGE\nedge-proxy-admission   1          60s\n",
    );
    // Cluster-scoped objects carry no namespace.
    expect(s.api.get("ClusterRole", "", "edge-proxy")?.metadata.namespace).toBeUndefined();
    // Stored as written: -o yaml shows the rules as applied.
    expect(k("get role edge-proxy -n edge-proxy -o yaml")).toContain(
      "resourceNames:\n  - edge-proxy-leader\n",
    );
  });
});

describe("a many-service application in one file (shaped like microservices-demo's release manifests)", () => {
  it("applies a ServiceAccount, Deployment and Service per service, and every Deployment becomes available", () => {
    const { s, r } = applyFile("microservices.yaml");
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n").filter((l) => l.startsWith("serviceaccount/"))).toHaveLength(4);
    s.runUntil(60);
    expect(allAvailable(s)).toEqual([
      ["default/frontend", 1],
      ["default/cartservice", 1],
      ["default/productcatalogservice", 1],
      ["default/checkoutservice", 1],
    ]);
    expect(runKubectl("get sa", s).stdout.split("\n")[1]).toBe("cartservice             0         60s");
  });
});

describe("a kustomize build output with an HPA", () => {
  it("runs the Deployment in its namespace, under its HPA", () => {
    const { s, r } = applyFile("kustomize-output.yaml");
    expect(r.stderr).toBe("");
    s.runUntil(60);
    expect(allAvailable(s)).toEqual([["payments/prod-ledger", 3]]);
    expect(runKubectl("get hpa -n payments", s).stdout).toBe(
      "NAME          REFERENCE                TARGETS       MINPODS   MAXPODS   REPLICAS   AGE\n" +
        "prod-ledger   Deployment/prod-ledger   cpu: 0%/70%   3         10        3          60s\n",
    );
  });
});

describe("CustomResourceDefinitions (apiextensions.k8s.io/v1)", () => {
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: scaledobjects.keda.sh
spec:
  group: keda.sh
  names:
    kind: ScaledObject
    listKind: ScaledObjectList
    plural: scaledobjects
    shortNames: [so]
    singular: scaledobject
  scope: Namespaced
  versions:
  - name: v1alpha1
    served: true
    storage: true
    additionalPrinterColumns:
    - jsonPath: .spec.scaleTargetRef.name
      name: ScaleTargetName
      type: string
    - jsonPath: .metadata.creationTimestamp
      name: Age
      type: date
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
`;
  const scaledObject = `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: worker
spec:
  scaleTargetRef:
    name: worker
  triggers:
  - type: rabbitmq
    metadata:
      queueName: jobs
      value: "20"
`;

  it("registers its kind, so its objects apply after it (same file included)", () => {
    const { s, r } = applyFile("keda.yaml", `${crd}---\n${scaledObject}`);
    expect(r.stdout).toBe(
      "customresourcedefinition.apiextensions.k8s.io/scaledobjects.keda.sh created\nscaledobject.keda.sh/worker created\n",
    );
    s.runUntil(5);
    expect(runKubectl("get so", s).stdout).toBe(
      "NAME     SCALETARGETNAME   AGE\nworker   worker            5s\n",
    );
    expect(runKubectl("get crd", s).stdout).toBe(
      "NAME                    CREATED AT\nscaledobjects.keda.sh   2024-01-01T00:00:00Z\n",
    );
  });

  // describe.go GenericDescriberFor: no describer of its own, so Name, Namespace, Labels,
  // Annotations, then printUnstructuredContent's sorted, smart-labelled fields, then Events.
  it("kubectl describe of a custom resource prints what the generic describer prints", () => {
    const { s } = applyFile("keda.yaml", `${crd}---\n${scaledObject}`);
    s.runUntil(5);
    const out = runKubectl("describe so worker", s);
    expect(out.exitCode).toBe(0);
    const lines = out.stdout.split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "Name:         worker",
      "Namespace:    default",
      // KEDA's operator labels it (scaledobject_controller.go ensureScaledObjectLabel).
      "Labels:       scaledobject.keda.sh/name=worker",
      "Annotations:  <none>",
    ]);
    expect(lines.slice(4)).toEqual([
      "API Version:  keda.sh/v1alpha1",
      "Kind:         ScaledObject",
      "Metadata:",
      "  Creation Timestamp:  2024-01-01T00:00:00Z",
      "  Generation:          1",
      "  Resource Version:    4",
      expect.stringMatching(/^ {2}UID: {17}[0-9a-f-]{36}$/),
      "Spec:",
      "  Scale Target Ref:",
      "    Name:  worker",
      "  Triggers:",
      "    Metadata:",
      "      Queue Name:  jobs",
      "      Value:       20",
      "    Type:          rabbitmq",
      // KEDA's operator: no Deployment "worker", so its check fails, retried with the work
      // queue's backoff (scaledobject_controller.go Reconcile, checkTargetResourceIsScalable).
      "Status:",
      "  Conditions:",
      '    Message:  ScaledObject doesn\'t have correct scaleTargetRef specification: deployments.apps "worker" not found',
      "    Reason:   ScaledObjectCheckFailed",
      "    Status:   False",
      "    Type:     Ready",
      "    Message:  ScaledObject check failed",
      "    Reason:   UnknownState",
      "    Status:   Unknown",
      "    Type:     Active",
      "    Message:  No fallbacks are active on this scaled object",
      "    Reason:   NoFallbackFound",
      "    Status:   False",
      "    Type:     Fallback",
      "    Status:   Unknown",
      "    Type:     Paused",
      "Events:",
      "  Type     Reason                   Age               From           Message",
      "  ----     ------                   ----              ----           -------",
      "  Warning  ScaledObjectCheckFailed  1s (x12 over 5s)  keda-operator  Target resource doesn't exist",
      '  Warning  ScaledObjectCheckFailed  1s (x12 over 5s)  keda-operator  ScaledObject doesn\'t have correct scaleTargetRef specification: deployments.apps "worker" not found',
      "",
    ]);
  });

  it("deleting the CRD deletes its objects and stops serving its kind", () => {
    const { s } = applyFile("keda.yaml", `${crd}---\n${scaledObject}`);
    expect(runKubectl("delete crd scaledobjects.keda.sh", s).stdout).toBe(
      'customresourcedefinition.apiextensions.k8s.io "scaledobjects.keda.sh" deleted\n',
    );
    expect(s.api.listAll("ScaledObject")).toEqual([]);
    expect(runKubectl("get so", s)).toMatchObject({
      exitCode: 1,
      stderr: 'error: the server doesn\'t have a resource type "so"\n',
    });
    // Applied again, the kind is served again, with none of the old objects.
    applyObjects(
      loadManifests(crd, { file: "crd.yaml", admit: { kinds: builtinKinds.extend() } }).objects.map(
        (o) => o.object,
      ),
      s,
      "crd.yaml",
    );
    expect(runKubectl("get so", s).stderr).toBe("No resources found in default namespace.\n");
  });

  it("without its CRD, the object is stored as KEDA's CRD would store it, and KEDA's operator acts on it", () => {
    // KEDA is an add-on a repository assumes the cluster runs (k8s/kinds/addons.ts); its
    // operator is simulated (engine/controllers/keda), its rabbitmq scaler is not.
    const loaded = loadManifests(scaledObject, { file: "so.yaml" });
    expect(loaded.objects.map((o) => o.object.metadata.name)).toEqual(["worker"]);
    expect(loaded.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      [
        "RC4125",
        "warning",
        "ScaledObject (keda.sh/v1alpha1) is KEDA's, and no CustomResourceDefinition here defines it: stored as KEDA's CRD would store it; the simulated cluster runs KEDA's operator, which makes its HPA (keda-hpa-<name>) and scales its target to and from zero",
      ],
      [
        "RC4126",
        "warning",
        'trigger "rabbitmq" (spec.triggers[0]) is stored but reads no value: the simulated KEDA computes cpu, memory, prometheus and cron triggers only',
      ],
    ]);
    const { s, r } = applyFile("so.yaml", scaledObject);
    expect(r).toMatchObject({ exitCode: 0, stdout: "scaledobject.keda.sh/worker created\n" });
    s.runUntil(5);
    // The CRD's printer columns; no Deployment "worker": scaledobject_controller.go
    // checkTargetResourceIsScalable fails, Ready False.
    expect(runKubectl("get scaledobjects.keda.sh", s).stdout).toBe(
      [
        "NAME     SCALETARGETKIND   SCALETARGETNAME   MIN      MAX      READY   ACTIVE    FALLBACK   PAUSED    TRIGGERS   AUTHENTICATIONS   AGE",
        "worker   <none>            worker            <none>   <none>   False   Unknown   False      Unknown   <none>     <none>            5s",
        "",
      ].join("\n"),
    );
  });
});
