/**
 * The kustomize build (src/kustomize) against what kustomize v5 — the one inside kubectl
 * 1.27+ — does, rule by rule, each with the kustomize source it comes from
 * (sigs.k8s.io/kustomize api/...). The fixtures are shaped like real repositories: a base
 * with overlays (test/kustomize/fixtures/webapp) and Google's microservices-demo kustomize/
 * folder with components (test/kustomize/fixtures/microservices-demo).
 */
import { describe, expect, it } from "vitest";
import {
  buildKustomization,
  kustomizeHash,
  renderBuild,
  replaceImage,
  sha256Hex,
  splitImage,
  type KustomizeIO,
} from "../../src/kustomize/index.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import { nodeHost } from "../../src/scenario/nodeHost.ts";

const fixtures = "test/kustomize/fixtures";

/** The files of a fixture folder, paths relative to it (as a scenario beside it reads them). */
function fixtureIO(root: string): KustomizeIO {
  const host = nodeHost();
  return {
    readFile: (p) => host.readFile(`${fixtures}/${root}/${p}`),
    listDir: (p) => host.listDir?.(`${fixtures}/${root}/${p}`),
  };
}

const memoryIO = (files: Record<string, string>): KustomizeIO => {
  const host = memoryHost(files);
  return { readFile: (p) => host.readFile(p), listDir: (p) => host.listDir?.(p) };
};

const kustomization = (body: string): string =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;

