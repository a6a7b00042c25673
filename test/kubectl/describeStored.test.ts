/**
 * `kubectl describe` of the kinds Replicast stores and does not simulate, each with its own
 * describer upstream (k8s.io/kubectl/pkg/describe/describe.go describerMap): outputs compared
 * whole against what kubectl prints, for manifests shaped like public repositories' (the
 * helm-rendered ingress controller, and a platform folder of storage, policies, quotas, a
 * DaemonSet, a CronJob, a Job and an Ingress). No controller runs for most of these kinds:
 * what is described is the object as applied (a Job is run by the Job controller).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import { loadManifests } from "../../src/k8s/manifest.ts";
import { applyObjects } from "../../src/kubectl/commands/apply.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { quotaRows } from "../../src/k8s/kinds/resourceQuota/describe.ts";
import type { KubeObject } from "../../src/k8s/types.ts";

/** Apply a fixture as `kubectl apply -f` does and run a minute, as the other repository tests do. */
function cluster(name: string): Simulation {
  const text = readFileSync(new URL(`../fixtures/repos/${name}`, import.meta.url), "utf8");
  const loaded = loadManifests(text, { file: name, admit: { kinds: builtinKinds.extend() } });
  expect(loaded.diagnostics).toEqual([]);
  const s = new Simulation();
  const r = applyObjects(
    loaded.objects.map((o) => o.object),
    s,
    name,
  );
  expect(r.stderr).toBe("");
  s.runUntil(60);
  return s;
}

const platform = cluster("platform.yaml");
const ingressController = cluster("ingress-controller.yaml");

