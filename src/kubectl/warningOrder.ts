/**
 * Where the API server's warnings land among a command's lines. kubectl's warning handler
 * (client-go rest/warnings.go WarningWriter, deduplicated per command) writes a response's
 * warnings to stderr the moment the response arrives; `apply -f` sends its objects one by one
 * (apply.go applyOneObject: GET, then PATCH or POST) and prints each object's line after its
 * response. So with several objects each new warning comes just before the line of the first
 * object whose request carried it, not all before the first line:
 *
 *   deployment.apps/web created
 *   Warning: autoscaling/v2beta2 HorizontalPodAutoscaler is deprecated in v1.23+, …
 *   horizontalpodautoscaler.autoscaling/web created
 *
 * The warnings themselves are apiWarnings.ts's (which and in what order); this only places
 * them, each at the first object whose group/version and kind give that text
 * (deprecations.ts deprecationWarning, customResourceWarning for a CRD's version); `create -f`
 * prints each object after its POST the same way (create.go), `delete -f` after its DELETE
 * (delete.go DeleteResult) and `replace -f` after its PUT (replace.go). A warning no
 * object gives (a named resource's) and a deprecated flag's notice come first, as kubectl
 * prints them before any request.
 */
import type { Cluster } from "../engine/cluster.ts";
import { deprecationWarning } from "../k8s/deprecations.ts";
import { crdsDeprecatingVersions, fileObjectWarning } from "./apiWarnings.ts";
import type { KubeObject } from "../k8s/types.ts";
import type { KubectlResult, PerObjectOutput } from "./result.ts";

/**
 * The result with `written` set when its stderr interleaves with its lines: `first` is what
 * kubectl wrote before any request (a deprecated flag's notice), `warnings` apiWarnings' lines.
 */
export function placeWarnings(
  result: KubectlResult,
  perObject: PerObjectOutput,
  first: string,
  warnings: string,
  cluster: Cluster,
  minor: number,
): KubectlResult {
  const objects = perObject.objects;
  // Nothing on stderr about the objects, or one object's line or none: nothing to place.
  if (warnings === "" && objects.every((o) => o.stderr === "")) return result;
  if (objects.filter((o) => o.stdout !== "").length < 2) return result;
  const pending = warnings === "" ? [] : warnings.slice(0, -1).split("\n");
  const crds = pending.length > 0 ? crdsDeprecatingVersions(cluster) : undefined;
  const given = objects.map((o) => (pending.length > 0 ? objectWarnings(o, crds, minor) : []));
  const claimed = new Set(given.flat());
  let out =
    first +
    (perObject.before ?? "") +
    pending
      .filter((w) => !claimed.has(w))
      .map((w) => `${w}\n`)
      .join("");
  const printed = new Set<string>();
  objects.forEach((o, i) => {
    for (const w of pending)
      if (!printed.has(w) && given[i].includes(w)) {
        printed.add(w);
        out += `${w}\n`;
      }
    out += o.stderr + o.stdout;
  });
  if (out === result.stdout) return result;
  return { ...result, written: { out, err: perObject.after } };
}

/** The `Warning: …` lines a request for the object may carry. */
function objectWarnings(
  o: { apiVersion: string; kind: string },
  crds: Map<string, KubeObject> | undefined,
  minor: number,
): string[] {
  const texts = [deprecationWarning(o.apiVersion, o.kind, minor), fileObjectWarning(o, crds)];
  return texts.filter((t): t is string => t !== undefined).map((t) => `Warning: ${t}`);
}
