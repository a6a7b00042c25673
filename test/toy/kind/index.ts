/**
 * A toy kind, PodCounter (toys.replicast.dev/v1): it names a label selector and its status
 * counts the pods the selector picks. Everything Replicast needs of it is here, in one
 * descriptor — names, strategy, printers, trace summary, language words — registered with a
 * run (`runScenario(…, { extensions: [{ kinds: [PodCounterKind] }] })`). docs/architecture.md,
 * "Adding a kind", walks through it.
 */
import type { KindDescriptor } from "../../../src/k8s/kinds/descriptor.ts";
import { defaultMeta } from "../../../src/k8s/defaults.ts";
import { required } from "../../../src/k8s/fieldErrors.ts";
import { selectorToString } from "../../../src/k8s/labels.ts";
import { eventsFor, namespaceOf } from "../../../src/k8s/printing/describe.ts";
import { PrefixWriter, printLabelsMultiline } from "../../../src/k8s/printing/describeWriter.ts";
import { age } from "../../../src/k8s/printing/table.ts";
import type { KubeObject, LabelSelector, ObjectMeta } from "../../../src/k8s/types.ts";
import { isDNS1123Subdomain, validateObjectMeta } from "../../../src/k8s/validateMeta.ts";

export interface PodCounter {
  apiVersion: "toys.replicast.dev/v1";
  kind: "PodCounter";
  metadata: ObjectMeta;
  spec: { selector: LabelSelector };
  status: { pods: number; ready: number; observedGeneration?: number };
}

export interface PodCounterSummary {
  pods: number;
  ready: number;
  exists: boolean;
}

/** The toy's objects travel through the engine as any object does. */
export const asPodCounter = (o: KubeObject): PodCounter => o as unknown as PodCounter;

export const PodCounterKind: KindDescriptor<KubeObject, PodCounterSummary> = {
  kind: "PodCounter",
  group: "toys.replicast.dev",
  versions: ["v1"],
  namespaced: true,
  plural: "podcounters",
  singular: "podcounter",
  shortNames: ["pcnt"],
  categories: [],
  prose: "a PodCounter",
  simulated: true,
  strategy: {
    tracksGeneration: true,
    initialStatus: () => ({ pods: 0, ready: 0 }),
    admit(raw) {
      const object = { ...raw, metadata: defaultMeta(raw.metadata) };
      const spec = raw.spec as { selector?: unknown } | undefined;
      const errors = validateObjectMeta(object.metadata, isDNS1123Subdomain);
      if (spec?.selector === undefined) errors.push(required("spec.selector", ""));
      return { object, errors };
    },
  },
  table: {
    header: ["NAME", "SELECTOR", "PODS", "READY", "AGE"],
    wide: [],
    cells(o, { now }) {
      const pc = asPodCounter(o);
      return [
        pc.metadata.name,
        selectorToString(pc.spec.selector),
        String(pc.status?.pods ?? 0),
        String(pc.status?.ready ?? 0),
        age(now, pc.metadata.creationTimestamp),
      ];
    },
  },
  describe(o, ctx) {
    const pc = asPodCounter(o);
    const w = new PrefixWriter();
    w.write(0, `Name:\t${pc.metadata.name}\n`);
    w.write(0, `Namespace:\t${namespaceOf(o)}\n`);
    printLabelsMultiline(w, "Labels", pc.metadata.labels);
    w.write(0, `Selector:\t${selectorToString(pc.spec.selector)}\n`);
    w.write(0, `Pods:\t${pc.status?.ready ?? 0} ready / ${pc.status?.pods ?? 0} total\n`);
    eventsFor(w, o, ctx);
    return w.toString();
  },
  summary: {
    summarize: (o, gone) => {
      const pc = asPodCounter(o);
      return {
        pods: gone ? 0 : (pc.status?.pods ?? 0),
        ready: gone ? 0 : (pc.status?.ready ?? 0),
        exists: !gone,
      };
    },
    quantities: { pods: { read: (s) => s.pods }, ready: { read: (s) => s.ready } },
  },
  language: { word: "podcounter", words: ["podcounter", "podcounters", "pcnt"], bare: false },
};
