/**
 * `kubectl api-resources` and `kubectl api-versions` (kubectl/pkg/cmd/apiresources) against
 * the simulated API server's discovery: what a default API server of `kubectl.version` serves
 * (src/kubectl/commands/discovery.ts, from kubernetes' api/discovery documents), plus the
 * resources of the CustomResourceDefinitions applied.
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { loadManifests } from "../../src/k8s/manifest.ts";
import { applyObjects } from "../../src/kubectl/commands/apply.ts";
import { compareKubeAwareVersions } from "../../src/kubectl/commands/discovery.ts";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import { runScenario } from "../../src/scenario/index.ts";
import { FakeCluster } from "./fakeCluster.ts";

const crd = (group: string, versions: string[], more = "") => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.${group}
spec:
  group: ${group}
  names:
    kind: Widget
    plural: widgets
    singular: widget
    shortNames: [wd]
${more}  scope: Namespaced
  versions:
${versions.map((v, i) => `  - name: ${v}\n    served: true\n    storage: ${i === 0}\n    schema:\n      openAPIV3Schema:\n        type: object\n        x-kubernetes-preserve-unknown-fields: true\n`).join("")}`;

function withCRD(text: string): Simulation {
  const s = new Simulation();
  const loaded = loadManifests(text, { file: "crd.yaml", admit: { kinds: s.kinds } });
  expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(
    applyObjects(
      loaded.objects.map((o) => o.object),
      s,
      "crd.yaml",
    ).exitCode,
  ).toBe(0);
  return s;
}

const rows = (stdout: string) => stdout.split("\n").filter((l) => l !== "");

describe("kubectl api-resources", () => {
  it("prints a default API server's resources, by group then name, in kubectl's columns", () => {
    const r = runKubectl("kubectl api-resources", new FakeCluster());
    expect(r.exitCode).toBe(0);
    const lines = rows(r.stdout);
    // apiresources.go printContextHeaders; GetNewTabWriter pads with 3 spaces.
    // The widest name is validatingadmissionpolicybindings (33), the widest version 31.
    expect(lines[0]).toBe(`NAME${" ".repeat(32)}SHORTNAMES   APIVERSION${" ".repeat(24)}NAMESPACED   KIND`);
    // The core group ("") sorts first, then the groups by name (sortableResource.Less).
    expect(lines.slice(1, 4)).toEqual([
      "bindings                                         v1                                true         Binding",
      "componentstatuses                   cs           v1                                false        ComponentStatus",
      "configmaps                          cm           v1                                true         ConfigMap",
    ]);
    const names = lines.slice(1).map((l) => l.split(/ +/)[0]);
    // storage.k8s.io sorts last; 1.34 (the default) serves volumeattributesclasses.
    expect(names.slice(-3)).toEqual(["storageclasses", "volumeattachments", "volumeattributesclasses"]);
    expect(lines).toContain(
      "deployments                         deploy       apps/v1                           true         Deployment",
    );
    expect(lines).toContain(
      "horizontalpodautoscalers            hpa          autoscaling/v2                    true         HorizontalPodAutoscaler",
    );
    // Both Event resources: the core one and events.k8s.io's.
    expect(lines.filter((l) => l.startsWith("events "))).toHaveLength(2);
    // No subresources (discovery's ServerPreferredResources leaves them out).
    expect(lines.some((l) => l.includes("/status"))).toBe(false);
  });

  it("follows the cluster's version: DRA and VolumeAttributesClass GA in 1.34, ServiceCIDR in 1.33, flowcontrol v1 from 1.29", () => {
    const at = (minor: number) => {
      const p = parseKubectl("api-resources -o name", { version: minor });
      expect(p.diagnostics).toEqual([]);
      return rows(runKubectl("api-resources -o name", new FakeCluster(), { version: minor }).stdout);
    };
    const v34 = at(34);
    expect(v34).toContain("resourceclaims.resource.k8s.io");
    expect(v34).toContain("volumeattributesclasses.storage.k8s.io");
    expect(at(33)).not.toContain("resourceclaims.resource.k8s.io");
    expect(at(33)).toContain("servicecidrs.networking.k8s.io");
    expect(at(32)).not.toContain("servicecidrs.networking.k8s.io");
    expect(at(30)).toContain("validatingadmissionpolicies.admissionregistration.k8s.io");
    expect(at(29)).not.toContain("validatingadmissionpolicies.admissionregistration.k8s.io");
    const flowcontrol = (minor: number) =>
      rows(
        runKubectl("api-resources --api-group=flowcontrol.apiserver.k8s.io", new FakeCluster(), {
          version: minor,
        }).stdout,
      )
        .slice(1)
        .map((l) => l.split(/ +/)[1]);
    expect(flowcontrol(28)).toEqual([
      "flowcontrol.apiserver.k8s.io/v1beta3",
      "flowcontrol.apiserver.k8s.io/v1beta3",
    ]);
    expect(flowcontrol(29)).toEqual(["flowcontrol.apiserver.k8s.io/v1", "flowcontrol.apiserver.k8s.io/v1"]);
  });

  it("-o wide adds VERBS and CATEGORIES, comma-joined (kubernetes PR #111096)", () => {
    const lines = rows(runKubectl("api-resources -o wide --api-group=apps", new FakeCluster()).stdout);
    expect(lines[0].split(/ +/)).toEqual([
      "NAME",
      "SHORTNAMES",
      "APIVERSION",
      "NAMESPACED",
      "KIND",
      "VERBS",
      "CATEGORIES",
    ]);
    expect(lines[2].split(/ +/)).toEqual([
      "daemonsets",
      "ds",
      "apps/v1",
      "true",
      "DaemonSet",
      "create,delete,deletecollection,get,list,patch,update,watch",
      "all",
    ]);
  });

  it('filters: --namespaced only when given, --verbs and --categories need all listed, --api-group "" is the core group', () => {
    const c = new FakeCluster();
    const names = (line: string) => rows(runKubectl(line, c).stdout);
    const clusterScoped = names("api-resources --namespaced=false -o name");
    expect(clusterScoped).toContain("nodes");
    expect(clusterScoped).not.toContain("pods");
    expect(names("api-resources --namespaced=true -o name")).toContain("pods");
    expect(names("api-resources --namespaced=true -o name")).not.toContain("nodes");
    // Without --namespaced both scopes are listed (nsChanged).
    expect(names("api-resources -o name")).toEqual(expect.arrayContaining(["nodes", "pods"]));
    expect(names("api-resources --verbs=get --verbs=list --api-group= -o name")).not.toContain("bindings");
    expect(names("api-resources --verbs=create,get --api-group= -o name")).toContain("pods");
    expect(names("api-resources --verbs=watch -o name")).not.toContain("componentstatuses");
    expect(names("api-resources --categories=all -o name")).toEqual([
      "pods",
      "replicationcontrollers",
      "services",
      "daemonsets.apps",
      "deployments.apps",
      "replicasets.apps",
      "statefulsets.apps",
      "horizontalpodautoscalers.autoscaling",
      "cronjobs.batch",
      "jobs.batch",
    ]);
    expect(names("api-resources --no-headers --api-group=policy")).toEqual([
      "poddisruptionbudgets   pdb   policy/v1   true   PodDisruptionBudget",
    ]);
  });

  it("--sort-by=kind and name sort stably, ties by name; other values are kubectl's error", () => {
    const lines = rows(runKubectl("api-resources --sort-by=kind --no-headers", new FakeCluster()).stdout);
    const kinds = lines.map((l) =>
      l
        .split(/ +/)
        .filter((w) => w !== "")
        .at(-1)!,
    );
    // Byte order, as strings.Compare: "CSIDriver" before "CertificateSigningRequest".
    expect(kinds.slice(0, 3)).toEqual(["APIService", "Binding", "CSIDriver"]);
    expect([...kinds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(kinds);
    const byName = rows(runKubectl("api-resources --sort-by=name -o name", new FakeCluster()).stdout);
    // The two Event resources tie: the core one first, as discovery lists it.
    const events = byName.filter((n) => n.startsWith("events"));
    expect(events).toEqual(["events", "events.events.k8s.io"]);
    expect(parseKubectl("api-resources --sort-by=age").diagnostics.map((d) => d.message)).toEqual([
      "error: --sort-by accepts only name or kind",
    ]);
  });

  it("lists a CustomResourceDefinition's resource at its preferred version, with the custom resource verbs", () => {
    const s = withCRD(crd("example.com", ["v1alpha1", "v1beta1"], "    categories: [all]\n"));
    const out = rows(runKubectl("api-resources --api-group=example.com -o wide", s).stdout);
    expect(out[1].split(/ +/)).toEqual([
      "widgets",
      "wd",
      "example.com/v1beta1",
      "true",
      "Widget",
      "delete,deletecollection,get,list,patch,create,update,watch",
      "all",
    ]);
    expect(rows(runKubectl("api-versions", s).stdout)).toEqual(
      expect.arrayContaining(["example.com/v1alpha1", "example.com/v1beta1"]),
    );
  });

  it("refuses what kubectl refuses, and discovery older than 1.28", () => {
    const messages = (line: string, version?: number) =>
      parseKubectl(line, version === undefined ? {} : { version }).diagnostics.map((d) => d.message);
    expect(messages("api-resources pods")).toEqual(["error: unexpected arguments: [pods]"]);
    expect(messages("api-resources -o yaml")).toEqual([
      "error: kubectl api-resources -o yaml is not supported by the Replicast simulator",
    ]);
    expect(messages("api-resources -o custom-columns=N:.name")).toEqual([
      "error: --output custom-columns=N:.name is not available",
    ]);
    expect(messages("api-resources", 27)).toEqual([
      "error: kubectl api-resources against the API server of Kubernetes 1.27 is not supported by the Replicast simulator",
    ]);
    // --categories came with 1.25 (PR #111096): 1.24's kubectl does not know it.
    expect(messages("api-resources --categories=all", 24)[0]).toBe("error: unknown flag: --categories");
  });
});

describe("kubectl api-versions", () => {
  it("prints every served group/version, sorted (apiversions.go sort.Strings)", () => {
    expect(runKubectl("kubectl api-versions", new FakeCluster(), { version: 28 }).stdout).toBe(
      [
        "admissionregistration.k8s.io/v1",
        "apiextensions.k8s.io/v1",
        "apiregistration.k8s.io/v1",
        "apps/v1",
        "authentication.k8s.io/v1",
        "authorization.k8s.io/v1",
        "autoscaling/v1",
        "autoscaling/v2",
        "batch/v1",
        "certificates.k8s.io/v1",
        "coordination.k8s.io/v1",
        "discovery.k8s.io/v1",
        "events.k8s.io/v1",
        "flowcontrol.apiserver.k8s.io/v1beta2",
        "flowcontrol.apiserver.k8s.io/v1beta3",
        "networking.k8s.io/v1",
        "node.k8s.io/v1",
        "policy/v1",
        "rbac.authorization.k8s.io/v1",
        "scheduling.k8s.io/v1",
        "storage.k8s.io/v1",
        "v1",
        "",
      ].join("\n"),
    );
    const v34 = rows(runKubectl("api-versions", new FakeCluster()).stdout);
    expect(v34).toContain("resource.k8s.io/v1");
    expect(v34.filter((v) => v.startsWith("flowcontrol"))).toEqual(["flowcontrol.apiserver.k8s.io/v1"]);
  });

  it("takes no arguments", () => {
    expect(parseKubectl("api-versions apps").diagnostics.map((d) => d.message)).toEqual([
      "error: unexpected arguments: [apps]",
    ]);
  });

  it("runs as a scenario line", async () => {
    const r = await runScenario(
      { text: "kubectl api-resources --api-group=policy\n", file: "a.scn" },
      { host: memoryHost({}) },
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.output.map((o) => o.text)).toEqual([
      "NAME                   SHORTNAMES   APIVERSION   NAMESPACED   KIND\n" +
        "poddisruptionbudgets   pdb          policy/v1    true         PodDisruptionBudget",
    ]);
  });
});

describe("compareKubeAwareVersions (apimachinery version.CompareKubeAwareVersionStrings)", () => {
  it("puts GA before beta before alpha, higher numbers first, other names last", () => {
    expect(["v1alpha1", "foo", "v2beta1", "v1", "v1beta2", "v2"].sort(compareKubeAwareVersions)).toEqual([
      "v2",
      "v1",
      "v2beta1",
      "v1beta2",
      "v1alpha1",
      "foo",
    ]);
  });
});
