/** `kubectl describe configmap` (describe.go describeConfigMap). */
import type { ConfigMap } from "../../types.ts";
import type { DescribeContext } from "../descriptor.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "../../printing/describeWriter.ts";
import { eventsFor, namespaceOf } from "../../printing/describe.ts";

/** describeConfigMap: each key, a "----" rule, then the value verbatim. */
export function describeConfigMap(cm: ConfigMap, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${cm.metadata.name}\n`);
  w.write(0, `Namespace:\t${namespaceOf(cm)}\n`);
  printLabelsMultiline(w, "Labels", cm.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", cm.metadata.annotations);
  w.write(0, "\nData\n====\n");
  for (const k of Object.keys(cm.data ?? {}).sort())
    w.write(0, `${k}:\n----\n${(cm.data as Record<string, string>)[k]}\n`);
  w.write(0, "\nBinaryData\n====\n");
  for (const k of Object.keys(cm.binaryData ?? {}).sort())
    w.write(0, `${k}: ${atobLength((cm.binaryData as Record<string, string>)[k])} bytes\n`);
  w.write(0, "\n");
  eventsFor(w, cm, ctx);
  return w.toString();
}

/** Decoded length of base64 text (binaryData is stored base64-encoded). */
function atobLength(b64: string): number {
  const clean = b64.replace(/=+$/, "");
  return Math.floor((clean.length * 3) / 4);
}