const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe("the name suffix of generated objects (api/hasher/hasher.go)", () => {
  it("is SHA-256, as hasher_test.go's Test_hex256 checks", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("reproduces hasher_test.go's TestConfigMapHash and TestSecretHash vectors", () => {
    expect(kustomizeHash({ apiVersion: "v1", kind: "ConfigMap" })).toBe("6ct58987ht");
    expect(kustomizeHash({ apiVersion: "v1", kind: "ConfigMap", data: { one: "" } })).toBe("9g67k2htb6");
    expect(kustomizeHash({ apiVersion: "v1", kind: "ConfigMap", data: { two: 2, one: "", three: 3 } })).toBe(
      "7757f9kkct",
    );
    expect(kustomizeHash({ apiVersion: "v1", kind: "ConfigMap", binaryData: { one: "" } })).toBe(
      "6mtk2m274t",
    );
    expect(
      kustomizeHash({ apiVersion: "v1", kind: "ConfigMap", data: { one: "" }, binaryData: { two: "" } }),
    ).toBe("698h7c7t9m");
    expect(kustomizeHash({ apiVersion: "v1", kind: "Secret", type: "my-type" })).toBe("5gmgkf8578");
    expect(kustomizeHash({ apiVersion: "v1", kind: "Secret", type: "my-type", data: { one: "" } })).toBe(
      "74bd68bm66",
    );
    expect(
      kustomizeHash({
        apiVersion: "v1",
        kind: "Secret",
        type: "my-type",
        data: { one: "" },
        stringData: { two: 2 },
      }),
    ).toBe("c4h4264gdb");
  });

  it("counts kind, name and data only: labels do not change it, the name does", () => {
    const base = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" }, data: { k: "v" } };
    const labelled = { ...base, metadata: { name: "a", labels: { x: "y" } } };
    expect(kustomizeHash(labelled)).toBe(kustomizeHash(base));
    expect(kustomizeHash({ ...base, metadata: { name: "b" } })).not.toBe(kustomizeHash(base));
  });
});

describe("images (api/image/image.go Split, filters/imagetag)", () => {
  it("splits name, tag and digest; a registry's port is no tag", () => {
    expect(splitImage("nginx")).toEqual({ name: "nginx", tag: "", digest: "" });
    expect(splitImage("nginx:1.25")).toEqual({ name: "nginx", tag: "1.25", digest: "" });
    expect(splitImage("localhost:5000/app")).toEqual({ name: "localhost:5000/app", tag: "", digest: "" });
    expect(splitImage("localhost:5000/app:v1@sha256:abc")).toEqual({
      name: "localhost:5000/app",
      tag: "v1",
      digest: "sha256:abc",
    });
  });

  it("newTag replaces tag and digest, digest replaces both, newName keeps the tag", () => {
    expect(replaceImage("nginx:1.25@sha256:abc", { name: "nginx", newTag: "1.27" })).toBe("nginx:1.27");
    expect(replaceImage("nginx:1.25", { name: "nginx", digest: "sha256:def" })).toBe("nginx@sha256:def");
    expect(replaceImage("nginx:1.25", { name: "nginx", newName: "mirror/nginx" })).toBe("mirror/nginx:1.25");
    // IsImageMatched: the whole name, not a prefix of it.
    expect(replaceImage("nginx-exporter:1", { name: "nginx", newTag: "2" })).toBeUndefined();
  });
});

describe("a base and two overlays (test/kustomize/fixtures/webapp)", () => {
  it("overlays/prod: kubectl kustomize prints the build in kustomize's legacy order", () => {
    const built = buildKustomization("overlays/prod", fixtureIO("webapp"));
    expect(built.error).toBeUndefined();
    expect(built.warnings).toEqual([]);
    // Legacy order (api/resid/gvk.go orderFirst): Namespace, ConfigMap, Secret, Service,
    // Deployment, then kinds it does not list (the HPA). The Namespace is renamed to the
    // namespace and keeps no namespace itself (namespace.go field specs, NotNamespaceableKinds).
    // The generated ConfigMap merges the overlay's literal into the base's (behavior: merge),
    // takes the prefix, then its hash over the final name and data (kustomizer.go
    // addHashesToNames); the Deployment's configMapRef and the HPA's scaleTargetRef follow the
    // renames (namereference.go). commonLabels reach the selectors and the pod template
    // (commonlabels.go), `labels` without includeSelectors only metadata.labels, and
    // commonAnnotations the pod template too (commonannotations.go). `replicas:` finds the
    // Deployment by its base name after the prefix; the JSON 6902 patch targets it by base
    // name as well; the strategic merge patch names the HPA by its base name.
    expect(renderBuild(built.objects!)).toBe(`apiVersion: v1
kind: Namespace
metadata:
  annotations:
    team: platform
  labels:
    env: prod
  name: prod
---
apiVersion: v1
data:
  FEATURE_X: "on"
  LOG_LEVEL: warn
kind: ConfigMap
metadata:
  annotations:
    team: platform
  labels:
    app.kubernetes.io/name: web
    env: prod
  name: prod-web-config-4k84m6bd2h
  namespace: prod
---
apiVersion: v1
data:
  password: czNjcmV0
kind: Secret
metadata:
  annotations:
    team: platform
  labels:
    env: prod
  name: prod-web-secret-59c2974d57
  namespace: prod
type: Opaque
---
apiVersion: v1
kind: Service
metadata:
  annotations:
    team: platform
  labels:
    app.kubernetes.io/name: web
    env: prod
  name: prod-web
  namespace: prod
spec:
  ports:
  - port: 80
    targetPort: 80
  selector:
    app: web
    app.kubernetes.io/name: web
---
apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    team: platform
  labels:
    app: web
    app.kubernetes.io/name: web
    env: prod
  name: prod-web
  namespace: prod
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
      app.kubernetes.io/name: web
  template:
    metadata:
      annotations:
        team: platform
      labels:
        app: web
        app.kubernetes.io/name: web
    spec:
      containers:
      - envFrom:
        - configMapRef:
            name: prod-web-config-4k84m6bd2h
        image: nginx:1.27
        name: web
        ports:
        - containerPort: 80
        resources:
          requests:
            cpu: 250m
            memory: 64Mi
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  annotations:
    team: platform
  labels:
    app.kubernetes.io/name: web
    env: prod
  name: prod-web
  namespace: prod
spec:
  maxReplicas: 20
  metrics:
  - resource:
      name: cpu
      target:
        averageUtilization: 60
        type: Utilization
    type: Resource
  minReplicas: 3
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: prod-web
`);
  });

  it("the hash suffix is the hash of the final object: the same literals under another name hash differently", () => {
    const built = buildKustomization("overlays/prod", fixtureIO("webapp"));
    const config = built.objects!.find((o) => o.kind === "ConfigMap")!;
    const { name } = config.metadata as { name: string };
    expect(name).toBe(
      `prod-web-config-${kustomizeHash({ ...config, metadata: { name: "prod-web-config" } })}`,
    );
  });

  it("overlays/dev: patchesStrategicMerge merges containers and env by name, an env file replaces the base's data", () => {
    const built = buildKustomization("overlays/dev", fixtureIO("webapp"));
    expect(built.error).toBeUndefined();
    const [config, service, deployment, hpa] = built.objects!;
    // kv.go: comments and blank lines skipped; behavior: replace keeps the base's name and labels
    // (reswrangler.go CopyMergeMetaDataFieldsFrom), and the base's wish for a hash suffix.
    expect(config.data).toEqual({ LOG_LEVEL: "debug", FEATURE_X: "off" });
    expect((config.metadata as { name: string }).name).toMatch(/^web-config-dev-[a-z0-9]{10}$/);
    expect((config.metadata as { labels: unknown }).labels).toEqual({ "app.kubernetes.io/name": "web" });
    expect((service.metadata as { name: string }).name).toBe("web-dev");
    const container = (
      deployment as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } }
    ).spec.template.spec.containers[0];
    expect(container.env).toEqual([{ name: "DEBUG", value: "true" }]);
    expect(container.envFrom).toEqual([
      { configMapRef: { name: (config.metadata as { name: string }).name } },
    ]);
    expect((hpa as { spec: { scaleTargetRef: { name: string } } }).spec.scaleTargetRef.name).toBe("web-dev");
  });
});

