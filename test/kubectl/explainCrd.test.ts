/**
 * `kubectl explain` of a custom resource: kubectl reads the OpenAPI v3 document
 * apiextensions-apiserver publishes for each served version of the CRD
 * (pkg/controller/openapi/builder/builder.go BuildOpenAPIV3, Options{V2: false}: the version's
 * openAPIV3Schema with `metadata` made a reference to ObjectMeta and `apiVersion`/`kind`
 * TypeMeta's, buildKubeNative; addEmbeddedProperties for x-kubernetes-embedded-resource), and
 * prints it with the same template as a built-in kind
 * (kubectl/pkg/explain/v2/templates/plaintext.tmpl). The version explained is the group's
 * preferred one, the first served version in kube-aware order (apiextensions' discovery).
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { runKubectl } from "../../src/kubectl/run.ts";

const crd = (versions: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  scope: Namespaced
  names:
    plural: crontabs
    singular: crontab
    kind: CronTab
    shortNames: [ct]
  versions:
${versions}`;

const V1 = `  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        description: CronTab runs a command on a schedule.
        type: object
        required: [spec]
        properties:
          metadata:
            type: object
            description: ignored, as buildKubeNative replaces it
          spec:
            description: The desired schedule and image.
            type: object
            required: [cronSpec]
            properties:
              cronSpec:
                type: string
                description: A cron expression, as crontab(5) reads it.
              replicas:
                type: integer
                enum: [1, 2, 3]
              mode:
                type: string
                enum: ["", Fast, Slow, Medium, Other]
              ports:
                type: array
                items:
                  type: object
                  properties:
                    port:
                      x-kubernetes-int-or-string: true
              labels:
                type: object
                additionalProperties:
                  type: string
              template:
                type: object
                x-kubernetes-embedded-resource: true
                x-kubernetes-preserve-unknown-fields: true
          status:
            type: object
            x-kubernetes-preserve-unknown-fields: true
`;

/** A v1beta1 the group serves too, without a schema (v1 requires one; Replicast stores it anyway). */
const V1BETA1 = `  - name: v1beta1
    served: true
    storage: false
`;

function cluster(versions = V1BETA1 + V1) {
  const sim = new Simulation();
  const k = (line: string, input?: string) =>
    runKubectl(line, sim, input ? { readFile: () => input, listDir: () => undefined } : undefined);
  expect(k("apply -f crd.yaml", crd(versions)).exitCode).toBe(0);
  return k;
}

const TYPE_META = [
  "  apiVersion\t<string>",
  "    APIVersion defines the versioned schema of this representation of an object.",
  "    Servers should convert recognized schemas to the latest internal value, and",
  "    may reject unrecognized values. More info:",
  "    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
  "",
  "  kind\t<string>",
  "    Kind is a string value representing the REST resource this object",
  "    represents. Servers may infer this from the endpoint the client submits",
  "    requests to. Cannot be updated. In CamelCase. More info:",
  "    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
  "",
  "  metadata\t<ObjectMeta>",
  "    Standard object's metadata. More info:",
  "    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
  "",
];

