/**
 * `kubectl get -w`: after the first table, every change prints one more row, without the
 * header, aligned to the columns already printed (kubectl's tabwriter remembers column
 * widths across the watch; a wider cell widens its column from then on).
 *
 * Example (seed 000, `kubectl get hpa -w`): after the header row
 *   "hpa-mem   Deployment/hpa-mem   0%/60%    1         10        1          2m55s"
 * a change prints "hpa-mem   Deployment/hpa-mem   80%/60%   1         10        1          4m1s".
 */
import type { Cluster } from "../engine/cluster.ts";
import { DEFAULT_NAMESPACE } from "../k8s/namespaces.ts";
import type { KubeObject } from "../k8s/types.ts";
import { GET_TABWRITER, tabwrite } from "../text/tabwriter.ts";
import { headerCells, rowCells } from "./printers/table.ts";
import type { WatchColumns } from "./result.ts";

export interface WatchRowOptions extends WatchColumns {
  /** Widths remembered from what was printed before (WatchRequest.columnWidths); updated in place. */
  columnWidths?: number[];
}

export function formatWatchRow(
  kind: string,
  object: KubeObject,
  cluster: Cluster,
  options: WatchRowOptions = {},
): string {
  const opts = { ...options, now: cluster.now };
  const descriptor = cluster.kinds.of(kind);
  const header = headerCells(descriptor, opts);
  const row = rowCells(descriptor, object, opts);
  if (options.allNamespaces) {
    header.unshift("NAMESPACE");
    row.unshift(object.metadata.namespace ?? DEFAULT_NAMESPACE);
  }
  // Without remembered widths, the header's widths stand in (what kubectl printed first).
  const widths = options.columnWidths ?? [];
  const text = tabwrite(`${header.join("\t")}\n${row.join("\t")}\n`, {
    ...GET_TABWRITER,
    rememberWidths: widths,
  });
  return text.split("\n")[1] + "\n";
}
