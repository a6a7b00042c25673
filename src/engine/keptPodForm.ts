/**
 * The form the API server keeps of the last pod it admitted on create (apiserver.ts admitPod),
 * with the ServiceAccount plug-in's plan already carried out on it, and the copy of it each pod
 * asked for alike is stored as.
 *
 * The plan (k8s/kinds/serviceAccount/admission.ts, plugin/pkg/admission/serviceaccount
 * admission.go mountServiceAccountToken) is the same for every pod of one admitted spec and
 * account but for the token volume's random name (`kube-api-access-` and five characters): the
 * form holds the plan's result with a placeholder there, and knows where the name goes (the
 * volume, and each mount of it). A pod is then one copy of the form with its own name and
 * volume name written in, instead of a copy of admission's output followed by the plan's
 * copies of the spec, the containers' list and each mounted container.
 *
 * The same pod as the plan carried out on a copy: the plan's output shares with its input every
 * part it leaves alone and makes the rest anew (specWithServiceAccount), so its copy holds the
 * same keys in the same order and the same values; the one part the plan shares between pods,
 * the frozen token projection (TOKEN_PROJECTION), is shared by the copy too, as before. The name
 * is drawn at the same point, once per pod, and only where the plan draws one.
 */
import { deepFreeze } from "../k8s/clone.ts";
import {
  specWithServiceAccount,
  TOKEN_PROJECTION,
  TOKEN_VOLUME_PREFIX,
  type ServiceAccountPlan,
} from "../k8s/kinds/serviceAccount/admission.ts";
import type { KubeObject } from "../k8s/types.ts";

type Obj = Record<string, unknown>;

/** A mount of the token volume: the container list, the container's index, the mount's index. */
type TokenMount = readonly ["initContainers" | "containers", number, number];

export interface KeptPodForm {
  /** Admission's output with the plan carried out (the name drawn per pod left a placeholder), frozen. */
  readonly pod: KubeObject;
  /** Where a pod's own token volume name goes: the volume's index in spec.volumes, and the mounts. */
  readonly tokenVolume?: { readonly index: number; readonly mounts: readonly TokenMount[] };
}

/** The form of `admitted` (admission's output, which nobody else holds) under `plan`; it freezes `admitted`. */
export function keptPodForm(admitted: KubeObject, plan: ServiceAccountPlan | undefined): KeptPodForm {
  if (plan === undefined) return { pod: deepFreeze(admitted) };
  const a = admitted as unknown as Obj;
  const spec = specWithServiceAccount(a.spec as Obj, plan, () => TOKEN_VOLUME_PREFIX);
  const pod = deepFreeze({ ...a, spec }) as unknown as KubeObject;
  // specWithServiceAccount draws a name only where it adds a volume that something mounts.
  if (plan.existingVolume !== undefined || plan.initMounts.length + plan.mounts.length === 0) return { pod };
  const mounts: TokenMount[] = [];
  for (const [list, indices] of [
    ["initContainers", plan.initMounts],
    ["containers", plan.mounts],
  ] as const)
    for (const i of indices) {
      const c = (spec[list] as Obj[])[i];
      mounts.push([list, i, (c.volumeMounts as unknown[]).length - 1]);
    }
  return { pod, tokenVolume: { index: (spec.volumes as unknown[]).length - 1, mounts } };
}

/** A pod from the form: a copy (unfrozen, but for the token projection) with `name` and its token volume's name. */
export function podFromForm(form: KeptPodForm, name: string, volumeName: () => string): KubeObject {
  const pod = copyOf(form.pod) as KubeObject;
  pod.metadata.name = name;
  const slots = form.tokenVolume;
  if (slots !== undefined) {
    const volume = volumeName();
    const spec = (pod as unknown as { spec: Obj }).spec;
    ((spec.volumes as Obj[])[slots.index] as Obj).name = volume;
    for (const [list, i, j] of slots.mounts)
      (((spec[list] as Obj[])[i] as Obj).volumeMounts as Obj[])[j].name = volume;
  }
  return pod;
}

/** clone.ts deepClone, but the token projection every pod's volume shares stays shared. */
function copyOf(v: unknown): unknown {
  if (v === null || typeof v !== "object" || v === TOKEN_PROJECTION) return v;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) if (i in v) out[i] = copyOf(v[i]);
    return out;
  }
  const out: Obj = {};
  const from = v as Obj;
  for (const k in from) if (Object.hasOwn(from, k)) out[k] = copyOf(from[k]);
  return out;
}
