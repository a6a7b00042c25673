/**
 * Cells the server-side table printers share (pkg/printers/internalversion/printers.go):
 * AGE, and a workload's CONTAINERS and IMAGES. Each kind's own cells live in its folder.
 */
import { humanDuration } from "../duration.ts";
import type { Container, Time } from "../types.ts";

/** translateTimestampSince: "<unknown>" for a zero time, else HumanDuration(now − t). */
export function age(now: Time, t: Time | undefined): string {
  return t === undefined ? "<unknown>" : humanDuration(now - t);
}

/** layoutContainerCells: names and images joined by ",". */
export function containerCells(containers: readonly Container[]): [string, string] {
  return [containers.map((c) => c.name).join(","), containers.map((c) => c.image).join(",")];
}