describe("microservices-demo's kustomize/ folder (components)", () => {
  const built = buildKustomization("kustomize", fixtureIO("microservices-demo"));
  const ids = built.objects?.map((o) => `${o.kind as string}/${(o.metadata as { name: string }).name}`);

  it("builds the base, then the components over it (kusttarget.go accumulateComponents)", () => {
    expect(built.error).toBeUndefined();
    // without-loadgenerator's `$patch: delete` patches remove the Deployment and its ServiceAccount.
    expect(ids).toEqual([
      "ServiceAccount/cartservice",
      "ServiceAccount/frontend",
      "Service/cartservice",
      "Service/frontend",
      "Service/redis-cart",
      "Deployment/cartservice",
      "Deployment/frontend",
      "Deployment/redis-cart",
    ]);
  });

  it("cymbal-branding appends its env var, container-images-tag retags and mirrors the images", () => {
    const text = renderBuild(built.objects!);
    expect(text).toContain(
      '        - name: CART_SERVICE_ADDR\n          value: cartservice:7070\n        - name: CYMBAL_BRANDING\n          value: "true"\n        image: gcr.io/google-samples/microservices-demo/frontend:v0.10.2\n',
    );
    expect(text).toContain("image: gcr.io/google-samples/microservices-demo/cartservice:v0.10.2\n");
    expect(text).toContain(
      "image: registry.example.com/mirror/redis@sha256:24a2a3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80\n",
    );
    expect(text.split("---\n")).toHaveLength(8);
  });
});

describe("generators (api/kv/kv.go, api/internal/generators)", () => {
  it("literals lose one pair of quotes; files are keyed by their base name or KEY=; envs skip comments", () => {
    const built = buildKustomization(
      "app",
      memoryIO({
        "app/kustomization.yaml": kustomization(
          [
            "configMapGenerator:",
            "- name: settings",
            "  envs: [app.env]",
            "  literals: [\"GREETING='hello world'\"]",
            "  files: [conf/app.properties, custom=conf/other.txt]",
            "generatorOptions:",
            "  disableNameSuffixHash: true",
            "  labels:",
            '    generated: "yes"',
            "",
          ].join("\n"),
        ),
        "app/app.env": "# comment\n\nMODE=fast\n",
        "app/conf/app.properties": "a=1\n",
        "app/conf/other.txt": "x",
      }),
    );
    expect(built.objects).toEqual([
      {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "settings", labels: { generated: "yes" } },
        data: { MODE: "fast", GREETING: "hello world", "app.properties": "a=1\n", custom: "x" },
      },
    ]);
  });

  it("a Secret's data is base64 and its type Opaque unless given", () => {
    const built = buildKustomization(
      "app",
      memoryIO({
        "app/kustomization.yaml": kustomization("secretGenerator:\n- name: db\n  literals: [user=admin]\n"),
      }),
    );
    const [secret] = built.objects!;
    expect(secret.type).toBe("Opaque");
    expect(secret.data).toEqual({ user: "YWRtaW4=" });
    expect((secret.metadata as { name: string }).name).toBe(
      `db-${kustomizeHash({ ...secret, metadata: { name: "db" } })}`,
    );
  });

  it("a key twice is kustomize's error", () => {
    const built = buildKustomization(
      "app",
      memoryIO({
        "app/kustomization.yaml": kustomization("configMapGenerator:\n- name: c\n  literals: [a=1, a=2]\n"),
      }),
    );
    expect(built.error?.message).toBe("configmap c illegally repeats the key `a`");
    expect(built.error?.code).toBe("RC4072");
  });
});

