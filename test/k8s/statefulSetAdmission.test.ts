/**
 * StatefulSet admission (pkg/apis/apps/v1 SetDefaults_StatefulSet, apps/validation
 * ValidateStatefulSet / ValidateStatefulSetUpdate, registry/apps/statefulset/strategy.go
 * dropStatefulSetDisabledFields), with kube-apiserver's messages.
 */
import { describe, expect, it } from "vitest";
import { admit } from "../../src/k8s/admission.ts";
import type { KubeObject, StatefulSet } from "../../src/k8s/types.ts";

const sts = (spec: Record<string, unknown> = {}) => ({
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: { name: "db" },
  spec: {
    serviceName: "db",
    selector: { matchLabels: { app: "db" } },
    template: { metadata: { labels: { app: "db" } }, spec: { containers: [{ name: "db", image: "db:1" }] } },
    ...spec,
  },
});
const details = (r: ReturnType<typeof admit>) => r.errors.map((e) => `${e.field}: ${e.detail ?? e.message}`);

describe("SetDefaults_StatefulSet", () => {
  it("defaults replicas, OrderedReady, RollingUpdate with partition 0, Retain/Retain, revisionHistoryLimit 10", () => {
    const s = admit(sts()).object as StatefulSet;
    expect(s.spec).toMatchObject({
      replicas: 1,
      podManagementPolicy: "OrderedReady",
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
      revisionHistoryLimit: 10,
    });
  });

  it("`type: RollingUpdate` written without a block keeps none (kubectl rollout status then reads the revisions)", () => {
    const s = admit(sts({ updateStrategy: { type: "RollingUpdate" } })).object as StatefulSet;
    expect(s.spec.updateStrategy).toEqual({ type: "RollingUpdate" });
  });
});

describe("MaxUnavailableStatefulSet (alpha in 1.28, off by default)", () => {
  const withMax = (maxUnavailable: unknown) =>
    sts({ updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable } } });
  const ru = (r: ReturnType<typeof admit>) =>
    (r.object as StatefulSet | undefined)?.spec.updateStrategy.rollingUpdate;

  it("without the gate the API server drops maxUnavailable, before validating it", () => {
    expect(ru(admit(withMax(2)))).toEqual({ partition: 0 });
    expect(details(admit(withMax(0)))).toEqual([]);
  });

  it("with the gate it is kept and validated", () => {
    expect(ru(admit(withMax(2), undefined, { maxUnavailableStatefulSet: true }))).toEqual({
      partition: 0,
      maxUnavailable: 2,
    });
    expect(details(admit(withMax(0), undefined, { maxUnavailableStatefulSet: true }))).toEqual([
      "spec.updateStrategy.rollingUpdate.maxUnavailable: must be greater than 0",
    ]);
  });

  it("a stored set that already uses it keeps it on update, gate or not (maxUnavailableInUse)", () => {
    const stored = admit(withMax(2), undefined, { maxUnavailableStatefulSet: true }).object as KubeObject;
    expect(ru(admit(withMax(3), stored))).toEqual({ partition: 0, maxUnavailable: 3 });
  });
});

describe("ValidateStatefulSet / ValidateStatefulSetUpdate", () => {
  it.each([
    [
      "a selector that does not select the template's labels",
      sts({ selector: { matchLabels: { app: "other" } } }),
      ["spec.template.metadata.labels: `selector` does not match template `labels`"],
    ],
    [
      "an unknown podManagementPolicy",
      sts({ podManagementPolicy: "Burst" }),
      ["spec.podManagementPolicy: must be 'OrderedReady' or 'Parallel'"],
    ],
    [
      "a negative partition",
      sts({ updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: -1 } } }),
      ["spec.updateStrategy.rollingUpdate.partition: must be greater than or equal to 0"],
    ],
  ])("%s", (_name, raw, want) => {
    expect(details(admit(raw))).toEqual(want);
  });

  it("an update may change only replicas, ordinals, template, updateStrategy, the retention policy and minReadySeconds", () => {
    const stored = admit(sts()).object as KubeObject;
    expect(details(admit(sts({ serviceName: "other" }), stored))).toEqual([
      "spec: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
    expect(details(admit(sts({ replicas: 5 }), stored))).toEqual([]);
  });
});
