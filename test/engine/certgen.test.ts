// kube-webhook-certgen's `create` as the admission Jobs of ingress-nginx and kube-prometheus-stack
// run it (kubernetes/ingress-nginx images/kube-webhook-certgen cmd/create.go: --secret-name,
// --namespace, --ca-name/--cert-name/--key-name defaulting to ca/cert/key), the arguments
// expanded by the kubelet first ($(POD_NAMESPACE) from the downward API).
import { describe, expect, it } from "vitest";
import { certgenCreate } from "../../src/engine/addons/certgen/index.ts";
import { runScenario } from "../../src/scenario/index.ts";
import { memoryHost } from "../../src/scenario/host.ts";

const INGRESS_NGINX = {
  image:
    "registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.4.1@sha256:36d05b4077fb8e3d13663702fa337f124675ba8667cbd949c03a8e8ea6fa4366",
  args: [
    "create",
    "--host=ingress-nginx-controller-admission,ingress-nginx-controller-admission.$(POD_NAMESPACE).svc",
    "--namespace=$(POD_NAMESPACE)",
    "--secret-name=ingress-nginx-admission",
  ],
  env: [{ name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } }],
};

describe("certgenCreate", () => {
  it("reads the Secret's name, its namespace through $(POD_NAMESPACE), and the key names", () => {
    expect(certgenCreate(INGRESS_NGINX, "ingress-nginx")).toEqual({
      secret: "ingress-nginx-admission",
      namespace: "ingress-nginx",
      names: ["ca", "cert", "key"],
    });
    expect(
      certgenCreate(
        {
          image: "quay.io/acme/kube-webhook-certgen:v1",
          args: ["create", "--secret-name", "tls", "--cert-name=tls.crt", "--key-name=tls.key"],
        },
        "apps",
      ),
    ).toEqual({ secret: "tls", namespace: "apps", names: ["ca", "tls.crt", "tls.key"] });
  });

  it("is nothing for `patch`, for another image, and without a Secret name", () => {
    expect(
      certgenCreate({ ...INGRESS_NGINX, args: ["patch", "--webhook-name=x", "--secret-name=y"] }, "n"),
    ).toBe(undefined);
    expect(certgenCreate({ ...INGRESS_NGINX, image: "busybox:1.36" }, "n")).toBe(undefined);
    expect(certgenCreate({ ...INGRESS_NGINX, args: ["create", "--namespace=n"] }, "n")).toBe(undefined);
  });
});

describe("the Secret a finished certgen Job leaves", () => {
  const job = (name: string, args: string[]) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
  ttlSecondsAfterFinished: 0
  template:
    spec:
      restartPolicy: OnFailure
      containers:
      - name: create
        image: registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.4.1
        args: ${JSON.stringify(args)}
        env:
        - name: POD_NAMESPACE
          valueFrom:
            fieldRef:
              fieldPath: metadata.namespace
`;
  it("exists once the Job completes (not before), and a Secret already there is left alone", async () => {
    const text = `manifest a = <<YAML
${job("admission-create", ["create", "--namespace=$(POD_NAMESPACE)", "--secret-name=admission"])}YAML
manifest b = <<YAML
${job("patch", ["patch", "--secret-name=other"])}YAML
kubectl create secret generic kept --from-literal=ca=mine
manifest c = <<YAML
${job("kept-create", ["create", "--secret-name=kept"])}YAML
apply a
apply b
apply c
at 5s kubectl get secrets
at 20s kubectl get secrets
at 20s kubectl get secret admission -o jsonpath='{.data.ca}' | base64 -d
at 20s kubectl get secret kept -o jsonpath='{.data.ca}' | base64 -d
run for 30s
`;
    const r = await runScenario({ text, file: "t.scn" }, { host: memoryHost({ "t.scn": text }) });
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    const at = (t: number) => r.output.filter((o) => o.time === t).map((o) => o.text);
    // The pod runs job.runtime (10 s) once started, and the Job controller sees it a second
    // later (syncJobBatchPeriod): the Job completes, and the Secret appears, at 14 s.
    expect(at(5)[0]).toBe(["NAME   TYPE     DATA   AGE", "kept   Opaque   1      5s"].join("\n"));
    expect(at(20)).toEqual([
      [
        "NAME        TYPE     DATA   AGE",
        "admission   Opaque   3      6s",
        "kept        Opaque   1      20s",
      ].join("\n"),
      "-----BEGIN CERTIFICATE-----\nreplicast placeholder\n-----END CERTIFICATE-----",
      "mine",
    ]);
  });
});