describe("labels (api/types/labels.go: includeSelectors, includeTemplates)", () => {
  const deployment = [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata: {name: web}",
    "spec:",
    "  selector: {matchLabels: {app: web}}",
    "  template:",
    "    metadata: {labels: {app: web}}",
    "    spec: {containers: [{name: web, image: nginx}]}",
    "",
  ].join("\n");
  const labelsOf = (body: string) => {
    const built = buildKustomization(
      "k",
      memoryIO({
        "k/kustomization.yaml": kustomization(`resources: [d.yaml]\n${body}`),
        "k/d.yaml": deployment,
      }),
    );
    const d = built.objects![0] as {
      metadata: { labels?: object };
      spec: { selector: { matchLabels: object }; template: { metadata: { labels: object } } };
    };
    return [d.metadata.labels, d.spec.selector.matchLabels, d.spec.template.metadata.labels];
  };

  it("pairs alone label the object; includeTemplates its pods too; includeSelectors the selector as well", () => {
    expect(labelsOf("labels:\n- pairs: {tier: web}\n")).toEqual([
      { tier: "web" },
      { app: "web" },
      { app: "web" },
    ]);
    expect(labelsOf("labels:\n- pairs: {tier: web}\n  includeTemplates: true\n")).toEqual([
      { tier: "web" },
      { app: "web" },
      { app: "web", tier: "web" },
    ]);
    expect(labelsOf("labels:\n- pairs: {tier: web}\n  includeSelectors: true\n")).toEqual([
      { tier: "web" },
      { app: "web", tier: "web" },
      { app: "web", tier: "web" },
    ]);
  });

  it("a label's own `fields` are written too, created where they say so", () => {
    expect(
      labelsOf(
        "labels:\n- pairs: {tier: web}\n  fields:\n  - {path: spec/selector/matchLabels, kind: Deployment}\n",
      )[1],
    ).toEqual({ app: "web", tier: "web" });
  });

  it("a label value that reads as a number keeps its text (`version: 1.10`)", () => {
    expect(labelsOf("commonLabels:\n  version: 1.10\n")[0]).toEqual({ version: "1.10" });
  });
});

describe("name references follow renames (api/internal/konfig/builtinpluginconsts/namereference.go)", () => {
  it("serviceAccountName, a Secret's env reference and an HPA's scaleTargetRef take the prefixed names; a Service selector is labels, not a name", () => {
    const built = buildKustomization(
      "k",
      memoryIO({
        "k/kustomization.yaml": kustomization("namePrefix: p-\nresources: [all.yaml]\n"),
        "k/all.yaml": [
          "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web}",
          "apiVersion: v1\nkind: Secret\nmetadata: {name: creds}",
          "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}}",
          [
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata: {name: web}",
            "spec:",
            "  selector: {matchLabels: {app: web}}",
            "  template:",
            "    metadata: {labels: {app: web}}",
            "    spec:",
            "      serviceAccountName: web",
            "      containers:",
            "      - name: web",
            "        image: nginx",
            "        env: [{name: PASSWORD, valueFrom: {secretKeyRef: {name: creds, key: password}}}]",
          ].join("\n"),
          "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, maxReplicas: 3}",
          // A StatefulSet named like nothing here: its reference stays as written.
          "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: db}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: web}, maxReplicas: 3}",
        ].join("\n---\n"),
      }),
    );
    expect(built.error).toBeUndefined();
    /** The value at a path of keys and list indexes. */
    const at = (o: unknown, ...path: (string | number)[]): unknown =>
      path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], o);
    const of = (kind: string) => built.objects!.filter((o) => o.kind === kind);
    const pod = at(of("Deployment")[0], "spec", "template", "spec");
    expect(at(pod, "serviceAccountName")).toBe("p-web");
    expect(at(pod, "containers", 0, "env", 0, "valueFrom", "secretKeyRef", "name")).toBe("p-creds");
    expect(at(of("Service")[0], "spec", "selector")).toEqual({ app: "web" });
    expect(
      of("HorizontalPodAutoscaler").map((h) => [
        at(h, "metadata", "name"),
        at(h, "spec", "scaleTargetRef", "name"),
      ]),
    ).toEqual([
      ["p-db", "web"],
      ["p-web", "p-web"],
    ]);
  });
});

