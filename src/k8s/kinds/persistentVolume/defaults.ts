/**
 * A stored storage kind made a simulated one: the status it starts with (the registries'
 * PrepareForCreate: pkg/registry/core/persistentvolume(claim)/strategy.go, phase Pending) and
 * its spec's defaults (pkg/apis/core/v1/defaults.go SetDefaults_PersistentVolumeSpec,
 * SetDefaults_PersistentVolumeClaimSpec), filled where the manifest leaves them out.
 */
import type { KubeObject } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";

export function withStorageDefaults(
  d: KindDescriptor<KubeObject>,
  defaults: Readonly<Record<string, string>>,
): KindDescriptor<KubeObject> {
  const admit = d.strategy.admit;
  return {
    ...d,
    storedOnly: false,
    strategy: {
      ...d.strategy,
      initialStatus: () => ({ phase: "Pending" }),
      admit(raw, apiVersion, old, opts) {
        const admitted = admit(raw, apiVersion, old, opts);
        const o = admitted.object;
        const spec = o.spec;
        if (spec !== undefined && (typeof spec !== "object" || spec === null || Array.isArray(spec)))
          return admitted;
        const filled: Record<string, unknown> = { ...((spec as Record<string, unknown>) ?? {}) };
        for (const [k, v] of Object.entries(defaults)) if (filled[k] === undefined) filled[k] = v;
        return { ...admitted, object: { ...o, spec: filled } };
      },
    },
  };
}
