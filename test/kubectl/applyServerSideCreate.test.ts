/**
 * `kubectl apply --server-side` of a file that carries metadata.resourceVersion (and a uid: a
 * `kubectl get -o yaml` export) for an object that does not exist. The apply patch becomes a
 * create-on-update (apiserver registry/generic/registry/store.go Update, forceAllowCreate), which
 * compares no resourceVersion when nothing is stored, and etcd3's updateState clears the one sent:
 * the object is created with the server's own. A uid is refused: endpoints/handlers/patch.go
 * applyPatch answers Conflict "uid mismatch … no existing object was found" (the integration
 * test TestCreateOnApplyFailsWithUID), and apply.go appends its advice to any Conflict.
 */
import { describe, expect, it } from "vitest";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";

const cm = (meta: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: saved\n${meta}data:\n  a: "1"\n`;
const RV = '  resourceVersion: "184501"\n';
const UID = "  uid: 2f6d8a1c-4b3e-4f7a-9c2d-1e8b7a6c5d40\n";

const outputs = (lines: string, file: string): string[] =>
  runWith(defaultServices, `scenario "ssa"\n${lines}`, "ssa.scn", {
    host: memoryHost({ "saved.yaml": file }),
  }).output.map((o) => o.text);

describe("server-side apply of a saved object that does not exist", () => {
  it("with a resourceVersion: created, with the server's resourceVersion", () => {
    const [applied, rv] = outputs(
      "at 0s kubectl apply --server-side -f saved.yaml\n" +
        "at 1s kubectl get cm saved -o jsonpath={.metadata.resourceVersion}\n",
      cm(RV),
    );
    expect(applied).toBe("configmap/saved serverside-applied");
    expect(rv).not.toBe("184501");
    expect(rv).toMatch(/^[0-9]+$/);
  });

  it("with a uid too: refused as a Conflict, with apply.go's advice, and nothing is created", () => {
    const [applied, dry, got] = outputs(
      "at 0s kubectl apply --server-side -f saved.yaml\n" +
        "at 1s kubectl apply --server-side --dry-run=server -f saved.yaml\n" +
        "at 2s kubectl get cm saved\n",
      cm(RV + UID),
    );
    expect(applied.split("\n").slice(0, 3)).toEqual([
      'error: Operation cannot be fulfilled on configmaps "saved": uid mismatch: the provided object specified uid 2f6d8a1c-4b3e-4f7a-9c2d-1e8b7a6c5d40, and no existing object was found',
      "Please review the fields above--they currently have other managers. Here",
      "are the ways you can resolve this warning:",
    ]);
    expect(applied.split("\n").at(-1)).toBe(
      "See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts",
    );
    expect(dry.split("\n")[0]).toContain("uid mismatch");
    expect(got).toBe('Error from server (NotFound): configmaps "saved" not found');
  });

  it("client-side apply creates it (kubectl's create drops the resourceVersion; the server sets the uid)", () => {
    const [applied, uid] = outputs(
      "at 0s kubectl apply -f saved.yaml\nat 1s kubectl get cm saved -o jsonpath={.metadata.uid}\n",
      cm(RV + UID),
    );
    expect(applied).toBe("configmap/saved created");
    expect(uid).not.toBe("2f6d8a1c-4b3e-4f7a-9c2d-1e8b7a6c5d40");
  });
});