describe("errors point at their file, line and column", () => {
  const base = {
    "base/web.yaml": cm("web"),
    "base/kustomization.yaml": kustomization("resources:\n- web.yaml\n"),
  };

  it("a folder without a kustomization file (api/konfig FindKustomization)", () => {
    const built = buildKustomization("base/", memoryIO({ "base/web.yaml": cm("web") }));
    expect(built.error).toMatchObject({
      code: "RC4066",
      message:
        "unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory 'base'",
    });
    expect(buildKustomization("nowhere", memoryIO(base)).error?.message).toBe(
      "must build at directory: not a valid directory: 'nowhere': no such file or directory",
    );
  });

  it("two kustomization files in one folder (kusttarget.go LoadKustFile)", () => {
    const built = buildKustomization(
      "base",
      memoryIO({ ...base, "base/kustomization.yml": kustomization("resources:\n- web.yaml\n") }),
    );
    expect(built.error?.message).toBe("Found multiple kustomization files under: base");
  });

  it("an unknown field, with the nearest known one (types.Kustomization is read strictly)", () => {
    const built = buildKustomization(
      "o",
      memoryIO({
        ...base,
        "o/kustomization.yaml": kustomization("resources:\n- ../base\nnamePrefx: prod-\n"),
      }),
    );
    expect(built.error).toMatchObject({
      code: "RC4067",
      message: 'invalid Kustomization: json: unknown field "namePrefx"',
      hint: "did you mean `namePrefix`?",
      file: "o/kustomization.yaml",
      span: { line: 5, col: 1, length: 9 },
    });
  });

  it("a resource file that does not exist, at its entry", () => {
    const built = buildKustomization(
      "o",
      memoryIO({ ...base, "o/kustomization.yaml": kustomization("resources:\n- ../base\n- extra.yaml\n") }),
    );
    expect(built.error).toMatchObject({
      code: "RC4068",
      message: "accumulating resources from 'o/extra.yaml': no such file or directory",
      file: "o/kustomization.yaml",
      span: { line: 5, col: 3 },
    });
  });

  it("a remote base: no network is reached", () => {
    const built = buildKustomization(
      "o",
      memoryIO({
        "o/kustomization.yaml": kustomization(
          "resources:\n- https://github.com/kubernetes-sigs/kustomize//examples/multibases?ref=v1.0.6\n",
        ),
      }),
    );
    expect(built.error).toMatchObject({ code: "RC4069", span: { line: 4, col: 3 } });
    expect(built.error?.message).toContain("the Replicast simulator reaches no network");
  });

  it("a cycle of kustomizations", () => {
    const built = buildKustomization(
      "a",
      memoryIO({
        "a/kustomization.yaml": kustomization("resources:\n- ../b\n"),
        "b/kustomization.yaml": kustomization("resources:\n- ../a\n"),
      }),
    );
    expect(built.error).toMatchObject({
      code: "RC4070",
      message: "cycle detected: candidate root 'a' contains visited root 'b'",
      hint: "the kustomizations include one another: a → b → a",
      file: "b/kustomization.yaml",
    });
  });

  it("a strategic merge patch naming no resource is an error; a target selecting nothing only a warning", () => {
    const patch = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: missing\ndata:\n  a: b\n";
    const smp = buildKustomization(
      "o",
      memoryIO({
        ...base,
        "o/p.yaml": patch,
        "o/kustomization.yaml": kustomization("resources: [../base]\npatches:\n- path: p.yaml\n"),
      }),
    );
    // PatchTransformer without a target: the patch's own id must exist.
    expect(smp.error).toMatchObject({
      code: "RC4071",
      message: "no resource matches strategic merge patch ConfigMap.v1/missing.[noNs]",
      span: { line: 5, col: 3 },
    });
    const selector = buildKustomization(
      "o",
      memoryIO({
        ...base,
        "o/p.yaml": patch,
        "o/kustomization.yaml": kustomization(
          "resources: [../base]\npatches:\n- path: p.yaml\n  target: {kind: Deployment}\n",
        ),
      }),
    );
    // resmap Select returns nothing, and kustomize goes on.
    expect(selector.error).toBeUndefined();
    expect(selector.warnings).toMatchObject([
      { code: "RC4071", severity: "warning", message: "no resource matches patch target Deployment" },
    ]);
  });

  it("the same object twice (accumulator: may not add resource with an already registered id)", () => {
    const built = buildKustomization(
      "o",
      memoryIO({
        ...base,
        "o/web.yaml": cm("web"),
        "o/kustomization.yaml": kustomization("resources: [../base, web.yaml]\n"),
      }),
    );
    expect(built.error?.message).toBe(
      "may not add resource with an already registered id: ConfigMap.v1/web.[noNs]",
    );
  });

  it("a field this build does not run is refused by name, not ignored", () => {
    const built = buildKustomization(
      "o",
      memoryIO({ "o/kustomization.yaml": kustomization("helmCharts:\n- name: redis\n") }),
    );
    expect(built.error).toMatchObject({
      code: "RC4072",
      message:
        "Helm charts (the kustomization field `helmCharts`) is not supported by the Replicast simulator",
    });
  });
});
