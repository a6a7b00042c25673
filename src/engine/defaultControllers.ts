/**
 * The controllers every simulated cluster runs, in registration order: the ReplicaSet
 * controller, the deployment controller, the StatefulSet controller, the HPA controller (over
 * the autoscaling stack, a fresh one per simulation, since it holds in-memory state), the
 * namespace controller (over the cluster's kinds, which it empties a deleted namespace of), the
 * serviceaccounts controller and the root CA publisher (a namespace's `default` ServiceAccount
 * and kube-root-ca.crt ConfigMap), the node lifecycle controller and the taint eviction controller (which have nothing to do in a
 * cluster without Nodes), the disruption controller (nothing to do without
 * PodDisruptionBudgets), the DaemonSet controller, and the endpoints and EndpointSlice
 * controllers (nothing to do without Services that have a selector). The order is the dispatch
 * order of a change both the ReplicaSet and the deployment controller watch (controller.ts).
 * Last, kube-webhook-certgen's Secret (addons/certgen: before the TTL controller can delete a
 * finished Job), the Job controller and the TTL-after-finished controller (nothing to do without Jobs),
 * the CronJob controller (nothing without CronJobs), the resource quota controller (nothing to
 * do without ResourceQuotas), the pod GC (nothing to do while every pod's node exists; it
 * reads the nodes of a cluster without Node objects from `implicitNodes`) and kube-apiserver's
 * kubernetesservice controller (nothing to do while `default/kubernetes` and its endpoints stand),
 * then the PersistentVolume controller's claim and volume workers (nothing to do without claims
 * or volumes: controllers/persistentvolume) and the ephemeral volume controller (nothing to do
 * without pods that have generic ephemeral volumes: controllers/ephemeral), then volume
 * expansion: the expand controller and the external resizer (controllers/resizer) and the
 * kubelet's filesystem resize (kubelet/volumeExpansion.ts), nothing to do until a claim grows,
 * and KEDA's operator (nothing to do without ScaledObjects: controllers/keda), whose metrics
 * adapter answers the HPAs' External metrics that name a ScaledObject, kube-aggregator's
 * availability controller (nothing to do without APIServices: controllers/apiservice), and last
 * the apiextensions naming controller (a CRD's accepted names after an update: controllers/crdnaming).
 */
import { certgenController } from "./addons/certgen/index.ts";
import { apiServiceAvailabilityController } from "./controllers/apiservice/index.ts";
import { hpaController, type Autoscaling } from "./autoscaling.ts";
import type { Controller } from "./controller.ts";
import { daemonSetController } from "./controllers/daemonset/index.ts";
import { deploymentController } from "./controllers/deployment/index.ts";
import { disruptionController } from "./controllers/disruption/index.ts";
import { endpointControllers } from "./controllers/endpoints/index.ts";
import { ephemeralVolumeController } from "./controllers/ephemeral/index.ts";
import { cronJobController } from "./controllers/cronjob/index.ts";
import { crdNamingController } from "./controllers/crdnaming/index.ts";
import { jobControllers } from "./controllers/job/controllers.ts";
import { createKeda } from "./controllers/keda/index.ts";
import { rootCACertPublisher, serviceAccountsController } from "./controllers/namespace/defaults.ts";
import { namespaceController } from "./controllers/namespace/index.ts";
import { nodeLifecycleController } from "./controllers/nodelifecycle/index.ts";
import { taintEvictionController } from "./controllers/nodelifecycle/taintEviction.ts";
import { kubernetesServiceController } from "./controllers/kubernetesservice/index.ts";
import { persistentVolumeControllers } from "./controllers/persistentvolume/index.ts";
import { podGCController } from "./controllers/podgc/index.ts";
import { volumeResizeControllers } from "./controllers/resizer/index.ts";
import { kubeletVolumeExpansion } from "./kubelet/volumeExpansion.ts";
import { replicaSetController } from "./controllers/replicaset/index.ts";
import { resourceQuotaController } from "./controllers/resourcequota/index.ts";
import { statefulSetController } from "./controllers/statefulset/index.ts";
import type { KindRegistry } from "../k8s/kinds/registry.ts";

export function defaultControllers(
  autoscaling: Autoscaling,
  kinds: KindRegistry,
  implicitNodes: () => readonly string[] | undefined = () => undefined,
): Controller[] {
  const keda = createKeda((namespace, name, now) => autoscaling.loadMetric?.(namespace, name, now));
  autoscaling.serveExternalMetrics?.(keda.externalMetric);
  return [
    replicaSetController,
    deploymentController,
    statefulSetController,
    hpaController(autoscaling),
    namespaceController(kinds),
    serviceAccountsController,
    rootCACertPublisher,
    nodeLifecycleController(),
    taintEvictionController,
    disruptionController,
    daemonSetController,
    ...endpointControllers(),
    certgenController,
    ...jobControllers,
    cronJobController,
    resourceQuotaController(kinds),
    podGCController(implicitNodes),
    kubernetesServiceController(),
    ...persistentVolumeControllers(),
    ephemeralVolumeController(),
    ...volumeResizeControllers(),
    kubeletVolumeExpansion(),
    keda.controller,
    apiServiceAvailabilityController,
    crdNamingController,
  ];
}
