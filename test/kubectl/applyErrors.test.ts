/**
 * `kubectl apply -f FILE` errors as apply.go (1.34) words them: a refused create is
 * cmdutil.AddSourceToErr("creating", info.Source, err); a refused patch is AddSourceToErr with
 * `applying patch:\n{patch}\nto:\n{info}\nfor:`, the patch being strategicpatch's
 * CreateThreeWayMergePatch of (last applied, manifest with its new annotation, live) and info
 * cli-runtime's Info.String(). An Invalid refusal keeps checkErr's `The Kind "name" is
 * invalid` wording (it is printed from the status details, not the message).
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { goJson, threeWayMergePatch } from "../../src/kubectl/applyPatch.ts";

const limitRange = `apiVersion: v1
kind: LimitRange
metadata:
  name: storage
spec:
  limits:
  - type: PersistentVolumeClaim
    max:
      storage: 10Gi
`;

const claim = (storage: string, labels = "") => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
${labels}spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: ${storage}
`;

function cluster() {
  const sim = new Simulation();
  const k = (line: string, input: string) =>
    runKubectl(line, sim, { readFile: () => input, listDir: () => undefined });
  return { sim, k };
}

describe('apply -f: a refused create names the file (apply.go AddSourceToErr "creating")', () => {
  it("prefixes a Forbidden create with the file as typed", () => {
    const { k } = cluster();
    expect(k("apply -f lr.yaml", limitRange).exitCode).toBe(0);
    const r = k("apply -f ./claims/pvc.yaml", claim("20Gi"));
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'Error from server (Forbidden): error when creating "./claims/pvc.yaml": persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi\n',
    );
  });

  it("keeps an Invalid create as checkErr prints it, without the file", () => {
    const { k } = cluster();
    const r = k(
      "apply -f web.yaml",
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: -1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
`,
    );
    expect(r.stderr).toMatch(/^The Deployment "web" is invalid: spec\.replicas: /);
  });
});

describe("apply -f: a refused patch prints the patch, the object and the file (apply.go applying patch)", () => {
  it("a claim grown past the LimitRange's max", () => {
    const { k } = cluster();
    k("apply -f lr.yaml", limitRange);
    expect(k("apply -f pvc.yaml", claim("5Gi")).exitCode).toBe(0);
    const r = k("apply -f pvc.yaml", claim("20Gi"));
    expect(r.exitCode).toBe(1);
    const annotation =
      '{\\"apiVersion\\":\\"v1\\",\\"kind\\":\\"PersistentVolumeClaim\\",\\"metadata\\":{\\"annotations\\":{},\\"name\\":\\"data\\",\\"namespace\\":\\"default\\"},\\"spec\\":{\\"accessModes\\":[\\"ReadWriteOnce\\"],\\"resources\\":{\\"requests\\":{\\"storage\\":\\"20Gi\\"}}}}\\n';
    expect(r.stderr).toBe(
      "Error from server (Forbidden): error when applying patch:\n" +
        `{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"${annotation}"}},"spec":{"resources":{"requests":{"storage":"20Gi"}}}}\n` +
        "to:\n" +
        'Resource: "/v1, Resource=persistentvolumeclaims", GroupVersionKind: "/v1, Kind=PersistentVolumeClaim"\n' +
        'Name: "data", Namespace: "default"\n' +
        'for: "pvc.yaml": persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi\n',
    );
    expect(k("apply -f pvc.yaml", claim("5Gi")).stdout).toBe("persistentvolumeclaim/data unchanged\n");
  });

  it("the patch carries the deletions of fields the last apply set and this one drops", () => {
    const { k } = cluster();
    k("apply -f lr.yaml", limitRange);
    k("apply -f pvc.yaml", claim("5Gi", "  labels:\n    tier: db\n"));
    const r = k("apply -f pvc.yaml", claim("20Gi"));
    expect(r.stderr).toContain('"labels":null');
    expect(r.stderr.split("\n")[1]).toMatch(/^\{"metadata":\{"annotations":\{.*\},"labels":null\},"spec":/);
  });
});

describe("CreateThreeWayMergePatch (strategicpatch/patch.go)", () => {
  const deployment = (containers: unknown[], extra: Record<string, unknown> = {}) => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: { template: { spec: { containers } }, ...extra },
  });

  it("a changed container is patched by its merge key, with $setElementOrder", () => {
    const original = deployment([
      { name: "a", image: "x:1" },
      { name: "b", image: "y:1" },
    ]);
    const modified = deployment([
      { name: "a", image: "x:2" },
      { name: "b", image: "y:1" },
    ]);
    const current = deployment([
      { name: "a", image: "x:1", imagePullPolicy: "IfNotPresent" },
      { name: "b", image: "y:1" },
    ]);
    expect(goJson(threeWayMergePatch(original, modified, current))).toBe(
      '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],"containers":[{"image":"x:2","name":"a"}]}}}}',
    );
  });

  it("a dropped container is a $patch: delete item after the changes", () => {
    const original = deployment([
      { name: "a", image: "x:1" },
      { name: "b", image: "y:1" },
    ]);
    const modified = deployment([{ name: "b", image: "y:2" }]);
    expect(goJson(threeWayMergePatch(original, modified, original))).toBe(
      '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"b"}],"containers":[{"image":"y:2","name":"b"},{"$patch":"delete","name":"a"}]}}}}',
    );
  });

  it("a Deployment's strategy is retainKeys: the keys kept are listed", () => {
    const original = deployment([], { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1 } } });
    const modified = deployment([], { strategy: { type: "Recreate" } });
    expect(goJson(threeWayMergePatch(original, modified, original))).toBe(
      '{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":null,"type":"Recreate"}}}',
    );
  });

  it("encodes as encoding/json does: HTML characters escaped", () => {
    expect(goJson({ b: "<a&b>", a: [1, true, null] })).toBe(
      '{"a":[1,true,null],"b":"\\u003ca\\u0026b\\u003e"}',
    );
  });
});

describe("apply -f with two or more errors: apply.go's aggregate, each printed by MultipleErrors", () => {
  // apply.go Run: one error is returned as it is, two or more as utilerrors.NewAggregate;
  // checkErr prints an aggregate with MultipleErrors, each error by StandardErrorMessage —
  // `Error from server (REASON): ` and the status message AddSourceToErr prefixed — so an
  // Invalid refusal there reads as the server's message, not checkErr's `The Kind "name" is invalid`.
  const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: -1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
`;
  const invalid = (file: string, name: string) =>
    `Error from server (Invalid): error when creating "${file}": Deployment.apps "${name}" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`;

  it("two Invalid creates in one file", () => {
    const { k } = cluster();
    const r = k("apply -f web.yaml", `${deployment("a")}---\n${deployment("b")}`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`${invalid("web.yaml", "a")}\n${invalid("web.yaml", "b")}\n`);
  });

  it("an Invalid create beside a Forbidden one, each naming its file, across the files of one command", () => {
    const sim = new Simulation();
    const files: Record<string, string> = {
      "k/a.yaml": deployment("a"),
      "k/b.yaml": claim("20Gi"),
      "lr.yaml": limitRange,
    };
    const k = (line: string) =>
      runKubectl(line, sim, {
        readFile: (p) => files[p],
        listDir: (p) =>
          p === "k"
            ? [
                { name: "a.yaml", dir: false },
                { name: "b.yaml", dir: false },
              ]
            : undefined,
      });
    expect(k("apply -f lr.yaml").exitCode).toBe(0);
    const r = k("apply -f k/a.yaml -f k/b.yaml");
    expect(r.stderr).toBe(
      `${invalid("k/a.yaml", "a")}\n` +
        'Error from server (Forbidden): error when creating "k/b.yaml": persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi\n',
    );
    // One error alone keeps checkErr's wording.
    expect(k("apply -f k/a.yaml").stderr).toMatch(/^The Deployment "a" is invalid: spec\.replicas: /);
  });
});
