/**
 * The node lifecycle controller's view of zones (pkg/controller/nodelifecycle/
 * node_lifecycle_controller.go v1.28): which zone a node is in, how healthy each zone is, and
 * the rate at which a zone's nodes are tainted NoExecute in each state.
 *
 * - A node's zone is its region and zone labels together (component-helpers
 *   nodetopology.GetZoneKey): the beta `failure-domain.beta.kubernetes.io/zone` first, else
 *   `topology.kubernetes.io/zone`, the same for the region; a node with neither is in the zone
 *   "" with every other such node.
 * - ComputeZoneState: no node Ready → FullDisruption; more than 2 not Ready and at least
 *   --unhealthy-zone-threshold (0.55) of them → PartialDisruption; else Normal. A node without
 *   a Ready condition counts as not Ready; a node labelled `node.kubernetes.io/exclude-disruption`
 *   is left out (isNodeExcludedFromDisruptionChecks).
 * - setLimiterInZone: Normal and FullDisruption taint at --node-eviction-rate (0.1/s,
 *   HealthyQPSFunc); PartialDisruption at --secondary-node-eviction-rate (0.01/s) in a zone of
 *   more than --large-cluster-size-threshold (50) nodes, else 0 (ReducedQPSFunc).
 *
 * Example: a zone of 4 nodes with 3 unreachable is PartialDisruption (3 > 2, 0.75 ≥ 0.55),
 * 4 ≤ 50 nodes, so it taints none of them; with 1 unreachable it is Normal.
 */
import type { Node } from "../../../k8s/types.ts";
import type { Settings } from "../../settings.ts";

export type ZoneState = "Initial" | "Normal" | "PartialDisruption" | "FullDisruption";

/** v1.LabelFailureDomainBetaZone, LabelTopologyZone and their region twins. */
const ZONE_LABELS = ["failure-domain.beta.kubernetes.io/zone", "topology.kubernetes.io/zone"] as const;
const REGION_LABELS = ["failure-domain.beta.kubernetes.io/region", "topology.kubernetes.io/region"] as const;

/** labelNodeDisruptionExclusion. */
const EXCLUDE_DISRUPTION = "node.kubernetes.io/exclude-disruption";

function firstLabel(labels: Readonly<Record<string, string>>, keys: readonly string[]): string {
  for (const key of keys) if (key in labels) return labels[key];
  return "";
}

/**
 * GetZoneKey, readable: "" for a node with neither label, else `region:zone` (upstream joins
 * them with ":\x00:", which only matters to a map's key and would not print).
 */
export function zoneOf(node: Node): string {
  const labels = node.metadata.labels ?? {};
  const zone = firstLabel(labels, ZONE_LABELS);
  const region = firstLabel(labels, REGION_LABELS);
  if (region === "" && zone === "") return "";
  return region === "" ? zone : `${region}:${zone}`;
}

/** isNodeExcludedFromDisruptionChecks. */
export const excludedFromDisruption = (node: Node): boolean =>
  node.metadata.labels?.[EXCLUDE_DISRUPTION] !== undefined;

/** Whether the node's Ready condition is True (ComputeZoneState's readyNodes). */
export function isReady(node: Node): boolean {
  return node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

/** ComputeZoneState over a zone's counts. */
export function computeZoneState(ready: number, notReady: number, settings: Settings): ZoneState {
  if (ready === 0 && notReady > 0) return "FullDisruption";
  if (notReady > 2 && notReady / (notReady + ready) >= settings["nodelifecycle.unhealthy-zone-threshold"])
    return "PartialDisruption";
  return "Normal";
}

/** setLimiterInZone: the zone's tainting rate, nodes per second, in a state (0: none). */
export function zoneRate(state: ZoneState, zoneSize: number, settings: Settings): number {
  if (state === "PartialDisruption")
    return zoneSize > settings["nodelifecycle.large-cluster-size-threshold"]
      ? settings["nodelifecycle.secondary-node-eviction-rate"]
      : 0;
  return settings["nodelifecycle.node-eviction-rate"];
}
