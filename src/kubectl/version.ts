/**
 * Which kubectl a run prints: the `kubectl.version` setting (a minor version, `1.22` → 22).
 * Every behaviour that differs between the kubectl versions Replicast models hangs off one of
 * the predicates here, each with the release that changed it:
 *
 * - HPA TARGETS name the resource (`cpu: 0%/50%`, was `0%/50%`) from 1.30: kubernetes PR
 *   #122804 (CHANGELOG-1.30, "Added metric name along with the utilization information when
 *   running kubectl get hpa"), in pkg/printers/internalversion/printers.go formatHPAMetrics.
 *   The same release's printers add STATUS to `get jobs` (PR #123226, printJob) and TIMEZONE
 *   to `get cronjobs` (PR #122231, printCronJob): `targetsStyleOf` stands for all three.
 *   The table is printed by the API server (server-side printing), so it is the cluster's
 *   version as much as kubectl's; the setting stands for the pair.
 * - `kubectl autoscale --cpu` and `--memory` exist, `--cpu-percent` is deprecated, and the
 *   command sends an autoscaling/v2 object (falling back to v1) from 1.34: kubernetes PR
 *   #129373 (CHANGELOG-1.34), staging/src/k8s.io/kubectl/pkg/cmd/autoscale/autoscale.go.
 *
 * - `describe pod` of a pod being deleted shows its phase once that is Failed or Succeeded, and
 *   `Status: Terminating (lasts …)` only before, from 1.31: kubernetes PR #122038 (describe.go
 *   describePod; 1.30 and older print Terminating whatever the phase). The same PR changed the
 *   API server's printer of `get pods` STATUS, which Replicast prints as 1.31's at every version.
 *
 * - `describe service` prints the Service's Internal Traffic Policy from 1.31: kubernetes PR
 *   #125117 (describe.go describeService; "kubectl describe service now shows internal traffic
 *   policy"). Its IP Family Policy and IP Families lines are older than 1.22 (dual-stack, 1.20).
 *
 * - `--record` prints pflag's deprecation notice from 1.22 (kubernetes PR #102873), so 1.22
 *   and the current kubectl both print it (flags.ts).
 *
 * - The API server serves autoscaling/v2 from 1.23, and stops serving autoscaling/v2beta1 in
 *   1.25 and autoscaling/v2beta2 in 1.26 (kubernetes.io "Deprecated API Migration Guide"), so
 *   `kubectl get hpa.v2beta2.autoscaling` is an unknown resource type from 1.26 (`servesVersion`).
 *
 * - `kubectl describe hpa` reads the HPA as autoscaling/v2beta2 (falling back to v1 where that
 *   is not served) before 1.27, and as autoscaling/v2 from it: kubernetes PR #114886
 *   (describe.go HorizontalPodAutoscalerDescriber), so 1.23 to 1.25 print v2beta2's deprecation
 *   warning on every `describe hpa` (`hpaDescriberVersion`).
 *
 * - The API server's deprecation warnings (src/k8s/deprecations.ts) start at each version's
 *   deprecated-in release; kubectl prints them as `Warning: …` (apiWarnings.ts).
 *
 * The default is the newest of these (1.34); any later version behaves as it does.
 */
import type { TargetsStyle } from "../k8s/kinds/descriptor.ts";

/** The minor version a run prints when the scenario does not set `kubectl.version`. */
export const CURRENT_KUBECTL_MINOR = 34;

/** `1.22` for 22. */
export const versionText = (minor: number): string => `1.${minor}`;

/** How `kubectl get hpa` spells TARGETS at this version. */
export const targetsStyleOf = (minor: number = CURRENT_KUBECTL_MINOR): TargetsStyle =>
  minor >= 30 ? "named" : "legacy";

/** `kubectl autoscale --cpu/--memory` (and the v2 object, and --cpu-percent's deprecation). */
export const hasAutoscaleResourceFlags = (minor: number = CURRENT_KUBECTL_MINOR): boolean => minor >= 34;

/** `describe pod` shows a finished pod's phase while it is deleted (not `Terminating`). */
export const showsFinishedPhaseWhileDeleting = (minor: number = CURRENT_KUBECTL_MINOR): boolean =>
  minor >= 31;

/** `describe service` prints `Internal Traffic Policy:`. */
export const describesInternalTrafficPolicy = (minor: number = CURRENT_KUBECTL_MINOR): boolean => minor >= 31;

/** Versions served only from a release (first) or up to one (last), by `group/version`. */
const SERVED: Readonly<Record<string, { first?: number; last?: number }>> = {
  "autoscaling/v2": { first: 23 },
  "autoscaling/v2beta2": { last: 25 },
  "autoscaling/v2beta1": { last: 24 },
};

/** Whether the API server of this minor version serves `group/version`. Example: ("autoscaling", "v2beta2", 26) → false. */
export const servesVersion = (
  group: string,
  version: string,
  minor: number = CURRENT_KUBECTL_MINOR,
): boolean => {
  const range = SERVED[`${group}/${version}`];
  return !range || ((range.first ?? 0) <= minor && minor <= (range.last ?? Infinity));
};

/**
 * The version `kubectl describe hpa` reads an HPA in (describe.go HorizontalPodAutoscalerDescriber:
 * autoscaling/v2beta2 before 1.27, then autoscaling/v2; autoscaling/v1 where the first is not served).
 * Example: 25 → "autoscaling/v2beta2", 26 → "autoscaling/v1".
 */
export const hpaDescriberVersion = (minor: number = CURRENT_KUBECTL_MINOR): string => {
  const first = minor >= 27 ? "v2" : "v2beta2";
  return `autoscaling/${servesVersion("autoscaling", first, minor) ? first : "v1"}`;
};
