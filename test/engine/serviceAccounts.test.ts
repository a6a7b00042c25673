/**
 * Service accounts as a cluster has them: the ServiceAccount admission plug-in
 * (plugin/pkg/admission/serviceaccount/admission.go), the serviceaccounts controller
 * (pkg/controller/serviceaccount/serviceaccounts_controller.go), the root CA publisher
 * (pkg/controller/certificates/rootcacertpublisher/publisher.go), and how kubectl prints what
 * they leave (describe.go describePod, printProjectedVolumeSource, describeServiceAccount).
 */
import { describe, expect, it } from "vitest";
import { defaultControllers } from "../../src/engine/defaultControllers.ts";
import { createAutoscaling } from "../../src/engine/autoscaling.ts";
import { Simulation } from "../../src/engine/simulation.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import { SIMULATED_ROOT_CA } from "../../src/k8s/kinds/configMap/rootCA.ts";
import { planServiceAccount } from "../../src/k8s/kinds/serviceAccount/admission.ts";
import type { KubeObject, Pod } from "../../src/k8s/types.ts";
import { runKubectl } from "../../src/kubectl/run.ts";

const k = (s: Simulation, line: string) => runKubectl(line, s);
type Obj = Record<string, unknown>;

const MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

function deployment(name: string, namespace: string | undefined, spec: Obj = {}, replicas = 2): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name, image: `${name}:1` }], ...spec },
      },
    },
  } as unknown as KubeObject;
}

const namespace = (name: string) =>
  ({ apiVersion: "v1", kind: "Namespace", metadata: { name } }) as unknown as KubeObject;

const serviceAccount = (name: string, extra: Obj = {}) =>
  ({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name }, ...extra }) as unknown as KubeObject;

function created<T = KubeObject>(s: Simulation, o: KubeObject): T {
  const r = s.api.create(o);
  expect(r).toHaveProperty("kind");
  return r as T;
}

const pods = (s: Simulation, ns = "default") => s.api.list("Pod", ns) as readonly Pod[];

describe("every namespace's ServiceAccount default and ConfigMap kube-root-ca.crt", () => {
  it("are in the four namespaces a cluster starts with before the run, without a resourceVersion", () => {
    const s = new Simulation();
    for (const ns of ["default", "kube-node-lease", "kube-public", "kube-system"]) {
      const sa = s.api.get("ServiceAccount", ns, "default");
      const cm = s.api.get("ConfigMap", ns, "kube-root-ca.crt") as KubeObject & { data: Obj };
      expect(sa?.metadata.creationTimestamp).toBe(0);
      expect(sa?.metadata.resourceVersion).toBeUndefined();
      expect(cm.data).toEqual({ "ca.crt": SIMULATED_ROOT_CA });
      expect(cm.metadata.annotations?.["kubernetes.io/description"]).toMatch(/^Contains a CA bundle/);
    }
    expect(k(s, "kubectl get sa").stdout).toBe("NAME      SECRETS   AGE\ndefault   0         0s\n");
  });

  it("are created with a namespace, at the same instant, from streams of their own: no pod is renamed", () => {
    // The same cluster with and without the two controllers: every pod keeps its name and uid.
    const run = (withDefaults: boolean) => {
      const autoscaling = createAutoscaling();
      const controllers = defaultControllers(autoscaling, builtinKinds.extend()).filter(
        (c) => withDefaults || (c.name !== "serviceaccount" && c.name !== "root-ca-cert-publisher"),
      );
      const s = new Simulation({ autoscaling, controllers });
      s.at(5, "create prod", () => {
        created(s, namespace("prod"));
        created(s, deployment("api", "prod", {}, 3));
      });
      s.runUntil(60);
      return s;
    };
    const [s, without] = [run(true), run(false)];
    const sa = s.api.get("ServiceAccount", "prod", "default");
    const cm = s.api.get("ConfigMap", "prod", "kube-root-ca.crt");
    expect(sa?.metadata.creationTimestamp).toBe(5);
    expect(cm?.metadata.creationTimestamp).toBe(5);
    expect(without.api.get("ServiceAccount", "prod", "default")).toBeUndefined();
    const ids = (x: Simulation) => pods(x, "prod").map((p) => `${p.metadata.name} ${p.metadata.uid}`);
    expect(ids(s)).toHaveLength(3);
    expect(ids(s)).toEqual(ids(without));
  });

  it("come back when deleted or changed, and not in a namespace being deleted", () => {
    const s = new Simulation();
    created(s, namespace("prod"));
    s.runUntil(1);
    s.at(10, "delete them", () => {
      expect(k(s, "kubectl delete sa default -n prod").exitCode).toBe(0);
      const cm = s.api.get("ConfigMap", "prod", "kube-root-ca.crt") as KubeObject & { data: Obj };
      expect(s.api.update({ ...cm, data: { "ca.crt": "changed" } } as KubeObject)).toHaveProperty("kind");
    });
    s.runUntil(11);
    expect(s.api.get("ServiceAccount", "prod", "default")?.metadata.creationTimestamp).toBe(10);
    expect((s.api.get("ConfigMap", "prod", "kube-root-ca.crt") as unknown as { data: Obj }).data).toEqual({
      "ca.crt": SIMULATED_ROOT_CA,
    });
    s.at(20, "delete prod", () => expect(k(s, "kubectl delete namespace prod").exitCode).toBe(0));
    s.runUntil(30);
    expect(s.api.get("Namespace", "", "prod")).toBeUndefined();
    expect(s.api.get("ServiceAccount", "prod", "default")).toBeUndefined();
    expect(s.api.get("ConfigMap", "prod", "kube-root-ca.crt")).toBeUndefined();
  });
});

