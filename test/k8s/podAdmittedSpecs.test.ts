// A pod spec admitted once per template (src/k8s/kinds/pod/admittedSpecs.ts): the kept form
// is what defaulting and validation give afresh (SetDefaults_Pod, ValidatePodSpec), and only
// an equal spec — keys in the same order, holes at the same places — takes it.
import { describe, expect, it } from "vitest";
import { deepClone } from "../../src/k8s/clone.ts";
import { defaultSpecOfPod } from "../../src/k8s/defaults.ts";
import { AdmittedPodSpecs, sameData } from "../../src/k8s/kinds/pod/admittedSpecs.ts";
import { validatePodSpec } from "../../src/k8s/validatePod.ts";

// A ReplicaSet's template spec as a real Deployment writes it (defaulted by the API server).
const template = () => ({
  containers: [
    {
      name: "app",
      image: "ghcr.io/stefanprodan/podinfo:6.5.4",
      ports: [{ name: "http", containerPort: 9898, protocol: "TCP" }],
      resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "128Mi" } },
      readinessProbe: { httpGet: { path: "/readyz", port: 9898 }, initialDelaySeconds: 1 },
    },
  ],
  restartPolicy: "Always",
  terminationGracePeriodSeconds: 30,
});

describe("sameData", () => {
  // Two objects of one prototype with an enumerable key, which for…in lists after the own ones.
  const proto = { a: 1 };
  const inheriting = (own: object) => Object.assign(Object.create(proto) as object, own);
  const hole = [1, , 3]; // eslint-disable-line no-sparse-arrays
  it.each([
    ["equal trees", { a: [1, { b: "x" }] }, { a: [1, { b: "x" }] }, true],
    ["keys in another order", { a: 1, b: 2 }, { b: 2, a: 1 }, false],
    ["a key holding undefined against no key", { a: 1, b: undefined }, { a: 1 }, false],
    ["a hole against undefined", hole, [1, undefined, 3], false],
    ["holes at the same place", hole, [1, , 3], true], // eslint-disable-line no-sparse-arrays
    ["0 against -0", { a: 0 }, { a: -0 }, false],
    ["a string against a number", { a: "1" }, { a: 1 }, false],
    ["an array against an object with index keys", [1], { 0: 1 }, false],
    ["one more key on the right", { a: 1 }, { a: 1, b: 2 }, false],
    ["one more key on the left", { a: 1, b: 2 }, { a: 1 }, false],
    ["index keys first, then the rest in order", { b: 1, 2: "x", a: 3 }, { 2: "x", b: 1, a: 3 }, true],
    [
      "keys of a nested object in another order",
      { a: { x: 1, y: 2 }, b: 0 },
      { a: { y: 2, x: 1 }, b: 0 },
      false,
    ],
    ["inherited keys are not counted", inheriting({ b: 2 }), inheriting({ b: 2 }), true],
    ["an own key against an inherited one", inheriting({ b: 2 }), inheriting({ a: 1, b: 2 }), false],
  ])("%s", (_, a, b, same) => expect(sameData(a, b)).toBe(same));
});

describe("AdmittedPodSpecs", () => {
  it("gives what defaulting and validation give afresh, the first time and from the kept form", () => {
    const specs = new AdmittedPodSpecs();
    const fresh = defaultSpecOfPod(template());
    const first = specs.admit(template());
    const second = specs.admit(template());
    expect(first.spec).toStrictEqual(fresh);
    expect(JSON.stringify(second.spec)).toBe(JSON.stringify(fresh));
    expect(second.spec).toBe(first.spec);
    expect(second.errors).toEqual([]);
    expect(Object.isFrozen(second.spec.containers)).toBe(true);
  });

  it("is not fooled by the caller changing the spec it passed", () => {
    const specs = new AdmittedPodSpecs();
    const raw = template();
    specs.admit(raw);
    raw.containers[0].image = "ghcr.io/stefanprodan/podinfo:latest";
    const again = specs.admit(raw);
    // A `latest` image is pulled Always (SetDefaults_Container).
    expect((again.spec.containers as { imagePullPolicy: string }[])[0].imagePullPolicy).toBe("Always");
  });

  it("keeps no spec with errors: each one is validated, its errors naming its own values", () => {
    const specs = new AdmittedPodSpecs();
    const bad = { containers: [{ name: "App_1", image: "nginx" }] };
    const first = specs.admit(deepClone(bad));
    const second = specs.admit(deepClone(bad));
    expect(first.errors.map((e) => e.field)).toEqual(["spec.containers[0].name"]);
    expect(second.errors).toEqual(validatePodSpec(defaultSpecOfPod(bad), "spec"));
    expect(second.spec).not.toBe(first.spec);
  });

  it("keeps the last few specs: two templates of a rolling update in turns are both kept", () => {
    const specs = new AdmittedPodSpecs();
    const next = () => ({ ...template(), containers: [{ name: "app", image: "nginx:1.25" }] });
    const a = specs.admit(template()).spec;
    const b = specs.admit(next()).spec;
    expect(specs.admit(template()).spec).toBe(a);
    expect(specs.admit(next()).spec).toBe(b);
  });
});