describe("kubectl describe, a platform folder (platform.yaml)", () => {
  // describeSecret: the type (Opaque by default), then each key's size in bytes, never its value; stringData is merged into data on write (Convert_v1_Secret_To_core_Secret), so its keys are counted in UTF-8 bytes. No Events section.
  it("Secret: describe secret db-credentials -n shop", () => {
    const out = runKubectl("describe secret db-credentials -n shop", platform);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      "Name:         db-credentials",
      "Namespace:    shop",
      "Labels:       app.kubernetes.io/part-of=shop",
      "Annotations:  <none>",
      "",
      "Type:  Opaque",
      "",
      "Data",
      "====",
      "password:  11 bytes",
      "url:       32 bytes",
      "username:  4 bytes",
      "",
    ]);
  });
  // describeServiceAccount (kubectl 1.28-1.34): image pull, mountable and token secrets, a referenced secret the namespace lacks marked "(not found)".
  it("ServiceAccount: describe sa checkout -n shop", () => {
    const out = runKubectl("describe sa checkout -n shop", platform);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      "Name:                checkout",
      "Namespace:           shop",
      "Labels:              <none>",
      "Annotations:         <none>",
      "Image pull secrets:  registry-pull",
      "                     registry-mirror (not found)",
      "Mountable secrets:   <none>",
      "Tokens:              <none>",
      "Events:              <none>",
      "",
    ]);
  });
  // describeStorageClass: annotations and parameters as labels.FormatLabels prints them on one line (the last-applied configuration included, with its trailing newline, which ends the tabwriter's column block as it does in kubectl).
  it("StorageClass: describe sc fast-ssd", () => {
    const out = runKubectl("describe sc fast-ssd", platform);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      "Name:            fast-ssd",
      "IsDefaultClass:  Yes",
      'Annotations:     kubectl.kubernetes.io/last-applied-configuration={"allowVolumeExpansion":true,"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"annotations":{"storageclass.kubernetes.io/is-default-class":"true"},"name":"fast-ssd"},"parameters":{"replication-type":"none","type":"pd-ssd"},"provisioner":"pd.csi.storage.gke.io","reclaimPolicy":"Retain","volumeBindingMode":"WaitForFirstConsumer"}',
      ",storageclass.kubernetes.io/is-default-class=true",
      "Provisioner:           pd.csi.storage.gke.io",
      "Parameters:            replication-type=none,type=pd-ssd",
      "AllowVolumeExpansion:  True",
      "MountOptions:          <none>",
      "ReclaimPolicy:         Retain",
      "VolumeBindingMode:     WaitForFirstConsumer",
      "Events:                <none>",
      "",
    ]);
  });
  // describePersistentVolume: access modes in RWO,ROX,RWX order (GetAccessModesAsString), printNFSVolumeSource's lines under Source.
  it("PersistentVolume: describe pv backups-nfs", () => {
    const out = runKubectl("describe pv backups-nfs", platform);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      "Name:            backups-nfs",
      "Labels:          tier=backup",
      "Annotations:     <none>",
      // StorageObjectInUseProtection's finalizer; bound by the PV controller to the claim it names.
      "Finalizers:      [kubernetes.io/pv-protection]",
      "StorageClass:    ",
      "Status:          Bound",
      "Claim:           shop/backups",
      "Reclaim Policy:  Retain",
      "Access Modes:    ROX,RWX",
      "VolumeMode:      Filesystem",
      "Capacity:        500Gi",
      "Node Affinity:   <none>",
      "Message:         ",
      "Source:",
      "    Type:      NFS (an NFS mount that lasts the lifetime of a pod)",
      "    Server:    nfs.internal.example.dev",
      "    Path:      /exports/shop",
      "    ReadOnly:  false",
      "Events:        <none>",
      "",
    ]);
  });
  // describePersistentVolumeClaim: capacity and access modes only once bound to a volume (printPersistentVolumeClaim).
  it("PersistentVolumeClaim: describe pvc -n shop", () => {
    const out = runKubectl("describe pvc -n shop", platform);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      "Name:          backups",
      "Namespace:     shop",
      "StorageClass:  ",
      "Status:        Bound",
      "Volume:        backups-nfs",
      "Labels:        <none>",
      "Annotations:   <none>",
      "Finalizers:    [kubernetes.io/pvc-protection]",
      "Capacity:      500Gi",
      "Access Modes:  ROX,RWX",
      "VolumeMode:    Filesystem",
      "Used By:       <none>",
      "Events:        <none>",
      "",
      "",
      "Name:          search-index",
      "Namespace:     shop",
      "StorageClass:  fast-ssd",
      "Status:        Pending",
      "Volume:        ",
      "Labels:        <none>",
      "Annotations:   <none>",
      "Finalizers:    [kubernetes.io/pvc-protection]",
      "Capacity:      ",
      "Access Modes:  ",
      "VolumeMode:    Filesystem",
      "Used By:       <none>",
      // fast-ssd binds WaitForFirstConsumer and no pod mounts the claim: the PV controller says so
      // at each of its 15 s resyncs (pv_controller.go emitEventForUnboundDelayBindingClaim).
      "Events:",
      "  Type    Reason                Age               From                         Message",
      "  ----    ------                ----              ----                         -------",
      "  Normal  WaitForFirstConsumer  0s (x5 over 60s)  persistentvolume-controller  waiting for first consumer to be created before binding",
      "",
    ]);
  });
  // describeQuota: status.hard's resources in name order. The status is the quota controller's
  // (the manifest's own status is replaced): the usage of the pods the folder's Deployments make.
  it("ResourceQuota: describe quota compute -n shop", () => {
    const out = runKubectl("describe quota compute -n shop", platform);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      "Name:            compute",
      "Namespace:       shop",
      "Resource         Used   Hard",
      "--------         ----   ----",
      "limits.cpu       1500m  16",
      "pods             3      40",
      "requests.cpu     306m   8",
      "requests.memory  540Mi  16Gi",
      "",
    ]);
  });
  // describeLimitRange: one row per limit type and resource, "-" where a column is unset.
  it("LimitRange: describe limits defaults -n shop", () => {
    const out = runKubectl("describe limits defaults -n shop", platform);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      "Name:                  defaults",
      "Namespace:             shop",
      "Type                   Resource  Min  Max    Default Request  Default Limit  Max Limit/Request Ratio",
      "----                   --------  ---  ---    ---------------  -------------  -----------------------",
      "Container              cpu       -    2      100m             500m           -",
      "Container              memory    -    -      128Mi            512Mi          -",
      "PersistentVolumeClaim  storage   1Gi  100Gi  -                -              -",
      "",
    ]);
  });
  // describeNamespace with DescribeResourceQuotas (used quantities as stored) and DescribeLimitRanges (the rows indented by one space).
  it("Namespace: describe ns shop", () => {
    const out = runKubectl("describe ns shop", platform);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      "Name:         shop",
      "Labels:       kubernetes.io/metadata.name=shop",
      "Annotations:  <none>",
      "Status:       Active",
      "",
      "Resource Quotas",
      "  Name:            compute",
      "  Resource         Used   Hard",
      "  --------         ---    ---",
      "  limits.cpu       1500m  16",
      "  pods             3      40",
      "  requests.cpu     306m   8",
      "  requests.memory  540Mi  16Gi",
      "",
      "Resource Limits",
      " Type                   Resource  Min  Max    Default Request  Default Limit  Max Limit/Request Ratio",
      " ----                   --------  ---  ---    ---------------  -------------  -----------------------",
      " Container              cpu       -    2      100m             500m           -",
      " Container              memory    -    -      128Mi            512Mi          -",
      " PersistentVolumeClaim  storage   1Gi  100Gi  -                -              -",
      "",
    ]);
  });
  // describeNetworkPolicy: peers and ports per rule, "----------" between rules, an empty pod selector selecting every pod, an egress rule with no peers or ports allowing all; default-deny's policy types are the API server's default (Ingress).
  it("NetworkPolicy: describe netpol -n shop", () => {
    const out = runKubectl("describe netpol -n shop", platform);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      "Name:         checkout",
      "Namespace:    shop",
      "Created on:   2024-01-01 00:00:00 +0000 UTC",
      "Labels:       <none>",
      "Annotations:  <none>",
      "Spec:",
      "  PodSelector:     app=checkout",
      "  Allowing ingress traffic:",
      "    To Port: 8080/TCP",
      "    From:",
      "      NamespaceSelector: kubernetes.io/metadata.name=edge",
      "      PodSelector: app.kubernetes.io/name=edge-proxy",
      "  Allowing egress traffic:",
      "    To Port: 5432/TCP",
      "    To Port Range: 30000-32767/TCP",
      "    To:",
      "      IPBlock:",
      "        CIDR: 10.0.0.0/8",
      "        Except: 10.0.5.0/24",
      "    ----------",
      "    To Port: <any> (traffic allowed to all ports)",
      "    To: <any> (traffic not restricted by destination)",
      "  Policy Types: Ingress, Egress",
      "",
      "",
      "Name:         default-deny",
      "Namespace:    shop",
      "Created on:   2024-01-01 00:00:00 +0000 UTC",
      "Labels:       <none>",
      "Annotations:  <none>",
      "Spec:",
      "  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)",
      "  Allowing ingress traffic:",
      "    <none> (Selected pods are isolated for ingress connectivity)",
      "  Not affecting egress traffic",
      "  Policy Types: Ingress",
      "",
    ]);
  });
  // describeDaemonSet: the scheduling counts from the DaemonSet controller's status (one pod on
  // each of the 3 implicit nodes), the template generation the API server stamps, Pods Status
  // counting the pods it controls, and the controller's SuccessfulCreate events.
  it("DaemonSet: describe ds node-exporter -n shop", () => {
    const out = runKubectl("describe ds node-exporter -n shop", platform);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      "Name:           node-exporter",
      "Namespace:      shop",
      "Selector:       app.kubernetes.io/name=node-exporter",
      "Node-Selector:  kubernetes.io/os=linux",
      "Labels:         app.kubernetes.io/name=node-exporter",
      "Annotations:    deprecated.daemonset.template.generation: 1",
      "Desired Number of Nodes Scheduled: 3",
      "Current Number of Nodes Scheduled: 3",
      "Number of Nodes Scheduled with Up-to-date Pods: 3",
      "Number of Nodes Scheduled with Available Pods: 3",
      "Number of Nodes Misscheduled: 0",
      "Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed",
      "Pod Template:",
      "  Labels:  app.kubernetes.io/name=node-exporter",
      "  Containers:",
      "   node-exporter:",
      "    Image:      quay.io/prometheus/node-exporter:v1.7.0",
      "    Port:       9100/TCP",
      "    Host Port:  9100/TCP",
      "    Args:",
      "      --path.rootfs=/host/root",
      "    Limits:",
      "      memory:  180Mi",
      "    Requests:",
      "      cpu:        102m",
      "      memory:     180Mi",
      "    Environment:  <none>",
      "    Mounts:",
      "      /host/root from root (ro)",
      "  Volumes:",
      "   root:",
      "    Type:          HostPath (bare host directory volume)",
      "    Path:          /",
      "    HostPathType:  <none>",
      "   sys:",
      "    Type:          HostPath (bare host directory volume)",
      "    Path:          /sys",
      "    HostPathType:  Directory",
      "Events:",
      "  Type    Reason            Age   From                  Message",
      "  ----    ------            ----  ----                  -------",
      "  Normal  SuccessfulCreate  60s   daemonset-controller  Created pod: node-exporter-8fhst",
      "  Normal  SuccessfulCreate  60s   daemonset-controller  Created pod: node-exporter-sc9sx",
      "  Normal  SuccessfulCreate  60s   daemonset-controller  Created pod: node-exporter-nnrln",
      "",
    ]);
  });
  // describeCronJob and describeJobTemplate: the CronJob as SetDefaults_CronJob leaves it (suspend false, failedJobsHistoryLimit 1), `<unset>` for the job template's pointer fields the manifest leaves out (a job template's spec is not defaulted as a Job's is).
  it("CronJob: describe cj db-backup -n shop", () => {
    const out = runKubectl("describe cj db-backup -n shop", platform);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      "Name:                          db-backup",
      "Namespace:                     shop",
      "Labels:                        <none>",
      "Annotations:                   <none>",
      "Schedule:                      30 2 * * *",
      "Concurrency Policy:            Forbid",
      "Suspend:                       False",
      "Successful Job History Limit:  3",
      "Failed Job History Limit:      1",
      "Starting Deadline Seconds:     <unset>",
      "Selector:                      <unset>",
      "Parallelism:                   <unset>",
      "Completions:                   <unset>",
      "Pod Template:",
      "  Labels:  <none>",
      "  Containers:",
      "   backup:",
      "    Image:      registry.example.dev/tools/pg-backup:2.4",
      "    Port:       <none>",
      "    Host Port:  <none>",
      "    Environment Variables from:",
      "      db-credentials  Secret  Optional: false",
      "    Environment:      <none>",
      "    Mounts:",
      "      /backups from backups (rw)",
      "      /etc/backup from credentials (ro)",
      "  Volumes:",
      "   backups:",
      "    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)",
      "    ClaimName:  backups",
      "    ReadOnly:   false",
      "   credentials:",
      // printProjectedVolumeSource: SecretOptionalName, the *bool printed as is (unset: <nil>).
      "    Type:                Projected (a volume that contains injected data from multiple sources)",
      "    SecretName:          db-credentials",
      "    SecretOptionalName:  <nil>",
      "    DownwardAPI:         true",
      "Last Schedule Time:      <unset>",
      "Active Jobs:             <none>",
      "Events:                  <none>",
      "",
    ]);
  });
  // describeJob of a Job the Job controller ran: the generated selector and labels (strategy.go generateSelector), the defaults (SetDefaults_Job), start, completion and their Duration (duration.HumanDuration), Pods Statuses with (N Ready), the controller's events. The status as applied is dropped on create (PrepareForCreate).
  it("Job: describe job db-migrate -n shop", () => {
    const out = runKubectl("describe job db-migrate -n shop", platform);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      "Name:                        db-migrate",
      "Namespace:                   shop",
      "Selector:                    batch.kubernetes.io/controller-uid=685beb15-4280-4156-a4a3-0a8fc679a1a5",
      "Labels:                      batch.kubernetes.io/controller-uid=685beb15-4280-4156-a4a3-0a8fc679a1a5",
      "                             batch.kubernetes.io/job-name=db-migrate",
      "                             controller-uid=685beb15-4280-4156-a4a3-0a8fc679a1a5",
      "                             job-name=db-migrate",
      "Annotations:                 <none>",
      "Parallelism:                 1",
      "Completions:                 1",
      "Completion Mode:             NonIndexed",
      "Suspend:                     false",
      "Backoff Limit:               4",
      "TTL Seconds After Finished:  600",
      "Start Time:                  Mon, 01 Jan 2024 00:00:00 +0000",
      "Completed At:                Mon, 01 Jan 2024 00:00:14 +0000",
      "Duration:                    14s",
      "Pods Statuses:               0 Active (0 Ready) / 1 Succeeded / 0 Failed",
      "Pod Template:",
      "  Labels:  batch.kubernetes.io/controller-uid=685beb15-4280-4156-a4a3-0a8fc679a1a5",
      "           batch.kubernetes.io/job-name=db-migrate",
      "           controller-uid=685beb15-4280-4156-a4a3-0a8fc679a1a5",
      "           job-name=db-migrate",
      "  Containers:",
      "   migrate:",
      "    Image:      registry.example.dev/shop/migrate:1.9.0",
      "    Port:       <none>",
      "    Host Port:  <none>",
      "    Command:",
      "      ./migrate",
      "      up",
      "    Environment:  <none>",
      "    Mounts:       <none>",
      "  Volumes:        <none>",
      "Events:",
      "  Type    Reason            Age   From            Message",
      "  ----    ------            ----  ----            -------",
      "  Normal  SuccessfulCreate  60s   job-controller  Created pod: db-migrate-bj9pl",
      "  Normal  Completed         46s   job-controller  Job completed",
      "",
    ]);
  });
  // describeIngressV1: TLS, the rules with each backend's endpoints, a backend whose Service does not exist as describeBackendV1 words the error, the annotations after the rules.
  it("Ingress: describe ing shop -n shop", () => {
    const out = runKubectl("describe ing shop -n shop", platform);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      "Name:             shop",
      "Labels:           <none>",
      "Namespace:        shop",
      "Address:          203.0.113.10",
      "Ingress Class:    edge",
      "Default backend:  <default>",
      "TLS:",
      "  shop-tls terminates shop.example.dev,www.shop.example.dev",
      "Rules:",
      "  Host              Path  Backends",
      "  ----              ----  --------",
      "  shop.example.dev  ",
      "                    /      storefront:http (<none>)",
      '                    /api   api:8080 (<error: services "api" not found>)',
      "Annotations:        cert-manager.io/cluster-issuer: letsencrypt",
      "Events:             <none>",
      "",
    ]);
  });
  // describeEndpoints: a subset's addresses and ports, a blank line after each subset.
  it("Endpoints: describe ep legacy-db -n shop", () => {
    const out = runKubectl("describe ep legacy-db -n shop", platform);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      "Name:         legacy-db",
      "Namespace:    shop",
      "Labels:       <none>",
      "Annotations:  <none>",
      "Subsets:",
      "  Addresses:          10.0.5.11,10.0.5.12",
      "  NotReadyAddresses:  <none>",
      "  Ports:",
      "    Name      Port  Protocol",
      "    ----      ----  --------",
      "    postgres  5432  TCP",
      "",
      "Events:  <none>",
      "",
    ]);
  });
  // describePriorityClass: preemption policy as defaulted, annotations via labels.FormatLabels.
  it("PriorityClass: describe pc shop-critical", () => {
    const out = runKubectl("describe pc shop-critical", platform);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      "Name:              shop-critical",
      "Value:             100000",
      "GlobalDefault:     false",
      "PreemptionPolicy:  PreemptLowerPriority",
      "Description:       Checkout path; preempts batch work.",
      'Annotations:       kubectl.kubernetes.io/last-applied-configuration={"apiVersion":"scheduling.k8s.io/v1","description":"Checkout path; preempts batch work.","kind":"PriorityClass","metadata":{"annotations":{},"name":"shop-critical"},"value":100000}',
      "",
      "Events:  <none>",
      "",
    ]);
  });
});

