// Deployment/ReplicaSet defaulting and validation, with the messages of
// pkg/apis/apps/v1/defaults.go, pkg/apis/apps/validation/validation.go,
// pkg/apis/core/validation/validation.go and apimachinery's field errors.
import { describe, expect, it } from "vitest";
import { admit } from "../../src/k8s/admission.ts";
import { formatInvalid } from "../../src/k8s/fieldErrors.ts";
import type { Deployment, ReplicaSet } from "../../src/k8s/types.ts";

type Obj = Record<string, unknown>;

function deployment(edit: (spec: Obj, d: Obj) => void = () => {}): Obj {
  const d: Obj = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "web", image: "nginx:1.25" }] },
      },
    },
  };
  edit(d.spec as Obj, d);
  return d;
}

const tmplSpec = (spec: Obj) => (spec.template as Obj).spec as Obj;
const containers = (spec: Obj) => tmplSpec(spec).containers as Obj[];

/** Each row: the edit, then kubectl's exact text for the one error it causes. */
const invalidCases: { name: string; edit: (spec: Obj, d: Obj) => void; want: string }[] = [
  {
    name: "negative replicas",
    edit: (s) => (s.replicas = -1),
    want: 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
  },
  {
    name: "negative minReadySeconds",
    edit: (s) => (s.minReadySeconds = -5),
    want: 'The Deployment "web" is invalid: spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0',
  },
  {
    name: "negative revisionHistoryLimit",
    edit: (s) => (s.revisionHistoryLimit = -1),
    want: 'The Deployment "web" is invalid: spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
  },
  {
    name: "progress deadline not above minReadySeconds",
    edit: (s) => {
      s.minReadySeconds = 600;
    },
    want: 'The Deployment "web" is invalid: spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds',
  },
  {
    name: "maxSurge and maxUnavailable both 0",
    edit: (s) => (s.strategy = { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }),
    want: 'The Deployment "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
  },
  {
    name: "0% and 0 count as both zero",
    edit: (s) => (s.strategy = { rollingUpdate: { maxSurge: "0%", maxUnavailable: 0 } }),
    want: 'The Deployment "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
  },
  {
    name: "maxUnavailable above 100%",
    edit: (s) => (s.strategy = { rollingUpdate: { maxUnavailable: "110%" } }),
    want: 'The Deployment "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "110%": must not be greater than 100%',
  },
  {
    name: "a percent string without %",
    edit: (s) => (s.strategy = { rollingUpdate: { maxSurge: "20Percent" } }),
    want: "The Deployment \"web\" is invalid: spec.strategy.rollingUpdate.maxSurge: Invalid value: \"20Percent\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
  },
  {
    name: "negative maxSurge",
    edit: (s) => (s.strategy = { rollingUpdate: { maxSurge: -1 } }),
    want: 'The Deployment "web" is invalid: spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0',
  },
  {
    name: "Recreate with rollingUpdate",
    edit: (s) => (s.strategy = { type: "Recreate", rollingUpdate: { maxSurge: 1 } }),
    want: "The Deployment \"web\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
  },
  {
    name: "unknown strategy type",
    edit: (s) => (s.strategy = { type: "BlueGreen" }),
    want: 'The Deployment "web" is invalid: spec.strategy.type: Unsupported value: "BlueGreen": supported values: "Recreate", "RollingUpdate"',
  },
  {
    // validation.go ValidateDeploymentSpec: Required, then LabelSelectorAsSelector(nil) is
    // labels.Nothing(), which ValidatePodTemplateSpecForReplicaSet finds not Empty and matching
    // nothing: the template's labels are "not matched" too.
    name: "missing selector",
    edit: (s) => delete s.selector,
    want:
      'The Deployment "web" is invalid: \n* spec.selector: Required value\n' +
      '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
  },
  {
    name: "empty selector",
    edit: (s) => (s.selector = {}),
    want: 'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
  },
  {
    name: "template labels not selected",
    edit: (s) => ((s.template as Obj).metadata = { labels: { app: "api" } }),
    want: 'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`',
  },
  {
    name: "container without image",
    edit: (s) => delete containers(s)[0].image,
    want: 'The Deployment "web" is invalid: spec.template.spec.containers[0].image: Required value',
  },
  {
    name: "container without name",
    edit: (s) => delete containers(s)[0].name,
    want: 'The Deployment "web" is invalid: spec.template.spec.containers[0].name: Required value',
  },
  {
    name: "no containers",
    edit: (s) => (tmplSpec(s).containers = []),
    want: 'The Deployment "web" is invalid: spec.template.spec.containers: Required value',
  },
  {
    name: "duplicate container names",
    edit: (s) => containers(s).push({ name: "web", image: "busybox" }),
    want: 'The Deployment "web" is invalid: spec.template.spec.containers[1].name: Duplicate value: "web"',
  },
  {
    name: "container name not a DNS-1123 label",
    edit: (s) => (containers(s)[0].name = "Web_1"),
    want: "The Deployment \"web\" is invalid: spec.template.spec.containers[0].name: Invalid value: \"Web_1\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  },
  {
    name: "name not a DNS-1123 subdomain",
    edit: (_s, d) => ((d.metadata as Obj).name = "Web"),
    want: "The Deployment \"Web\" is invalid: metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  },
  {
    name: "missing name",
    edit: (_s, d) => (d.metadata = {}),
    want: 'The Deployment "" is invalid: metadata.name: Required value: name or generateName is required',
  },
  {
    name: "restartPolicy other than Always",
    edit: (s) => (tmplSpec(s).restartPolicy = "Never"),
    want: 'The Deployment "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
  },
  {
    name: "request above limit",
    edit: (s) => (containers(s)[0].resources = { requests: { cpu: "1" }, limits: { cpu: "500m" } }),
    want: 'The Deployment "web" is invalid: spec.template.spec.containers[0].resources.requests[cpu]: Invalid value: "1": must be less than or equal to cpu limit of 500m',
  },
  {
    name: "malformed quantity",
    edit: (s) => (containers(s)[0].resources = { requests: { memory: "50MB" } }),
    want: 'The Deployment "web" is invalid: spec.template.spec.containers[0].resources.requests[memory]: Invalid value: "50MB": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
  },
  {
    name: "bad label value",
    edit: (_s, d) => ((d.metadata as Obj).labels = { app: "-x" }),
    want: "The Deployment \"web\" is invalid: metadata.labels: Invalid value: \"-x\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  },
  {
    name: "In without values",
    edit: (s) =>
      (s.selector = { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In" }] }),
    want: "The Deployment \"web\" is invalid: spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
  },
];

describe("Deployment validation messages (validation.go, as kubectl prints them)", () => {
  it.each(invalidCases)("$name", ({ edit, want }) => {
    const raw = deployment(edit);
    const r = admit(raw);
    expect(r.object).toBeUndefined();
    const name = ((raw.metadata as Obj).name as string | undefined) ?? "";
    expect(formatInvalid("Deployment", name, r.errors)).toBe(want);
  });

  it("lists several errors the way kubectl's MultilineError does", () => {
    const r = admit(deployment((s) => ((s.replicas = -1), delete containers(s)[0].image)));
    expect(formatInvalid("Deployment", "web", r.errors)).toBe(
      'The Deployment "web" is invalid: \n' +
        "* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n" +
        "* spec.template.spec.containers[0].image: Required value",
    );
  });

  it("accepts the cases upstream accepts", () => {
    const fine = [
      deployment((s) => (s.revisionHistoryLimit = 0)),
      deployment((s) => (s.strategy = { rollingUpdate: { maxSurge: "1%", maxUnavailable: 0 } })),
      deployment((s) => (s.strategy = { type: "Recreate" })),
      deployment((s) => (s.replicas = 0)),
      deployment((s) => (s.progressDeadlineSeconds = 2147483647)),
    ];
    for (const raw of fine) expect(admit(raw).errors).toEqual([]);
  });

  it("refuses a changed selector on update (field is immutable)", () => {
    const old = admit(deployment()).object as Deployment;
    const next = deployment((s) => {
      s.selector = { matchLabels: { app: "web", v: "2" } };
      ((s.template as Obj).metadata as Obj).labels = { app: "web", v: "2" };
    });
    const r = admit(next, old);
    expect(formatInvalid("Deployment", "web", r.errors)).toBe(
      'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
    expect(
      admit(
        deployment((s) => (s.replicas = 5)),
        old,
      ).errors,
    ).toEqual([]);
  });

  it("fills each error's fields for the apiserver's causes", () => {
    const [e] = admit(deployment((s) => (s.replicas = -1))).errors;
    expect(e).toMatchObject({
      field: "spec.replicas",
      type: "Invalid",
      value: -1,
      detail: "must be greater than or equal to 0",
      message: "Invalid value: -1: must be greater than or equal to 0",
    });
  });
});

describe("Deployment defaulting (apps/v1 defaults.go)", () => {
  it("sets every default a real apiserver sets", () => {
    const d = admit(deployment((s) => delete s.replicas)).object as Deployment;
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.strategy).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" },
    });
    expect(d.spec.revisionHistoryLimit).toBe(10);
    expect(d.spec.progressDeadlineSeconds).toBe(600);
    expect(d.spec.minReadySeconds).toBe(0);
    expect(d.metadata.namespace).toBe("default");
    const pod = d.spec.template.spec;
    expect(pod).toMatchObject({
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      dnsPolicy: "ClusterFirst",
      schedulerName: "default-scheduler",
      securityContext: {},
    });
    expect(pod.containers[0]).toMatchObject({
      imagePullPolicy: "IfNotPresent",
      terminationMessagePath: "/dev/termination-log",
      terminationMessagePolicy: "File",
    });
  });

  it("gives a Recreate Deployment no rollingUpdate block", () => {
    const d = admit(deployment((s) => (s.strategy = { type: "Recreate" }))).object as Deployment;
    expect(d.spec.strategy).toEqual({ type: "Recreate" });
  });

  it("keeps what the user set, including one of the two rolling parameters", () => {
    const d = admit(deployment((s) => (s.strategy = { rollingUpdate: { maxSurge: 2 } })))
      .object as Deployment;
    expect(d.spec.strategy.rollingUpdate).toEqual({ maxSurge: 2, maxUnavailable: "25%" });
  });

  it("passes unmodelled fields through untouched and does not change its input", () => {
    const raw = deployment((s) => {
      containers(s)[0].ports = [{ containerPort: 80 }];
      containers(s)[0].command = ["/bin/sh", "-c", "sleep 3600"];
      containers(s)[0].securityContext = { privileged: true };
      tmplSpec(s).volumes = [{ name: "v", configMap: { name: "cm" } }];
      containers(s)[0].readinessProbe = { httpGet: { port: 80 } };
    });
    const before = JSON.stringify(raw);
    const d = admit(raw).object as Deployment;
    expect(JSON.stringify(raw)).toBe(before);
    const c = d.spec.template.spec.containers[0];
    expect(c.ports).toEqual([{ containerPort: 80, protocol: "TCP" }]);
    expect(c.command).toEqual(["/bin/sh", "-c", "sleep 3600"]);
    expect(c.securityContext).toEqual({ privileged: true });
    expect(d.spec.template.spec.volumes).toEqual([{ name: "v", configMap: { name: "cm" } }]);
    expect(c.readinessProbe).toEqual({
      httpGet: { path: "/", scheme: "HTTP", port: 80 },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
  });
});

describe("imagePullPolicy default (core/v1 SetDefaults_Container)", () => {
  it.each([
    ["nginx", "Always"],
    ["busybox:latest", "Always"],
    ["busybox:v1", "IfNotPresent"],
    ["localhost:5000/app", "Always"],
    ["localhost:5000/app:1.0", "IfNotPresent"],
    ["app@sha256:0123456789abcdef", "IfNotPresent"],
  ])("%s → %s", (image, want) => {
    const d = admit(deployment((s) => (containers(s)[0].image = image))).object as Deployment;
    expect(d.spec.template.spec.containers[0].imagePullPolicy).toBe(want);
  });
});

describe("ReplicaSet, Pod, Service, ConfigMap admission", () => {
  const rs = (edit: (spec: Obj) => void = () => {}): Obj => {
    const d = deployment();
    const r: Obj = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: "web-5d59d67564" },
      spec: { ...(d.spec as Obj) },
    };
    edit(r.spec as Obj);
    return r;
  };

  it("defaults a ReplicaSet like a Deployment's template", () => {
    const r = admit(rs((s) => delete s.replicas)).object as ReplicaSet;
    expect(r.spec.replicas).toBe(1);
    expect(r.spec.template.spec.restartPolicy).toBe("Always");
  });

  it("validates a ReplicaSet with the same wording", () => {
    expect(
      formatInvalid("ReplicaSet", "web-5d59d67564", admit(rs((s) => (s.selector = {}))).errors),
    ).toContain("empty selector is invalid for deployment");
    expect(formatInvalid("ReplicaSet", "web-5d59d67564", admit(rs((s) => (s.replicas = -2))).errors)).toBe(
      'The ReplicaSet "web-5d59d67564" is invalid: spec.replicas: Invalid value: -2: must be greater than or equal to 0',
    );
  });

  it("defaults a Pod, copying limits into missing requests (SetDefaults_Pod)", () => {
    const r = admit({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: {
        containers: [
          {
            name: "c",
            image: "busybox",
            resources: { limits: { cpu: "500m", memory: "64Mi" }, requests: { cpu: "100m" } },
          },
        ],
      },
    });
    expect(r.errors).toEqual([]);
    const spec = (
      r.object as unknown as { spec: { containers: { resources: unknown }[]; enableServiceLinks: boolean } }
    ).spec;
    expect(spec.containers[0].resources).toEqual({
      limits: { cpu: "500m", memory: "64Mi" },
      requests: { cpu: "100m", memory: "64Mi" },
    });
    expect(spec.enableServiceLinks).toBe(true);
  });

  it("defaults a Service and checks its name as a DNS-1035 label", () => {
    const ok = admit({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "hpa-demo" },
      spec: { selector: { app: "nginx" }, ports: [{ port: 80 }] },
    });
    expect((ok.object as unknown as { spec: Obj }).spec).toEqual({
      selector: { app: "nginx" },
      ports: [{ port: 80, protocol: "TCP", targetPort: 80 }],
      type: "ClusterIP",
      sessionAffinity: "None",
    });
    const bad = admit({ apiVersion: "v1", kind: "Service", metadata: { name: "1svc" }, spec: {} });
    expect(formatInvalid("Service", "1svc", bad.errors)).toBe(
      "The Service \"1svc\" is invalid: metadata.name: Invalid value: \"1svc\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    );
  });

  it("keeps a ConfigMap's data as written", () => {
    const r = admit({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "cm" },
      data: { "a.sh": "#!/bin/sh\n" },
    });
    expect((r.object as unknown as { data: unknown }).data).toEqual({ "a.sh": "#!/bin/sh\n" });
  });

  it("refuses kinds and versions it does not serve, in kubectl's words", () => {
    const r = admit({ apiVersion: "extensions/v1beta1", kind: "Deployment", metadata: { name: "x" } });
    expect(r.errors[0].detail).toBe('no matches for kind "Deployment" in version "extensions/v1beta1"');
    expect(
      // apps/v1beta1 StatefulSets were removed in 1.16: the kind is served, that version is not.
      admit({ apiVersion: "apps/v1beta1", kind: "StatefulSet", metadata: { name: "x" } }).errors[0].detail,
    ).toBe('no matches for kind "StatefulSet" in version "apps/v1beta1"');
  });
});

describe("container resource names", () => {
  it("refuses a misspelt resource in requests", () => {
    const r = admit(deployment((s) => (containers(s)[0].resources = { requests: { cpuu: "1" } })));
    expect(formatInvalid("Deployment", "web", r.errors)).toBe(
      'The Deployment "web" is invalid: spec.template.spec.containers[0].resources.requests[cpuu]: Invalid value: "cpuu": must be a standard resource for containers',
    );
  });
});

describe("restartPolicy", () => {
  it("an unknown policy fails both the pod's check and the ReplicaSet template's (as upstream)", () => {
    const r = admit(deployment((s) => (tmplSpec(s).restartPolicy = "Sometimes")));
    expect(formatInvalid("Deployment", "web", r.errors)).toBe(
      'The Deployment "web" is invalid: \n' +
        '* spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"\n' +
        '* spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always"',
    );
  });
});