describe("the ServiceAccount admission plug-in", () => {
  it("names the default account and mounts the token volume read-only in every container, init containers too", () => {
    const s = new Simulation();
    created(s, deployment("web", undefined, { initContainers: [{ name: "init", image: "busybox:1" }] }));
    s.runUntil(30);
    const [a, b] = pods(s);
    const spec = a.spec as unknown as Obj & { volumes: Obj[]; containers: Obj[]; initContainers: Obj[] };
    expect(spec.serviceAccountName).toBe("default");
    expect(spec.serviceAccount).toBe("default");
    const name = spec.volumes[0].name as string;
    expect(name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    // TokenVolumeSource, with the explicit defaultMode of kubernetes#104464.
    expect(spec.volumes).toEqual([
      {
        name,
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
            { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
            {
              downwardAPI: {
                items: [
                  { path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } },
                ],
              },
            },
          ],
          defaultMode: 420,
        },
      },
    ]);
    for (const c of [...spec.containers, ...spec.initContainers])
      expect(c.volumeMounts).toEqual([{ name, readOnly: true, mountPath: MOUNT_PATH }]);
    // Each pod its own suffix.
    expect((b.spec.volumes as Obj[])[0].name).not.toBe(name);
  });

  it("draws the volume names from a stream apart from the pod names': a pod without the volume has the same name and uid", () => {
    const run = (automount: boolean) => {
      const s = new Simulation();
      created(s, deployment("web", undefined, { automountServiceAccountToken: automount }, 4));
      s.runUntil(30);
      // The generated part of the name (the template hash differs with the template).
      return pods(s).map((p) => `${p.metadata.name.slice(-5)} ${p.metadata.uid}`);
    };
    const [mounted, not] = [run(true), run(false)];
    expect(mounted).toHaveLength(4);
    expect(mounted).toEqual(not);
  });

  it("leaves the volume out when automountServiceAccountToken says false: the pod's setting first, then the account's", () => {
    const s = new Simulation();
    created(s, serviceAccount("quiet", { automountServiceAccountToken: false }));
    created(s, deployment("off", undefined, { automountServiceAccountToken: false }, 1));
    created(s, deployment("sa-off", undefined, { serviceAccountName: "quiet" }, 1));
    created(
      s,
      deployment("pod-on", undefined, { serviceAccountName: "quiet", automountServiceAccountToken: true }, 1),
    );
    s.runUntil(30);
    const of = (app: string) => pods(s).find((p) => p.metadata.labels?.app === app)?.spec as unknown as Obj;
    expect(of("off").volumes).toBeUndefined();
    expect(of("off").serviceAccountName).toBe("default");
    expect(of("sa-off").volumes).toBeUndefined();
    expect(of("sa-off").serviceAccount).toBe("quiet");
    expect(of("pod-on").volumes).toHaveLength(1);
  });

  it("keeps a container's own mount at the token path, reuses a kube-api-access volume, and copies the account's imagePullSecrets", () => {
    const s = new Simulation();
    created(s, serviceAccount("puller", { imagePullSecrets: [{ name: "regcred" }] }));
    created(
      s,
      deployment(
        "own",
        undefined,
        {
          serviceAccountName: "puller",
          containers: [
            { name: "a", image: "a:1", volumeMounts: [{ name: "mine", mountPath: MOUNT_PATH }] },
            { name: "b", image: "b:1" },
          ],
          volumes: [
            { name: "mine", emptyDir: {} },
            { name: "kube-api-access-given", emptyDir: {} },
          ],
        },
        1,
      ),
    );
    s.runUntil(30);
    const spec = pods(s)[0].spec as unknown as Obj & { containers: Obj[]; volumes: Obj[] };
    expect(spec.containers[0].volumeMounts).toEqual([{ name: "mine", mountPath: MOUNT_PATH }]);
    expect(spec.containers[1].volumeMounts).toEqual([
      { name: "kube-api-access-given", readOnly: true, mountPath: MOUNT_PATH },
    ]);
    expect(spec.volumes.map((v) => v.name)).toEqual(["mine", "kube-api-access-given"]);
    expect(spec.imagePullSecrets).toEqual([{ name: "regcred" }]);
  });

  it("adds the token volume and mounts after the pod's own, each pod in arrays of its own", () => {
    // admission.go mountServiceAccountToken appends to the pod's volumes and each container's mounts.
    const s = new Simulation();
    created(
      s,
      deployment("data", undefined, {
        containers: [{ name: "a", image: "a:1", volumeMounts: [{ name: "data", mountPath: "/data" }] }],
        volumes: [{ name: "data", emptyDir: {} }],
      }),
    );
    s.runUntil(30);
    const [one, two] = pods(s).map((p) => p.spec as unknown as Obj & { containers: Obj[]; volumes: Obj[] });
    const token = one.volumes[1].name as string;
    expect(token).toMatch(/^kube-api-access-[a-z0-9]{5}$/);
    expect(one.volumes.map((v) => v.name)).toEqual(["data", token]);
    expect(one.containers[0].volumeMounts).toEqual([
      { name: "data", mountPath: "/data" },
      { name: token, readOnly: true, mountPath: MOUNT_PATH },
    ]);
    expect(two.volumes).not.toBe(one.volumes);
    expect(two.volumes.map((v) => v.name)).toEqual(["data", two.volumes[1].name]);
    expect((two.containers[0].volumeMounts as Obj[])[1].name).toBe(two.volumes[1].name);
    // The Deployment's template keeps its own volume and mount alone.
    const template = (
      s.api.get("Deployment", "default", "data") as unknown as { spec: { template: { spec: Obj } } }
    ).spec.template.spec as Obj & { containers: Obj[]; volumes: Obj[] };
    expect(template.volumes).toEqual([{ name: "data", emptyDir: {} }]);
    expect(template.containers[0].volumeMounts).toEqual([{ name: "data", mountPath: "/data" }]);
  });

  it("plans once per admitted spec and account: the same plan object for every pod of a template", () => {
    const spec = { containers: [{ name: "a", image: "a:1" }] };
    const account = serviceAccount("default");
    expect(planServiceAccount(spec, account)).toBe(planServiceAccount(spec, account));
    expect(planServiceAccount({ ...spec }, account)).not.toBe(planServiceAccount(spec, account));
  });

  it("refuses a pod whose account does not exist: the ReplicaSet's FailedCreate, retried until the account exists", () => {
    const s = new Simulation();
    created(s, deployment("robot", "default", { serviceAccountName: "robot" }, 3));
    s.runUntil(60);
    expect(pods(s)).toHaveLength(0);
    const failed = s.events.filter((e) => e.reason === "FailedCreate");
    const rs = s.api.list("ReplicaSet", "default")[0].metadata.name;
    // admission.NewForbidden names the pod by its generateName: admission runs before the name is made.
    expect(failed[0]).toMatchObject({
      type: "Warning",
      message: `Error creating: pods "${rs}-" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found`,
      involvedObject: { kind: "ReplicaSet", name: rs },
    });
    // slowStartBatch: one create per sync (the first batch fails), again after 5 ms, 10 ms, … doubling.
    expect(failed.length).toBeGreaterThan(5);
    expect(failed.length).toBeLessThan(20);
    s.at(60, "create the account", () => created(s, serviceAccount("robot")));
    s.runUntil(3600);
    expect(pods(s)).toHaveLength(3);
    expect(pods(s)[0].spec.serviceAccountName).toBe("robot");
  });
});

