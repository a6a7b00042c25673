/**
 * The ServiceAccount plug-in's changes to a pod spec (plugin/pkg/admission/serviceaccount/
 * admission.go Admit: serviceAccountName, mountServiceAccountToken, the kube-api-access volume,
 * the account's imagePullSecrets) as `specWithServiceAccount` carries out a plan: sharing the
 * parts it leaves alone with the spec given, or copying them (the API server's stored pod from a
 * kept admitted form, apiserver.ts podCopy). Both give what the plug-in does in place on a copy
 * of the spec, keys in the same order.
 */
import { describe, expect, it } from "vitest";
import { deepClone, deepFreeze } from "../../src/k8s/clone.ts";
import {
  planServiceAccount,
  specWithServiceAccount,
  TOKEN_MOUNT_PATH,
  TOKEN_PROJECTION,
  type ServiceAccountPlan,
} from "../../src/k8s/kinds/serviceAccount/admission.ts";
import type { KubeObject } from "../../src/k8s/types.ts";

type Obj = Record<string, unknown>;

const account = (extra: Obj = {}) =>
  ({
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: "default" },
    ...extra,
  }) as unknown as KubeObject;

/** admission.go's steps done in place on a copy: the reference both ways are held to. */
function inPlace(spec: Obj, plan: ServiceAccountPlan, volumeName: string): Obj {
  const out = deepClone(spec) as Obj & { initContainers?: Obj[]; containers?: Obj[]; volumes?: Obj[] };
  out.serviceAccountName = plan.serviceAccountName;
  out.serviceAccount = plan.serviceAccountName;
  if (plan.imagePullSecrets) out.imagePullSecrets = plan.imagePullSecrets.map((s) => ({ ...s }));
  if (plan.initMounts.length + plan.mounts.length === 0) return out;
  const name = plan.existingVolume ?? volumeName;
  const mount = (c: Obj) => {
    c.volumeMounts = [
      ...((c.volumeMounts as Obj[] | undefined) ?? []),
      { name, readOnly: true, mountPath: TOKEN_MOUNT_PATH },
    ];
  };
  for (const i of plan.initMounts) mount(out.initContainers![i]);
  for (const i of plan.mounts) mount(out.containers![i]);
  if (plan.existingVolume === undefined)
    out.volumes = [...(out.volumes ?? []), { name, projected: TOKEN_PROJECTION }];
  return out;
}

/** Every object and array in `v` (TOKEN_PROJECTION's insides left out: every pod shares it). */
function partsOf(v: unknown, into = new Set<object>()): Set<object> {
  if (typeof v !== "object" || v === null || v === TOKEN_PROJECTION) return into;
  into.add(v);
  for (const x of Object.values(v)) partsOf(x, into);
  return into;
}

const specs: [string, Obj, Obj?][] = [
  [
    "plain, keys after the containers",
    {
      containers: [{ name: "app", image: "app:1", resources: { requests: { cpu: "100m" } } }],
      restartPolicy: "Always",
      securityContext: {},
    },
  ],
  [
    "init containers, one already mounting the token path",
    {
      initContainers: [
        { name: "init", image: "i:1", volumeMounts: [{ name: "own", mountPath: TOKEN_MOUNT_PATH }] },
        { name: "init2", image: "i:2" },
      ],
      containers: [
        { name: "a", image: "a:1", volumeMounts: [{ name: "data", mountPath: "/data" }] },
        { name: "b", image: "b:1" },
      ],
      volumes: [{ name: "data", emptyDir: {} }],
    },
  ],
  [
    "its own kube-api-access volume",
    {
      containers: [{ name: "a", image: "a:1" }],
      volumes: [{ name: "kube-api-access-mine", projected: { sources: [] } }],
    },
  ],
  [
    "the account's imagePullSecrets",
    { containers: [{ name: "a", image: "a:1" }] },
    { imagePullSecrets: [{ name: "reg" }] },
  ],
  [
    "automount off on the pod",
    { automountServiceAccountToken: false, containers: [{ name: "a", image: "a:1" }] },
  ],
  [
    "automount off on the account",
    { containers: [{ name: "a", image: "a:1" }] },
    { automountServiceAccountToken: false },
  ],
  [
    "serviceAccountName already set, before the containers",
    { serviceAccountName: "default", containers: [{ name: "a", image: "a:1" }], imagePullSecrets: [] },
    { imagePullSecrets: [{ name: "reg" }] },
  ],
];

describe("specWithServiceAccount: a plan carried out sharing or copying the parts it leaves", () => {
  it.each(specs)("%s: both ways give the plug-in's in-place result, keys in order", (_, spec, extra) => {
    const form = deepFreeze(deepClone(spec));
    const plan = planServiceAccount(form, account(extra));
    const expected = JSON.stringify(inPlace(form, plan, "kube-api-access-x1y2z"));
    const names: string[] = [];
    const volumeName = () => (names.push("asked"), "kube-api-access-x1y2z");
    const sharing = specWithServiceAccount(form, plan, volumeName);
    const copying = specWithServiceAccount(form, plan, volumeName, deepClone);
    expect(JSON.stringify(sharing)).toBe(expected);
    expect(JSON.stringify(copying)).toBe(expected);
    // A name is drawn only for a token volume the plan adds, once per spec.
    const adds = plan.existingVolume === undefined && plan.initMounts.length + plan.mounts.length > 0;
    expect(names).toHaveLength(adds ? 2 : 0);
    // The copy holds nothing of the form (but the frozen projection); sharing holds what it leaves alone.
    const formParts = partsOf(form);
    for (const p of partsOf(copying)) expect(formParts.has(p)).toBe(false);
    expect(Object.isFrozen(copying.containers)).toBe(false);
    const untouched = (form.containers as Obj[]).findIndex((_c, i) => !plan.mounts.includes(i));
    if (untouched >= 0)
      expect((sharing.containers as Obj[])[untouched]).toBe((form.containers as Obj[])[untouched]);
  });
});