describe("kubectl describe, a helm-rendered ingress controller (ingress-controller.yaml)", () => {
  // RoleDescriber: rules broken down (BreakdownRule), compacted by group/resource/name (CompactRules) and sorted by PolicyRule.String() — so by verbs first.
  it("Role: describe role edge-proxy -n edge-proxy", () => {
    const out = runKubectl("describe role edge-proxy -n edge-proxy", ingressController);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      "Name:         edge-proxy",
      "Labels:       app.kubernetes.io/component=controller",
      "Annotations:  <none>",
      "PolicyRule:",
      "  Resources                   Non-Resource URLs  Resource Names       Verbs",
      "  ---------                   -----------------  --------------       -----",
      "  configmaps                  []                 []                   [get list watch]",
      "  endpoints                   []                 []                   [get list watch]",
      "  pods                        []                 []                   [get list watch]",
      "  secrets                     []                 []                   [get list watch]",
      "  leases.coordination.k8s.io  []                 [edge-proxy-leader]  [get update]",
      "  namespaces                  []                 []                   [get]",
      "",
    ]);
  });
  // ClusterRoleDescriber: as Role, with the group joined to the resource (CombineResourceGroup).
  it("ClusterRole: describe clusterrole edge-proxy", () => {
    const out = runKubectl("describe clusterrole edge-proxy", ingressController);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      "Name:         edge-proxy",
      "Labels:       app.kubernetes.io/name=edge-proxy",
      "Annotations:  <none>",
      "PolicyRule:",
      "  Resources                         Non-Resource URLs  Resource Names  Verbs",
      "  ---------                         -----------------  --------------  -----",
      "  ingressclasses.networking.k8s.io  []                 []              [get list watch]",
      "  ingresses.networking.k8s.io       []                 []              [get list watch]",
      "  configmaps                        []                 []              [list watch]",
      "  endpoints                         []                 []              [list watch]",
      "  namespaces                        []                 []              [list watch]",
      "  nodes                             []                 []              [list watch]",
      "  pods                              []                 []              [list watch]",
      "  secrets                           []                 []              [list watch]",
      "",
    ]);
  });
  // RoleBindingDescriber: the role reference and the subjects, no Namespace line.
  it("RoleBinding: describe rolebinding edge-proxy -n edge-proxy", () => {
    const out = runKubectl("describe rolebinding edge-proxy -n edge-proxy", ingressController);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      "Name:         edge-proxy",
      "Labels:       <none>",
      "Annotations:  <none>",
      "Role:",
      "  Kind:  Role",
      "  Name:  edge-proxy",
      "Subjects:",
      "  Kind            Name        Namespace",
      "  ----            ----        ---------",
      "  ServiceAccount  edge-proxy  edge-proxy",
      "",
    ]);
  });
  // ClusterRoleBindingDescriber.
  it("ClusterRoleBinding: describe clusterrolebinding edge-proxy", () => {
    const out = runKubectl("describe clusterrolebinding edge-proxy", ingressController);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      "Name:         edge-proxy",
      "Labels:       <none>",
      "Annotations:  <none>",
      "Role:",
      "  Kind:  ClusterRole",
      "  Name:  edge-proxy",
      "Subjects:",
      "  Kind            Name        Namespace",
      "  ----            ----        ---------",
      "  ServiceAccount  edge-proxy  edge-proxy",
      "",
    ]);
  });
  // describeJob of a helm hook Job the Job controller ran: completions and parallelism defaulted to 1 (SetDefaults_Job, both unset), its one pod's run (`job.runtime`: its args do not say how long), the generated selector.
  it("Job (helm hook): describe job edge-proxy-admission-create -n edge-proxy", () => {
    const out = runKubectl("describe job edge-proxy-admission-create -n edge-proxy", ingressController);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      "Name:             edge-proxy-admission-create",
      "Namespace:        edge-proxy",
      "Selector:         batch.kubernetes.io/controller-uid=5832444a-9162-4c83-a702-59f6986619a8",
      "Labels:           batch.kubernetes.io/controller-uid=5832444a-9162-4c83-a702-59f6986619a8",
      "                  batch.kubernetes.io/job-name=edge-proxy-admission-create",
      "                  controller-uid=5832444a-9162-4c83-a702-59f6986619a8",
      "                  job-name=edge-proxy-admission-create",
      "Annotations:      <none>",
      "Parallelism:      1",
      "Completions:      1",
      "Completion Mode:  NonIndexed",
      "Suspend:          false",
      "Backoff Limit:    6",
      "Start Time:       Mon, 01 Jan 2024 00:00:00 +0000",
      "Completed At:     Mon, 01 Jan 2024 00:00:14 +0000",
      "Duration:         14s",
      "Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed",
      "Pod Template:",
      "  Labels:           batch.kubernetes.io/controller-uid=5832444a-9162-4c83-a702-59f6986619a8",
      "                    batch.kubernetes.io/job-name=edge-proxy-admission-create",
      "                    controller-uid=5832444a-9162-4c83-a702-59f6986619a8",
      "                    job-name=edge-proxy-admission-create",
      "  Service Account:  edge-proxy-admission",
      "  Containers:",
      "   create:",
      "    Image:      registry.example.dev/edge-proxy/certgen:v20231011",
      "    Port:       <none>",
      "    Host Port:  <none>",
      "    Args:",
      "      create",
      "      --host=edge-proxy-controller-admission",
      "      --namespace=$(POD_NAMESPACE)",
      "      --secret-name=edge-proxy-admission",
      "    Environment:  <none>",
      "    Mounts:       <none>",
      "  Volumes:        <none>",
      "Events:",
      "  Type    Reason            Age   From            Message",
      "  ----    ------            ----  ----            -------",
      "  Normal  SuccessfulCreate  60s   job-controller  Created pod: edge-proxy-admission-create-vx67c",
      "  Normal  Completed         46s   job-controller  Job completed",
      "",
    ]);
  });
  // describeIngressClassV1: the controller; no Parameters section without spec.parameters.
  it("IngressClass: describe ingressclass edge", () => {
    const out = runKubectl("describe ingressclass edge", ingressController);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      "Name:         edge",
      "Labels:       <none>",
      "Annotations:  <none>",
      "Controller:   example.dev/edge-proxy",
      "Events:       <none>",
      "",
    ]);
  });
});

