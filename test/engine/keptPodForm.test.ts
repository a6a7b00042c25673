/**
 * The API server's kept pod form (src/engine/keptPodForm.ts): a pod copied from it is the pod
 * the ServiceAccount plug-in's plan carried out on a copy of admission's output would be
 * (plugin/pkg/admission/serviceaccount admission.go mountServiceAccountToken: the token volume
 * `kube-api-access-…`, a read-only mount of it in each init container and container that mounts
 * nothing at the token path, the account's imagePullSecrets for a pod with none), byte for byte,
 * its token volume name drawn at the same point and only where the plan draws one.
 */
import { describe, expect, it } from "vitest";
import { keptPodForm, podFromForm } from "../../src/engine/keptPodForm.ts";
import { deepClone } from "../../src/k8s/clone.ts";
import {
  planServiceAccount,
  specWithServiceAccount,
  TOKEN_MOUNT_PATH,
  TOKEN_PROJECTION,
} from "../../src/k8s/kinds/serviceAccount/admission.ts";
import type { KubeObject } from "../../src/k8s/types.ts";

type Obj = Record<string, unknown>;

const pod = (spec: Obj): KubeObject =>
  ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web-abc12", namespace: "default", labels: { app: "web" } },
    spec,
    status: { phase: "Pending" },
  }) as unknown as KubeObject;

const account = (extra: Obj = {}): KubeObject =>
  ({
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: "default" },
    ...extra,
  }) as unknown as KubeObject;

/** A stream of names, counted: the same for both builds. */
function names() {
  let n = 0;
  const draw = () => `kube-api-access-${String(n++).padStart(5, "x")}`;
  return { draw, drawn: () => n };
}

/** The pod as the API server stored it before the form: a copy, named, then the plan on its spec. */
function planOnCopy(admitted: KubeObject, acct: KubeObject, name: string, draw: () => string): KubeObject {
  const stored = deepClone(admitted) as unknown as Obj & { metadata: Obj; spec: Obj };
  stored.metadata.name = name;
  const plan = planServiceAccount((admitted as unknown as { spec: Obj }).spec, acct);
  stored.spec = specWithServiceAccount(stored.spec, plan, draw);
  return stored as unknown as KubeObject;
}

const text = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (x === undefined ? "<undefined>" : x));

const cases: [string, Obj, KubeObject][] = [
  ["one container", { containers: [{ name: "app", image: "nginx" }] }, account()],
  [
    "init containers and containers, one already mounting the token path",
    {
      initContainers: [{ name: "init", image: "busybox" }],
      containers: [
        { name: "app", image: "nginx", volumeMounts: [{ name: "data", mountPath: "/data" }] },
        { name: "own", image: "nginx", volumeMounts: [{ name: "mine", mountPath: TOKEN_MOUNT_PATH }] },
      ],
      volumes: [{ name: "data", emptyDir: {} }],
    },
    account(),
  ],
  [
    "a kube-api-access volume of its own",
    {
      containers: [{ name: "app", image: "nginx" }],
      volumes: [{ name: "kube-api-access-mine1", emptyDir: {} }],
    },
    account(),
  ],
  [
    "the account's imagePullSecrets",
    { containers: [{ name: "app", image: "nginx" }] },
    account({ imagePullSecrets: [{ name: "registry" }] }),
  ],
  [
    "automount off on the account",
    { containers: [{ name: "app", image: "nginx" }] },
    account({ automountServiceAccountToken: false }),
  ],
  [
    "automount off on the pod, a named account",
    {
      serviceAccountName: "robot",
      automountServiceAccountToken: false,
      containers: [{ name: "app", image: "nginx" }],
    },
    account(),
  ],
];

describe("a pod from the kept form (keptPodForm.ts)", () => {
  it.each(cases)(
    "%s: the plan carried out on a copy, byte for byte, with the same names drawn",
    (_n, spec, acct) => {
      const admitted = pod(spec);
      const plan = planServiceAccount(spec, acct);
      const form = keptPodForm(deepClone(admitted), plan);
      const a = names();
      const b = names();
      for (const name of ["web-aaaaa", "web-bbbbb", "web-ccccc"]) {
        const fromForm = podFromForm(form, name, a.draw);
        const reference = planOnCopy(admitted, acct, name, b.draw);
        expect(text(fromForm)).toBe(text(reference));
      }
      expect(a.drawn()).toBe(b.drawn());
    },
  );

  it("gives each pod its own parts but the shared token projection, none of them frozen", () => {
    const spec = { containers: [{ name: "app", image: "nginx" }] };
    const form = keptPodForm(pod(spec), planServiceAccount(spec, account()));
    const { draw } = names();
    const [p, q] = [
      podFromForm(form, "web-aaaaa", draw),
      podFromForm(form, "web-bbbbb", draw),
    ] as unknown as {
      metadata: Obj;
      spec: { containers: Obj[]; volumes: Obj[] };
    }[];
    expect(p.metadata.name).toBe("web-aaaaa");
    expect(q.spec.containers[0]).not.toBe(p.spec.containers[0]);
    expect(q.spec.volumes[0]).not.toBe(p.spec.volumes[0]);
    expect(q.spec.volumes[0].name).not.toBe(p.spec.volumes[0].name);
    expect((q.spec.containers[0].volumeMounts as Obj[])[0].name).toBe(q.spec.volumes[0].name);
    expect(p.spec.volumes[0].projected).toBe(TOKEN_PROJECTION);
    expect(Object.isFrozen(p.spec.containers[0])).toBe(false);
    expect(Object.isFrozen(form.pod)).toBe(true);
  });
});
