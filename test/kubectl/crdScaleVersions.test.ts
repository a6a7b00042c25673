/**
 * A custom resource's /scale follows the version requested: apiextensions-apiserver serves
 * each version with its own subresources (customresource_handler.go, crdHandler with
 * apiextensionshelpers.GetSubresourcesForVersion), so a v1beta1 whose specReplicasPath is
 * `.spec.size` reads and writes `.spec.size`, and v1 its `.spec.replicas`; a client naming
 * no version reaches the preferred one (its RESTMapper's choice).
 */
import { describe, expect, it } from "vitest";
import { apiScaleClient } from "../../src/engine/scaleSubresource.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import { registerCRD, scaleFor } from "../../src/k8s/kinds/stored/crd.ts";
import type { KubeObject } from "../../src/k8s/types.ts";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";

const schema = { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } };
const crd = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "widgets.example.com" },
  spec: {
    group: "example.com",
    scope: "Namespaced",
    names: { plural: "widgets", singular: "widget", kind: "Widget" },
    versions: [
      {
        name: "v1",
        served: true,
        storage: true,
        schema,
        subresources: {
          status: {},
          scale: { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas" },
        },
      },
      {
        name: "v1beta1",
        served: true,
        storage: false,
        schema,
        subresources: { scale: { specReplicasPath: ".spec.size", statusReplicasPath: ".status.size" } },
      },
      { name: "v1alpha1", served: true, storage: false, schema },
    ],
  },
};
const crdYaml = JSON.stringify(crd);

const text = `manifest crd = <<YAML
${crdYaml}
YAML
manifest w = <<YAML
apiVersion: example.com/v1
kind: Widget
metadata: { name: w1 }
spec: { replicas: 2, size: 5 }
YAML
at 0s apply crd
at 1s apply w
at 2s kubectl get widget w1 --subresource=scale
at 2s kubectl get widgets.v1beta1.example.com w1 --subresource=scale
at 2s kubectl get widgets.v1alpha1.example.com w1 --subresource=scale
at 3s kubectl scale widgets.v1beta1.example.com/w1 --replicas=7
at 4s kubectl get widget w1 -o jsonpath={.spec}
at 5s kubectl scale widget/w1 --replicas=4
at 6s kubectl get widget w1 -o jsonpath={.spec}
at 7s kubectl scale widgets.v1alpha1.example.com/w1 --replicas=9
run for 8s
`;

describe("a CRD's /scale per version", () => {
  const r = runWith(defaultServices, text, "scale.scn", { host: memoryHost({}) });
  const out = (time: number, nth = 0) => r.output.filter((o) => o.time === time)[nth].text.trimEnd();

  it("kubectl get --subresource=scale reads the paths of the version named, the preferred one by default", () => {
    expect(out(2, 0)).toBe("NAME   DESIREDREPLICAS   AVAILABLEREPLICAS\nw1     2                 0");
    expect(out(2, 1)).toBe("NAME   DESIREDREPLICAS   AVAILABLEREPLICAS\nw1     5                 0");
    // v1alpha1 declares no scale: the custom resource handler's NotFound.
    expect(out(2, 2)).toBe('Error from server (NotFound): widgets.example.com "w1" not found');
  });

  it("kubectl scale writes the replicas path of the version named", () => {
    expect(out(3)).toBe("widget.example.com/w1 scaled");
    expect(out(4)).toBe('{"replicas":2,"size":7}');
    expect(out(6)).toBe('{"replicas":4,"size":7}');
    expect(out(7)).toBe('Error from server (NotFound): widgets.example.com "w1" not found');
  });

  it("the HPA's scale client reads and writes the version of its scaleTargetRef", () => {
    const kinds = builtinKinds.extend();
    registerCRD(kinds, crd as unknown as KubeObject);
    const widget = kinds.lookup("example.com", "Widget")!;
    expect(scaleFor(widget, "example.com/v1alpha1")).toBeUndefined();
    const objects = new Map<string, KubeObject>();
    const w = {
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "w1", namespace: "default" },
      spec: { replicas: 4, size: 7 },
    } as unknown as KubeObject;
    objects.set("w1", w);
    const client = apiScaleClient(
      {
        get: (_k, _ns, name) => objects.get(name),
        update: (o) => (objects.set(o.metadata.name, o), o),
      },
      undefined,
      () => 0,
      kinds,
    );
    const ref = (apiVersion: string) => ({ apiVersion, kind: "Widget", name: "w1" });
    const beta = client.get("default", ref("example.com/v1beta1"));
    expect(beta).toMatchObject({ specReplicas: 7 });
    expect(client.get("default", ref("example.com/v1"))).toMatchObject({ specReplicas: 4 });
    if ("specReplicas" in beta) client.update({ ...beta, specReplicas: 3 });
    expect((objects.get("w1") as unknown as { spec: object }).spec).toEqual({ replicas: 4, size: 3 });
  });
});
