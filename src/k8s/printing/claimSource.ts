/**
 * The lines describe.go printPersistentVolumeClaim writes after a claim's access modes, for a
 * full claim (`kubectl describe pvc`) and for a generic ephemeral volume's template alike:
 * VolumeMode when set, then the DataSource block.
 */
import { obj, str } from "../kinds/stored/fields.ts";
import type { Writer } from "./describeWriter.ts";

export function printClaimSource(w: Writer, spec: Record<string, unknown>): void {
  if (spec.volumeMode !== undefined) w.write(0, `VolumeMode:\t${str(spec.volumeMode)}\n`);
  if (spec.dataSource === undefined) return;
  const ds = obj(spec.dataSource);
  w.write(0, "DataSource:\n");
  if (ds.apiGroup !== undefined) w.write(1, `APIGroup:\t${str(ds.apiGroup)}\n`);
  w.write(1, `Kind:\t${str(ds.kind)}\n`);
  w.write(1, `Name:\t${str(ds.name)}\n`);
}
