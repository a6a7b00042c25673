/**
 * metadata.managedFields written in a file. Client-side apply and create send them, and the
 * API server's field manager starts from the ones a request carries when they decode
 * (managedfields/internal/fieldmanager.go Update: "to allow directly updating managed fields"),
 * so they are stored; server-side apply refuses any (structuredmerge.go Apply: BadRequest
 * "metadata.managedFields must be nil"). `kubectl get -o yaml|json` leaves them out unless
 * --show-managed-fields (cli-runtime JSONYamlPrintFlags.ToPrinter → OmitManagedFieldsPrinter);
 * jsonpath prints them. Replicast's server adds no managers of its own.
 */
import { describe, expect, it } from "vitest";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";

const FILE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: mf
  managedFields:
  - apiVersion: v1
    fieldsType: FieldsV1
    fieldsV1:
      f:data:
        f:a: {}
    manager: helm
    operation: Update
    time: "2024-05-02T09:14:27Z"
data:
  a: "1"
`;

const outputs = (lines: string, file = FILE): string[] =>
  runWith(defaultServices, `scenario "mf"\n${lines}`, "mf.scn", {
    host: memoryHost({ "mf.yaml": file }),
  }).output.map((o) => o.text);

describe("managedFields in an applied file", () => {
  it("server-side apply refuses them, an empty list too", () => {
    const [ssa, got] = outputs("at 0s kubectl apply --server-side -f mf.yaml\nat 1s kubectl get cm\n");
    expect(ssa).toBe("Error from server (BadRequest): metadata.managedFields must be nil");
    expect(got).not.toContain("mf ");
    const emptyList = FILE.replace(/ {2}managedFields:\n(?: {2}[ -].*\n)+/, "  managedFields: []\n");
    expect(emptyList).toContain("  managedFields: []\ndata:");
    const [empty] = outputs("at 0s kubectl apply --server-side -f mf.yaml\n", emptyList);
    expect(empty).toBe("Error from server (BadRequest): metadata.managedFields must be nil");
  });

  it("client-side apply stores them; get -o yaml leaves them out, --show-managed-fields and jsonpath show them", () => {
    const [applied, yaml, shown, manager] = outputs(
      "at 0s kubectl apply -f mf.yaml\n" +
        "at 1s kubectl get cm mf -o yaml\n" +
        "at 1s kubectl get cm mf -o yaml --show-managed-fields\n" +
        "at 1s kubectl get cm mf -o jsonpath={.metadata.managedFields[0].manager}\n",
    );
    expect(applied).toBe("configmap/mf created");
    expect(yaml).toMatch(/^ {2}creationTimestamp: .*\n {2}name: mf\n/m);
    expect(yaml.split("\n").filter((l) => l.startsWith("  managedFields"))).toEqual([]);
    expect(shown).toContain("  managedFields:\n  - apiVersion: v1\n    fieldsType: FieldsV1\n");
    expect(manager).toBe("helm");
  });

  it("kubectl create stores them as apply does", () => {
    const [created, manager] = outputs(
      "at 0s kubectl create -f mf.yaml\nat 1s kubectl get cm mf -o jsonpath={.metadata.managedFields[0].manager}\n",
    );
    expect(created).toBe("configmap/mf created");
    expect(manager).toBe("helm");
  });
});