describe("kubectl explain of a custom resource", () => {
  it("prints the kind from its CRD's schema at the preferred version, with TypeMeta and ObjectMeta", () => {
    const k = cluster();
    const out = k("explain crontabs");
    expect(out.stderr).toBe("");
    expect(out.stdout.split("\n")).toEqual([
      "GROUP:      stable.example.com",
      "KIND:       CronTab",
      "VERSION:    v1",
      "",
      "DESCRIPTION:",
      "    CronTab runs a command on a schedule.",
      "    ",
      "FIELDS:",
      ...TYPE_META,
      "  spec\t<Object> -required-",
      "    The desired schedule and image.",
      "",
      "  status\t<Object>",
      "    <no description>",
      "",
      "",
      "",
    ]);
  });

  it("follows a field path: types, -required-, enums (four, then ....), maps, arrays", () => {
    const k = cluster();
    expect(k("explain ct.spec").stdout.split("\n")).toEqual([
      "GROUP:      stable.example.com",
      "KIND:       CronTab",
      "VERSION:    v1",
      "",
      "FIELD: spec <Object>",
      "",
      "",
      "DESCRIPTION:",
      "    The desired schedule and image.",
      "    ",
      "FIELDS:",
      "  cronSpec\t<string> -required-",
      "    A cron expression, as crontab(5) reads it.",
      "",
      "  labels\t<map[string]string>",
      "    <no description>",
      "",
      "  mode\t<string>",
      '  enum: "", Fast, Slow, Medium, ....',
      "    <no description>",
      "",
      "  ports\t<[]Object>",
      "    <no description>",
      "",
      "  replicas\t<integer>",
      "  enum: 1, 2, 3",
      "    <no description>",
      "",
      "  template\t<Object>",
      "    <no description>",
      "",
      "",
      "",
    ]);
    expect(k("explain crontabs.stable.example.com.spec.mode").stdout).toBe(
      [
        "GROUP:      stable.example.com",
        "KIND:       CronTab",
        "VERSION:    v1",
        "",
        "FIELD: mode <string>",
        "ENUM:",
        '    ""',
        "    Fast",
        "    Slow",
        "    Medium",
        "    Other",
        "",
        "DESCRIPTION:",
        "    <empty>",
        "",
        "",
      ].join("\n"),
    );
    // An int-or-string has no type in the published schema: the template's guess is Object.
    expect(k("explain ct.spec.ports.port").stdout).toContain("FIELD: port <Object>\n");
  });

  it("gives an embedded resource apiVersion, kind (required) and metadata; metadata is ObjectMeta", () => {
    const k = cluster();
    expect(k("explain ct.spec.template").stdout.split("\n").slice(4)).toEqual([
      "FIELD: template <Object>",
      "",
      "",
      "DESCRIPTION:",
      "    <empty>",
      "FIELDS:",
      "  apiVersion\t<string> -required-",
      "    apiVersion defines the versioned schema of this representation of an object.",
      "    More info:",
      "    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
      "",
      "  kind\t<string> -required-",
      "    kind is a string value representing the type of this object. In CamelCase.",
      "    More info:",
      "    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
      "",
      "  metadata\t<ObjectMeta>",
      "    Standard object's metadata. More info:",
      "    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
      "",
      "",
      "",
    ]);
    // The $ref beside a description is not wrapped in allOf: the field's own description is not printed.
    expect(k("explain ct.metadata").stdout.split("\n").slice(4, 9)).toEqual([
      "FIELD: metadata <ObjectMeta>",
      "",
      "",
      "DESCRIPTION:",
      "    ObjectMeta is metadata that all persisted resources must have, which",
    ]);
  });

  it("explains another served version with --api-version; one without a schema has no fields", () => {
    const k = cluster();
    expect(k("explain ct --api-version=stable.example.com/v1beta1").stdout).toBe(
      [
        "GROUP:      stable.example.com",
        "KIND:       CronTab",
        "VERSION:    v1beta1",
        "",
        "DESCRIPTION:",
        "    <empty>",
        "",
        "",
      ].join("\n"),
    );
  });

  it("reports a field the schema lacks when the line is checked, and an unknown resource as before", () => {
    const k = cluster();
    expect(k("explain ct.spec.nope").stderr).toBe('error: field "nope" does not exist\n');
    expect(k("explain ct.status.anything").stderr).toBe('error: field "anything" does not exist\n');
    expect(k("explain widgets").stderr).toBe('error: the server doesn\'t have a resource type "widgets"\n');
  });

  it("reads the CRD as the cluster holds it when the line runs", () => {
    const k = cluster(V1);
    k("apply -f crd.yaml", crd(V1.replace("CronTab runs a command on a schedule.", "Runs a command.")));
    expect(k("explain ct").stdout).toContain("DESCRIPTION:\n    Runs a command.\n");
  });
});
