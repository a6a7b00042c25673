/**
 * The charts' palette and line styles: few colours, each with one meaning across every chart,
 * so a reader who has learnt the rollout chart can read the HPA chart at a glance.
 */

/** Colours by role. */
export const Color = {
  /** Ink for the main measured line (ready pods, current replicas, current metric). */
  ink: "#1f2937",
  /** What a controller wants (desired replicas, demand). */
  want: "#d9480f",
  /** Limits and targets (min/max band, target and tolerance band). */
  limit: "#868e96",
  limitFill: "#e9ecef",
  /** Load served by the pods. */
  served: "#4c78a8",
  /** Load no pod served. */
  unserved: "#e03131",
  /** Event rules. */
  event: "#adb5bd",
  warning: "#e03131",
} as const;
export type ColorRole = keyof typeof Color;

/**
 * One colour per ReplicaSet, in order of first appearance (revision order). Muted enough that
 * the ready/available lines drawn on top stay legible; the newest revision does not get a
 * special colour because a rollback revives an old ReplicaSet, which keeps its colour.
 */
export const ReplicaSetColors = [
  "#a5c8e4",
  "#f4c38b",
  "#9fd5c9",
  "#d6b3d2",
  "#f1a9a0",
  "#c8d99b",
  "#bfb3a6",
  "#b8c4f0",
] as const;

/** Line dash patterns by meaning. */
export const Dash = {
  solid: [],
  dashed: [6, 3],
  dotted: [2, 2],
} as const;
export type DashKind = keyof typeof Dash;

export const isColorRole = (c: string): c is ColorRole => Object.hasOwn(Color, c);

/** Colour of ReplicaSet number `i` (0-based, by first appearance); wraps around after eight. */
export function replicaSetColor(i: number): string {
  return ReplicaSetColors[
    ((i % ReplicaSetColors.length) + ReplicaSetColors.length) % ReplicaSetColors.length
  ];
}
