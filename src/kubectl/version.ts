/**
 * Which kubectl a run prints: the `kubectl.version` setting (a minor version, `1.22` → 22).
 * Every behaviour that differs between the kubectl versions Replicast models hangs off one of
 * the predicates here, each with the release that changed it:
 *
 * - HPA TARGETS name the resource (`cpu: 0%/50%`, was `0%/50%`) from 1.30: kubernetes PR
 *   #122804 (CHANGELOG-1.30, "Added metric name along with the utilization information when
 *   running kubectl get hpa"), in pkg/printers/internalversion/printers.go formatHPAMetrics.
 *   The table is printed by the API server (server-side printing), so it is the cluster's
 *   version as much as kubectl's; the setting stands for the pair.
 * - `kubectl autoscale --cpu` and `--memory` exist, `--cpu-percent` is deprecated, and the
 *   command sends an autoscaling/v2 object (falling back to v1) from 1.34: kubernetes PR
 *   #129373 (CHANGELOG-1.34), staging/src/k8s.io/kubectl/pkg/cmd/autoscale/autoscale.go.
 *
 * - `--record` prints pflag's deprecation notice from 1.22 (kubernetes PR #102873), so 1.22
 *   and the current kubectl both print it (flags.ts).
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
