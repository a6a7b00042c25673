/**
 * `kubectl apply --server-side` of a manifest that carries a resourceVersion
 * (test/fixtures/repos/cluster-export/restore-ssa.scn: the `kubectl get -o yaml` backup of
 * restore.scn applied again). The apply configuration's resourceVersion stays in the object the
 * field manager gives the registry's Update (apiserver endpoints/handlers/patch.go applyPatcher),
 * which refuses one other than the live one (OptimisticLockErrorMsg), and apply.go appends its
 * advice about field managers to any Conflict. Found here: the line was refused for conflicts on
 * .metadata.resourceVersion, .metadata.uid and .status, fields no manager owns
 * (fieldmanager/internal/stripmeta.go, and the status the kinds' strategies reset). The
 * Deployment's export carries its managedFields, which the field manager's Apply refuses before
 * anything else (managedfields/internal/structuredmerge.go: "metadata.managedFields must be nil").
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/index.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import { nodeHost } from "../../src/scenario/nodeHost.ts";

const FILE = "test/fixtures/repos/cluster-export/restore-ssa.scn";

const ADVICE = [
  "Please review the fields above--they currently have other managers. Here",
  "are the ways you can resolve this warning:",
  "* If you intend to manage all of these fields, please re-run the apply",
  "  command with the `--force-conflicts` flag.",
  "* If you do not intend to manage all of the fields, please edit your",
  "  manifest to remove references to the fields that should keep their",
  "  current managers.",
  "* You may co-own fields by updating your manifest to match the existing",
  "  value; in this case, you'll become the manager if the other manager(s)",
  "  stop managing the field (remove it from their configuration).",
  "See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts",
];

const MANAGED_FIELDS = "Error from server (BadRequest): metadata.managedFields must be nil";

const STALE = (resource: string, name = "web") =>
  `Operation cannot be fulfilled on ${resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`;

describe("a backup applied again with server-side apply", async () => {
  const r = await runScenario({ text: nodeHost().readFile(FILE)!, file: FILE }, { host: nodeHost() });

  it("refuses each stale object with the Conflict and apply.go's advice, the Deployment for the managedFields it carries", () => {
    expect(r.diagnostics).toEqual([]);
    const [again] = r.failures;
    expect(again.line).toBe(8);
    const lines = again.message.split("\n");
    // The field manager refuses the patch's managedFields before any conflict is looked for.
    expect(lines[0]).toBe(MANAGED_FIELDS);
    // Among several errors, MultipleErrors prints each as it is (no `error: `).
    expect(lines.slice(1)).toEqual([
      STALE("services"),
      ...ADVICE,
      STALE("horizontalpodautoscalers.autoscaling"),
      ...ADVICE,
    ]);
  });

  it("--force-conflicts takes fields over but not a stale resourceVersion: all three are refused", () => {
    const forced = r.failures[1];
    expect(forced.line).toBe(10);
    expect(forced.message.split("\n")).toEqual([
      MANAGED_FIELDS,
      STALE("services"),
      ...ADVICE,
      STALE("horizontalpodautoscalers.autoscaling"),
      ...ADVICE,
    ]);
    expect(r.failures).toHaveLength(2);
  });
});

describe("server-side apply of one object with a stale resourceVersion", () => {
  it("prints the lone error after `error: `, as checkErr prints an error that is not a status", async () => {
    const text = [
      'scenario "one stale, server-side"',
      "kubectl create configmap app --from-literal=a=1",
      "at 5s kubectl apply --server-side -f cm.yaml",
      "",
    ].join("\n");
    const cm =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  resourceVersion: "184422"\ndata:\n  a: "2"\n';
    const r = await runScenario(
      { text, file: "t.scn" },
      { host: memoryHost({ "t.scn": text, "cm.yaml": cm }) },
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.failures.map((f) => f.message.split("\n"))).toEqual([
      [`error: ${STALE("configmaps", "app")}`, ...ADVICE],
    ]);
  });
});
