/**
 * The LimitRanger admission plug-in (plugin/pkg/admission/limitranger/admission.go
 * mergeContainerResources, minConstraint, maxConstraint, maxRequestConstraint,
 * limitRequestRatioConstraint, PersistentVolumeClaimValidateLimitFunc) and the
 * LimitRange defaults (pkg/apis/core/v1/defaults.go SetDefaults_LimitRangeItem).
 */
import { describe, expect, it } from "vitest";
import {
  applyLimitRangeDefaults,
  claimLimitRangeRefusal,
  defaultLimitRangeItem,
  LIMIT_RANGER_ANNOTATION,
  limitRangeRefusal,
} from "../../src/k8s/kinds/limitRange/admission.ts";
import { admit } from "../../src/k8s/admission.ts";
import type { KubeObject } from "../../src/k8s/types.ts";

type Obj = Record<string, unknown>;

const range = (...limits: Obj[]) =>
  ({
    apiVersion: "v1",
    kind: "LimitRange",
    metadata: { name: "lr" },
    spec: { limits },
  }) as unknown as KubeObject;

const pod = (containers: Obj[], initContainers?: Obj[]) =>
  ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web-1" },
    spec: { containers, ...(initContainers ? { initContainers } : {}) },
  }) as unknown as KubeObject;

const resources = (p: KubeObject, i = 0) =>
  ((p as unknown as { spec: { containers: Obj[] } }).spec.containers[i].resources ?? {}) as Obj;

describe("SetDefaults_LimitRangeItem", () => {
  it("defaults a Container item's default limit to max, its default request to the default, then to min", () => {
    expect(defaultLimitRangeItem({ type: "Container", max: { cpu: "2" }, min: { memory: "64Mi" } })).toEqual({
      type: "Container",
      max: { cpu: "2" },
      min: { memory: "64Mi" },
      default: { cpu: "2" },
      defaultRequest: { cpu: "2", memory: "64Mi" },
    });
  });

  it("leaves a Pod item as written", () => {
    expect(defaultLimitRangeItem({ type: "Pod", max: { cpu: "2" } })).toEqual({
      type: "Pod",
      max: { cpu: "2" },
    });
  });

  it("is what the API server stores", () => {
    const { object } = admit(range({ type: "Container", default: { cpu: "500m" } }));
    const spec = (object as unknown as { spec: { limits: Obj[] } }).spec;
    expect(spec.limits[0]).toEqual({
      type: "Container",
      default: { cpu: "500m" },
      defaultRequest: { cpu: "500m" },
    });
  });
});

describe("LimitRanger's defaults on a pod", () => {
  const lr = range({
    type: "Container",
    default: { cpu: "500m", memory: "256Mi" },
    defaultRequest: { cpu: "100m", memory: "128Mi" },
  });

  it("fills in what a container does not set and says so in the annotation, requests first", () => {
    const p = applyLimitRangeDefaults(pod([{ name: "app", image: "a" }]), [lr]);
    expect(resources(p)).toEqual({
      limits: { cpu: "500m", memory: "256Mi" },
      requests: { cpu: "100m", memory: "128Mi" },
    });
    expect(p.metadata.annotations?.[LIMIT_RANGER_ANNOTATION]).toBe(
      "LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app",
    );
  });

  it("names init containers as such, after the containers", () => {
    const p = applyLimitRangeDefaults(
      pod(
        [
          {
            name: "app",
            resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
          },
        ],
        [{ name: "migrate" }],
      ),
      [lr],
    );
    expect(p.metadata.annotations?.[LIMIT_RANGER_ANNOTATION]).toBe(
      "LimitRanger plugin set: cpu, memory request for init container migrate; cpu, memory limit for init container migrate",
    );
  });

  it("takes a limit the pod sets as its request (the API server's defaults copy it first)", () => {
    const p = applyLimitRangeDefaults(pod([{ name: "app", resources: { limits: { cpu: "2" } } }]), [lr]);
    expect(resources(p)).toEqual({
      limits: { cpu: "2", memory: "256Mi" },
      requests: { memory: "128Mi" },
    });
  });

  it("returns the pod itself when there is nothing to set", () => {
    const p = pod([
      {
        name: "app",
        resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
      },
    ]);
    expect(applyLimitRangeDefaults(p, [lr])).toBe(p);
  });
});