describe("kubectl", () => {
  it("describe pod: the Service Account line, the Mounts line and the projected volume, as describe.go prints them", () => {
    const s = new Simulation();
    created(s, deployment("web", undefined, {}, 1));
    s.runUntil(30);
    const pod = pods(s)[0];
    const volume = (pod.spec.volumes as Obj[])[0].name as string;
    const out = k(s, `kubectl describe pod ${pod.metadata.name}`).stdout;
    expect(out).toContain("\nService Account:  default\n");
    expect(out).toContain(`    Mounts:\n      ${MOUNT_PATH} from ${volume} (ro)\n`);
    expect(out).toContain(
      [
        "Volumes:",
        `  ${volume}:`,
        "    Type:                    Projected (a volume that contains injected data from multiple sources)",
        "    TokenExpirationSeconds:  3607",
        "    ConfigMapName:           kube-root-ca.crt",
        "    ConfigMapOptional:       <nil>",
        "    DownwardAPI:             true",
        "QoS Class:                   BestEffort",
      ].join("\n"),
    );
  });

  it("get sa -A and describe sa list every namespace's default", () => {
    const s = new Simulation();
    created(s, namespace("prod"));
    s.runUntil(5);
    expect(k(s, "kubectl get sa -A").stdout).toBe(
      [
        "NAMESPACE         NAME      SECRETS   AGE",
        "default           default   0         5s",
        "kube-node-lease   default   0         5s",
        "kube-public       default   0         5s",
        "kube-system       default   0         5s",
        "prod              default   0         5s",
        "",
      ].join("\n"),
    );
    expect(k(s, "kubectl describe sa default -n prod").stdout).toBe(
      [
        "Name:                default",
        "Namespace:           prod",
        "Labels:              <none>",
        "Annotations:         <none>",
        "Image pull secrets:  <none>",
        "Mountable secrets:   <none>",
        "Tokens:              <none>",
        "Events:              <none>",
        "",
      ].join("\n"),
    );
  });
});
