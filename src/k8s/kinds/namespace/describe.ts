/** `kubectl describe namespace` (describe.go describeNamespace). */
import type { KubeObject } from "../../types.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "../../printing/describeWriter.ts";
import { phaseOf } from "./index.ts";

/**
 * describeNamespace: name, labels, annotations and phase, then the namespace's quotas and
 * limit ranges (describeQuotas, describeLimitRanges), which Replicast never has. A namespace
 * has no Events section.
 */
export function describeNamespace(ns: KubeObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ns.metadata.name}\n`);
  printLabelsMultiline(w, "Labels", ns.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", ns.metadata.annotations);
  w.write(0, `Status:\t${phaseOf(ns)}\n`);
  w.write(0, "\nNo resource quota.\n");
  w.write(0, "\nNo LimitRange resource.\n");
  return w.toString();
}