describe("LimitRanger's checks", () => {
  const check = (lr: KubeObject, p: KubeObject) => limitRangeRefusal(p, [lr], "web-1");

  it("refuses a container over max with the API server's message", () => {
    const lr = range({ type: "Container", max: { cpu: "1" } });
    const p = pod([{ name: "app", resources: { requests: { cpu: "2" }, limits: { cpu: "2" } } }]);
    expect(check(lr, p)).toBe(
      'pods "web-1" is forbidden: maximum cpu usage per Container is 1, but limit is 2',
    );
  });

  it("says when no limit is set for a max, and brackets several breaches", () => {
    const lr = range({ type: "Container", max: { cpu: "1" }, min: { memory: "64Mi" } });
    const p = pod([{ name: "app", resources: { requests: { memory: "32Mi" } } }]);
    expect(check(lr, p)).toBe(
      'pods "web-1" is forbidden: [minimum memory usage per Container is 64Mi, but request is 32Mi, ' +
        "maximum cpu usage per Container is 1.  No limit is specified]",
    );
  });

  it("checks maxLimitRequestRatio, printing the ratio as Go's %f", () => {
    const lr = range({ type: "Container", maxLimitRequestRatio: { cpu: "2" } });
    const p = pod([{ name: "app", resources: { requests: { cpu: "100m" }, limits: { cpu: "300m" } } }]);
    expect(check(lr, p)).toBe(
      'pods "web-1" is forbidden: cpu max limit to request ratio per Container is 2, but provided ratio is 3.000000',
    );
  });

  // admission.go (1.15 on, so 1.34's) words each breach without a closing period; the
  // period that 1.13's messages ended with must not come back in any of the constraints.
  it("ends no constraint's message with a period, as 1.34's admission.go", () => {
    const lr = range({
      type: "Container",
      min: { memory: "64Mi" },
      max: { cpu: "1" },
      maxLimitRequestRatio: { cpu: "2" },
    });
    const bare = pod([{ name: "app" }]);
    expect(check(lr, bare)).toBe(
      'pods "web-1" is forbidden: [minimum memory usage per Container is 64Mi.  No request is specified, ' +
        "maximum cpu usage per Container is 1.  No limit is specified, " +
        "cpu max limit to request ratio per Container is 2, but no request is specified or request is 0]",
    );
    const noLimit = pod([{ name: "app", resources: { requests: { cpu: "100m", memory: "1Gi" } } }]);
    expect(check(lr, noLimit)).toBe(
      'pods "web-1" is forbidden: [maximum cpu usage per Container is 1.  No limit is specified, ' +
        "cpu max limit to request ratio per Container is 2, but no limit is specified or limit is 0]",
    );
  });

  it("checks a Pod item against the containers' sum", () => {
    const lr = range({ type: "Pod", max: { cpu: "1" } });
    const c = (name: string) => ({ name, resources: { requests: { cpu: "600m" }, limits: { cpu: "600m" } } });
    expect(check(lr, pod([c("a")]))).toBeUndefined();
    expect(check(lr, pod([c("a"), c("b")]))).toBe(
      'pods "web-1" is forbidden: maximum cpu usage per Pod is 1, but limit is 1200m',
    );
  });

  // 1.34's admission.go podRequests/podLimits (component-helpers' PodRequests on the spec):
  // addResourceList sums what each container sets, so a container that leaves a resource out
  // does not take it out of the pod's sum (before 1.27, sum() dropped it unless every
  // container set it).
  it("sums what each container sets, a container without the resource counting nothing", () => {
    const lr = range({ type: "Pod", max: { memory: "1Gi" } });
    const p = pod([
      { name: "a", resources: { requests: { memory: "512Mi" }, limits: { memory: "768Mi" } } },
      { name: "b", resources: { requests: { memory: "512Mi" }, limits: { memory: "768Mi" } } },
      { name: "c", resources: { requests: { cpu: "100m" }, limits: { cpu: "100m" } } },
    ]);
    // Quantity.Add keeps the first's format: 768Mi + 768Mi is 1536Mi, not 1610612736.
    expect(check(lr, p)).toBe(
      'pods "web-1" is forbidden: maximum memory usage per Pod is 1Gi, but limit is 1536Mi',
    );
    const min = range({ type: "Pod", min: { cpu: "200m" } });
    expect(check(min, p)).toBe(
      'pods "web-1" is forbidden: minimum cpu usage per Pod is 200m, but request is 100m',
    );
  });

  it("adds sidecars (restartable init containers) and raises the sum to the largest init step", () => {
    const lr = range({ type: "Pod", max: { cpu: "1" } });
    const cpu = (name: string, v: string, restartPolicy?: string) => ({
      name,
      ...(restartPolicy ? { restartPolicy } : {}),
      resources: { requests: { cpu: v }, limits: { cpu: v } },
    });
    // A sidecar runs beside the app: 700m + 400m.
    expect(check(lr, pod([cpu("app", "700m")], [cpu("proxy", "400m", "Always")]))).toBe(
      'pods "web-1" is forbidden: maximum cpu usage per Pod is 1, but limit is 1100m',
    );
    // A plain init container runs alone, with the sidecars started before it: max(300m, 200m + 900m).
    expect(
      check(lr, pod([cpu("app", "300m")], [cpu("proxy", "200m", "Always"), cpu("migrate", "900m")])),
    ).toBe('pods "web-1" is forbidden: maximum cpu usage per Pod is 1, but limit is 1100m');
    expect(check(lr, pod([cpu("app", "300m")], [cpu("migrate", "900m")]))).toBeUndefined();
  });

  it("takes the pod's own spec.resources for cpu and memory (PodLevelResources, on in 1.34)", () => {
    const lr = range({ type: "Pod", max: { cpu: "1", memory: "1Gi" } });
    const p = pod([
      { name: "app", resources: { requests: { cpu: "100m" }, limits: { cpu: "100m", memory: "2Gi" } } },
    ]);
    (p as unknown as { spec: Obj }).spec.resources = {
      limits: { cpu: "2", memory: "512Mi" },
      requests: { cpu: "1" },
    };
    expect(check(lr, p)).toBe('pods "web-1" is forbidden: maximum cpu usage per Pod is 1, but limit is 2');
  });
});

