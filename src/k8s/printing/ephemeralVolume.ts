/**
 * `kubectl describe`'s generic ephemeral volume (k8s.io/kubectl/pkg/describe/describe.go
 * printEphemeralVolumeSource): its type line, then the claim template as printPersistentVolumeClaim
 * prints a claim that is not a full one (no name, namespace, status or finalizers), through
 * NewNestedPrefixWriter(w, LEVEL_2). That writer indents every Write by four spaces, the first
 * cell's and the later ones' alike, so the template's labels and annotations print four spaces
 * after their column (`Labels:            app=web` on a real cluster), and a label after the first
 * eight spaces before its tab (printLabelsMultilineWithIndent writes the indents in two calls).
 */
import { accessModesText, storageClassOf } from "../kinds/persistentVolume/storage.ts";
import { obj, str } from "../kinds/stored/fields.ts";
import type { KubeObject } from "../types.ts";
import { printAnnotationsMultiline, printLabelsMultiline, type Writer } from "./describeWriter.ts";
import { printClaimSource } from "./claimSource.ts";
import { quantityText } from "./quantityText.ts";

/** NewNestedPrefixWriter(w, indent): each write `indent` levels deeper. */
class NestedWriter implements Writer {
  constructor(
    private readonly out: Writer,
    private readonly indent: number,
  ) {}
  write(level: number, text: string): void {
    this.out.write(level + this.indent, text);
  }
  flush(): void {
    this.out.flush();
  }
}

export function describeEphemeralVolume(w: Writer, ephemeral: unknown): void {
  w.write(
    2,
    "Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n",
  );
  const template = obj(ephemeral).volumeClaimTemplate;
  if (template === undefined) return;
  const t = obj(template);
  const meta = obj(t.metadata) as { labels?: Record<string, string>; annotations?: Record<string, string> };
  const spec = obj(t.spec);
  const claim = { metadata: { name: "", ...meta }, spec } as unknown as KubeObject;
  const n = new NestedWriter(w, 2);
  n.write(0, `StorageClass:\t${storageClassOf(claim)}\n`);
  const volumeName = str(spec.volumeName);
  n.write(0, `Volume:\t${volumeName}\n`);
  printLabelsMultiline(n, "Labels", meta.labels);
  printAnnotationsMultiline(n, "Annotations", meta.annotations);
  // A template names no status: a volume name set prints the zero capacity, "0".
  n.write(0, `Capacity:\t${volumeName !== "" ? quantityText("0") : ""}\n`);
  n.write(0, `Access Modes:\t${volumeName !== "" ? accessModesText(undefined) : ""}\n`);
  printClaimSource(n, spec);
}
