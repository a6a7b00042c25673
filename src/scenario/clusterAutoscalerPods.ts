/**
 * cluster-autoscaler applied as its own Deployment (the examples under kubernetes/autoscaler's
 * cluster-autoscaler/cloudprovider/<provider>/examples, its Helm chart's rendering): in the
 * simulation it is a pod like any other, with no cloud provider behind it, so no node comes or
 * goes and pending pods stay pending. A scenario that gives no pool to the simulated autoscaler
 * (`autoscale nodes …`) is told so where the Deployment is applied, with the statement that does
 * what the flags asked (--scale-down-unneeded-time is `scale-down after`).
 */
import type { KubeObject } from "../k8s/types.ts";

/** registry.k8s.io/autoscaling/cluster-autoscaler:v1.29.0, k8s.gcr.io/…, a mirror's copy. */
const IMAGE = /(?:^|\/)autoscaling\/cluster-autoscaler(?:[:@]|$)/;

export interface ClusterAutoscalerDeployment {
  /** `kube-system/deployment/cluster-autoscaler`, as a statement names it. */
  name: string;
  image: string;
  /** --scale-down-unneeded-time's value, when the command line gives it. */
  unneededTime?: string;
}

/** The first Deployment among `objects` that runs cluster-autoscaler's image. */
export function clusterAutoscalerDeployment(
  objects: readonly KubeObject[],
  namespace: string,
): ClusterAutoscalerDeployment | undefined {
  for (const o of objects) {
    if (o.kind !== "Deployment") continue;
    const containers: unknown = o.spec?.template?.spec?.containers;
    if (!Array.isArray(containers)) continue;
    for (const c of containers) {
      const image: unknown = c?.image;
      if (typeof image !== "string" || !IMAGE.test(image)) continue;
      const words = [c.command, c.args].flatMap((w: unknown) => (Array.isArray(w) ? w.map(String) : []));
      const flag = words.find((w) => w.startsWith("--scale-down-unneeded-time="));
      const ns = typeof o.metadata?.namespace === "string" ? o.metadata.namespace : namespace;
      const name = `${ns === "default" ? "" : `${ns}/`}deployment/${String(o.metadata?.name)}`;
      return flag === undefined
        ? { name, image }
        : { name, image, unneededTime: flag.slice(flag.indexOf("=") + 1) };
    }
  }
  return undefined;
}