// admission.go PersistentVolumeClaimValidateLimitFunc: an item of type PersistentVolumeClaim
// checks min with minConstraint against the claim's requests and no limits, and max with
// maxRequestConstraint against the requests alone.
describe("LimitRanger on a PersistentVolumeClaim", () => {
  const claim = (resources: Obj) =>
    ({
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "data" },
      spec: { accessModes: ["ReadWriteOnce"], resources },
    }) as unknown as KubeObject;
  const storage = range({ type: "PersistentVolumeClaim", min: { storage: "1Gi" }, max: { storage: "10Gi" } });
  const check = (c: KubeObject, ...lrs: KubeObject[]) => claimLimitRangeRefusal(c, lrs, "data");

  it("refuses a request over max or under min, with the API server's message", () => {
    expect(check(claim({ requests: { storage: "20Gi" } }), storage)).toBe(
      'persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi',
    );
    expect(check(claim({ requests: { storage: "500Mi" } }), storage)).toBe(
      'persistentvolumeclaims "data" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi',
    );
    expect(check(claim({ requests: { storage: "10Gi" } }), storage)).toBeUndefined();
    expect(check(claim({ requests: { storage: "1Gi" } }), storage)).toBeUndefined();
  });

  it("takes no input from the claim's limits: a limit over max passes, a limit alone is no request", () => {
    expect(
      check(claim({ requests: { storage: "5Gi" }, limits: { storage: "50Gi" } }), storage),
    ).toBeUndefined();
    expect(check(claim({ limits: { storage: "5Gi" } }), storage)).toBe(
      'persistentvolumeclaims "data" is forbidden: [minimum storage usage per PersistentVolumeClaim is 1Gi.  No request is specified, ' +
        "maximum storage usage per PersistentVolumeClaim is 10Gi.  No request is specified]",
    );
  });

  it("leaves claims to PersistentVolumeClaim items, and pods to the others", () => {
    const container = range({ type: "Container", max: { storage: "1Gi" } });
    expect(check(claim({ requests: { storage: "20Gi" } }), container)).toBeUndefined();
    expect(limitRangeRefusal(pod([{ name: "app" }]), [storage], "web-1")).toBeUndefined();
  });

  it("stops at the first LimitRange with a breach", () => {
    const loose = range({ type: "PersistentVolumeClaim", max: { storage: "100Gi" } });
    const tight = range({ type: "PersistentVolumeClaim", max: { storage: "2Gi" } });
    expect(check(claim({ requests: { storage: "5Gi" } }), loose, tight)).toBe(
      'persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi',
    );
  });
});
