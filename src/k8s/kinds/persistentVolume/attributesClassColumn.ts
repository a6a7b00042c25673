/**
 * The VOLUMEATTRIBUTESCLASS column of `get pv` and `get pvc`, which the printers gained with
 * VolumeAttributesClass in 1.29 (pkg/printers/internalversion/printers.go,
 * persistentVolumeColumnDefinitions and persistentVolumeClaimColumnDefinitions:
 * "VolumeAttributesClass" after StorageClass; printPersistentVolume and
 * printPersistentVolumeClaim print `<unset>` without spec.volumeAttributesClassName). Printing as
 * an older kubectl (`kubectl.version` 1.28 or earlier) leaves it out.
 */
import type { KubeObject } from "../../types.ts";
import type { TablePrinter } from "../descriptor.ts";

export const VOLUME_ATTRIBUTES_CLASS = "VOLUMEATTRIBUTESCLASS";
/** The kubectl minor version whose printers first print it. */
const SINCE = 29;

const shown = (minor: number | undefined): boolean => minor === undefined || minor >= SINCE;

/** `table` (whose header holds the column) as printed by the kubectl of `printersMinor`. */
export function withAttributesClassColumn(table: TablePrinter<KubeObject>): TablePrinter<KubeObject> {
  const at = table.header.indexOf(VOLUME_ATTRIBUTES_CLASS);
  const without = table.header.filter((_, i) => i !== at);
  return {
    ...table,
    columns: ({ printersMinor }) => ({
      header: shown(printersMinor) ? table.header : without,
      wide: table.wide,
    }),
    cells: (o, opts) => {
      const cells = table.cells(o, opts);
      return shown(opts.printersMinor) ? cells : cells.filter((_, i) => i !== at);
    },
  };
}