// pkg/printers/internalversion/printers.go: printSecret, printServiceAccount (SECRETS, through
// kubectl 1.34), printPersistentVolumeClaim (capacity and access modes once bound,
// VOLUMEATTRIBUTESCLASS <unset>), printNetworkPolicy, printDaemonSet, printCronJob (SUSPEND is
// printBoolPtr), printJob (DURATION from start to completion), printIngress, printEndpoints
// (formatEndpoints), printPersistentVolume, printStorageClass ("(default)" after the name).
describe("kubectl get, the stored kinds' columns", () => {
  it("namespaced kinds of the platform folder", () => {
    const out = runKubectl("get secret,sa,pvc,netpol,ds,cj,job,ing,ep -n shop", platform);
    expect(out.stdout.split("\n")).toEqual([
      "NAME                    TYPE                             DATA   AGE",
      "secret/db-credentials   Opaque                           3      60s",
      "secret/registry-pull    kubernetes.io/dockerconfigjson   1      60s",
      "",
      "NAME                      SECRETS   AGE",
      "serviceaccount/checkout   0         60s",
      // The serviceaccounts controller's `default`, in shop as in every namespace.
      "serviceaccount/default    0         60s",
      "",
      "NAME                                 STATUS    VOLUME        CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE",
      "persistentvolumeclaim/backups        Bound     backups-nfs   500Gi      ROX,RWX                       <unset>                 60s",
      "persistentvolumeclaim/search-index   Pending                                           fast-ssd       <unset>                 60s",
      "",
      "NAME                                           POD-SELECTOR   AGE",
      "networkpolicy.networking.k8s.io/checkout       app=checkout   60s",
      "networkpolicy.networking.k8s.io/default-deny   <none>         60s",
      "",
      "NAME                           DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE",
      "daemonset.apps/node-exporter   3         3         3       3            3           kubernetes.io/os=linux   60s",
      "",
      "NAME                      SCHEDULE     TIMEZONE       SUSPEND   ACTIVE   LAST SCHEDULE   AGE",
      "cronjob.batch/db-backup   30 2 * * *   Europe/Paris   False     0        <none>          60s",
      "",
      "NAME                   STATUS     COMPLETIONS   DURATION   AGE",
      "job.batch/db-migrate   Complete   1/1           14s        60s",
      "",
      "NAME                             CLASS   HOSTS              ADDRESS        PORTS     AGE",
      "ingress.networking.k8s.io/shop   edge    shop.example.dev   203.0.113.10   80, 443   60s",
      "",
      // legacy-db's Service has no selector: its Endpoints are the manifest's. storefront's
      // has one, so the endpoints controller writes its Endpoints (no pods: no subsets).
      "NAME                   ENDPOINTS                       AGE",
      "endpoints/legacy-db    10.0.5.11:5432,10.0.5.12:5432   60s",
      "endpoints/storefront   <none>                          60s",
      "",
    ]);
  });

  // Before 1.30 (kubectl.version 1.29) the printers had no Job STATUS (kubernetes PR #123226)
  // and no CronJob TIMEZONE (PR #122231); -o wide adds CONTAINERS, IMAGES and SELECTOR.
  it("Jobs and CronJobs as kubectl 1.29 prints them, and -o wide", () => {
    expect(runKubectl("get cj,job -n shop", platform, { version: 29 }).stdout.split("\n")).toEqual([
      "NAME                      SCHEDULE     SUSPEND   ACTIVE   LAST SCHEDULE   AGE",
      "cronjob.batch/db-backup   30 2 * * *   False     0        <none>          60s",
      "",
      "NAME                   COMPLETIONS   DURATION   AGE",
      "job.batch/db-migrate   1/1           14s        60s",
      "",
    ]);
    expect(runKubectl("get job db-migrate -n shop -o wide", platform).stdout.split("\n")).toEqual([
      "NAME         STATUS     COMPLETIONS   DURATION   AGE   CONTAINERS   IMAGES                                    SELECTOR",
      "db-migrate   Complete   1/1           14s        60s   migrate      registry.example.dev/shop/migrate:1.9.0   batch.kubernetes.io/controller-uid=685beb15-4280-4156-a4a3-0a8fc679a1a5",
      "",
    ]);
  });

  // printDaemonSet and printRoleBinding/printClusterRoleBinding with -o wide: the template's
  // containers and the selector; the subjects by kind (rbac.SubjectsStrings).
  it("-o wide of a DaemonSet and of the bindings", () => {
    expect(runKubectl("get ds -n shop -o wide", platform).stdout.split("\n")).toEqual([
      "NAME            DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE   CONTAINERS      IMAGES                                    SELECTOR",
      "node-exporter   3         3         3       3            3           kubernetes.io/os=linux   60s   node-exporter   quay.io/prometheus/node-exporter:v1.7.0   app.kubernetes.io/name=node-exporter",
      "",
    ]);
    expect(runKubectl("get rolebinding -n edge-proxy -o wide", ingressController).stdout.split("\n")).toEqual(
      [
        "NAME         ROLE              AGE   USERS   GROUPS   SERVICEACCOUNTS",
        "edge-proxy   Role/edge-proxy   60s                    edge-proxy/edge-proxy",
        "",
      ],
    );
    expect(runKubectl("get clusterrolebinding -o wide", ingressController).stdout.split("\n")).toEqual([
      "NAME         ROLE                     AGE   USERS   GROUPS   SERVICEACCOUNTS",
      "edge-proxy   ClusterRole/edge-proxy   60s                    edge-proxy/edge-proxy",
      "",
    ]);
  });

  // printResourceQuota: REQUEST and LIMIT from the stored status (the quota controller's), limits.* under LIMIT.
  it("a ResourceQuota's requests and limits", () => {
    expect(runKubectl("get quota -n shop", platform).stdout.split("\n")).toEqual([
      "NAME      AGE   REQUEST                                                         LIMIT",
      "compute   60s   pods: 3/40, requests.cpu: 306m/8, requests.memory: 540Mi/16Gi   limits.cpu: 1500m/16",
      "",
    ]);
  });

  // describeQuota shows a used quantity in the hard one's format (1073741824 next to 16Gi reads
  // 1Gi: resource.NewQuantity(used.Value(), hard.Format)); DescribeResourceQuotas as it is.
  it("a used quantity in the hard one's format, in describe quota only", () => {
    const q = {
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: { name: "compute", namespace: "shop" },
      status: { hard: { "requests.memory": "16Gi" }, used: { "requests.memory": "1073741824" } },
    } as unknown as KubeObject;
    expect(quotaRows(q, true)).toEqual([["requests.memory", "1Gi", "16Gi"]]);
    expect(quotaRows(q, false)).toEqual([["requests.memory", "1073741824", "16Gi"]]);
  });

  it("cluster-scoped kinds of the platform folder", () => {
    expect(runKubectl("get pv,sc", platform).stdout.split("\n")).toEqual([
      "NAME                           CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM          STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE",
      "persistentvolume/backups-nfs   500Gi      ROX,RWX        Retain           Bound    shop/backups                  <unset>                          60s",
      "",
      "NAME                                             PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE",
      "storageclass.storage.k8s.io/fast-ssd (default)   pd.csi.storage.gke.io   Retain          WaitForFirstConsumer   true                   60s",
      // kind's own default class, there from the start (controllers/persistentvolume/defaultClass.ts).
      "storageclass.storage.k8s.io/standard (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  60s",
      "",
    ]);
  });
});

// describe.go describeVolumes: a pod's volume names at level 1 (one space more in a pod
// template), then printSecretVolumeSource's and printPersistentVolumeClaimVolumeSource's lines.
describe("kubectl describe pod, the volumes of a pod that mounts a Secret and a claim", () => {
  it("prints each source in kubectl's words", () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: search-0
spec:
  containers:
  - name: search
    image: registry.example.dev/shop/search:3.2
  volumes:
  - name: index
    persistentVolumeClaim:
      claimName: search-index
  - name: tls
    secret:
      secretName: search-tls
      optional: true
`;
    const loaded = loadManifests(pod, { file: "pod.yaml", admit: { kinds: builtinKinds.extend() } });
    const s = new Simulation();
    applyObjects(
      loaded.objects.map((o) => o.object),
      s,
      "pod.yaml",
    );
    s.runUntil(5);
    const out = runKubectl("describe pod search-0", s).stdout.split("\n");
    const from = out.indexOf("Volumes:");
    expect(out.slice(from, from + 9)).toEqual([
      "Volumes:",
      "  index:",
      "    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)",
      "    ClaimName:  search-index",
      "    ReadOnly:   false",
      "  tls:",
      "    Type:        Secret (a volume populated by a Secret)",
      "    SecretName:  search-tls",
      "    Optional:    true",
    ]);
  });
});
