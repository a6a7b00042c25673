/**
 * kube-scheduler's VolumeBinding plugin (pkg/scheduler/framework/plugins/volumebinding
 * volume_binding.go, binder.go), for both kinds of cluster:
 *
 * - PreFilter (podHasPVCs, GetPodVolumeClaims): each claim a pod mounts must exist and not be
 *   being deleted (`persistentvolumeclaim "data" not found`, `… is being deleted`), a generic
 *   ephemeral volume's claim must be the pod's own (podVolumes), and none may be unbound
 *   with Immediate binding (`pod has unbound immediate PersistentVolumeClaims`). The refusal is
 *   UnschedulableAndUnresolvable on every node, so the FailedScheduling message is
 *   `0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3
 *   nodes are available: 3 Preemption is not helpful for scheduling..` (FitError with the
 *   PreFilter message, then preemption's, which ends in a FitError's period of its own).
 * - Filter (FindPodVolumes): a bound claim's volume must fit the node by its node affinity
 *   (`node(s) had volume node affinity conflict`); an unbound WaitForFirstConsumer claim needs an
 *   Available volume that fits the node, or a class whose provisioner can make one
 *   (`node(s) didn't find available persistent volumes to bind`); one the scheduler chose a node
 *   for already fits that node only.
 * - PreBind (BindPodVolumes): for each unbound WaitForFirstConsumer claim, the matching volume
 *   gets the claim's claimRef (the PV controller completes the binding), or the claim gets
 *   `volume.kubernetes.io/selected-node` (the PV controller has it provisioned there). The pod is
 *   bound to that node once every claim is bound; until then it waits, assumed on the node
 *   (kubeScheduler.ts), and its claims' changes are checked, for at most BIND_TIMEOUT.
 */
import { namespaceOf } from "../../k8s/namespaces.ts";
import type { KubeObject, Node } from "../../k8s/types.ts";
import type { StoreView } from "../controller.ts";
import { findBestMatchForClaim, volumeFitsNode } from "../controllers/persistentvolume/matching.ts";
import {
  Ann,
  claimReference,
  classOf,
  ephemeralClaimConflict,
  isClaimFullyBound,
  isDelayBinding,
  NO_PROVISIONER,
  phaseOf,
  podClaims,
  provisionerOf,
  volumeNameOf,
} from "../controllers/persistentvolume/volumes.ts";
import type { FilterStatus } from "./filters.ts";

/** ErrReasonNodeConflict */
export const ErrReasonNodeConflict = "node(s) had volume node affinity conflict";
/** ErrReasonBindConflict */
export const ErrReasonBindConflict = "node(s) didn't find available persistent volumes to bind";
/** ErrUnboundImmediatePVC */
export const ErrUnboundImmediatePVC = "pod has unbound immediate PersistentVolumeClaims";

/** VolumeBindingArgs.bindTimeoutSeconds' default: how long PreBind waits for the claims to be bound. */
export const BIND_TIMEOUT = 600;
/**
 * The binding cycle's error when they are not (BindPodVolumes: `binding volumes: %w` around
 * wait.PollUntilContextTimeout's context.DeadlineExceeded; RunPreBindPlugins: `running PreBind
 * plugin %q: %w`).
 */
export const BIND_TIMEOUT_MESSAGE =
  'running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded';

/** What a pod's claims say, read once per scheduling cycle. */
export interface PodVolumes {
  /** PreFilter's refusal. */
  refusal?: string;
  /** The volumes of the bound claims (their node affinity filters nodes). */
  bound: KubeObject[];
  /** The unbound WaitForFirstConsumer claims. */
  delayed: KubeObject[];
}

/**
 * podHasPVCs, then GetPodVolumeClaims; undefined for a pod that mounts no claim (the plugin
 * skips it). Each claim in volume order must exist — a generic ephemeral volume's claim not yet
 * made is `waiting for ephemeral volume controller to create the persistentvolumeclaim
 * "app-scratch"` — not be Lost, not be being deleted, and, for an ephemeral volume, be the
 * pod's own (ephemeral.VolumeIsForPod).
 */
export function podVolumes(pod: KubeObject, store: StoreView): PodVolumes | undefined {
  const claims = podClaims(pod);
  if (!claims.length) return undefined;
  const ns = namespaceOf(pod);
  const out: PodVolumes = { bound: [], delayed: [] };
  let immediate = false;
  for (const { name, ephemeral } of claims) {
    const claim = store.get("PersistentVolumeClaim", ns, name);
    if (!claim)
      return {
        ...out,
        refusal: ephemeral
          ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${name}"`
          : `persistentvolumeclaim "${name}" not found`,
      };
    if (phaseOf(claim) === "Lost")
      return {
        ...out,
        refusal: `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${volumeNameOf(claim)}"`,
      };
    if (claim.metadata.deletionTimestamp !== undefined)
      return { ...out, refusal: `persistentvolumeclaim "${name}" is being deleted` };
    const conflict = ephemeral ? ephemeralClaimConflict(pod, claim) : undefined;
    if (conflict !== undefined) return { ...out, refusal: conflict };
    if (isClaimFullyBound(claim)) {
      const pv = store.get("PersistentVolume", "", volumeNameOf(claim));
      if (pv) out.bound.push(pv);
      else return { ...out, refusal: `persistentvolume "${volumeNameOf(claim)}" not found` };
    } else if (isDelayBinding(claim, store)) out.delayed.push(claim);
    else immediate = true;
  }
  return immediate ? { ...out, refusal: ErrUnboundImmediatePVC } : out;
}

/** The PreFilter refusal as FailedScheduling words it, for a cluster of `nodes` nodes. */
export const preFilterMessage = (nodes: number, refusal: string): string =>
  `0/${nodes} nodes are available: ${refusal}.${notHelpful(nodes)}`;

/** PostFilter's words where every node is UnschedulableAndUnresolvable (with FitError's own period, hence two). */
export const notHelpful = (nodes: number): string =>
  ` preemption: 0/${nodes} nodes are available: ${nodes} Preemption is not helpful for scheduling..`;

/** Filter on one node. */
export function volumeFilter(vols: PodVolumes, node: Node, store: StoreView): FilterStatus | undefined {
  for (const pv of vols.bound)
    if (!volumeFitsNode(pv, node))
      return {
        code: "UnschedulableAndUnresolvable",
        reasons: [ErrReasonNodeConflict],
        plugin: "VolumeBinding",
      };
  if (vols.delayed.length) {
    const volumes = store.listAll("PersistentVolume");
    for (const claim of vols.delayed) {
      // FindPodVolumes: a claim the scheduler chose a node for fits only that node (a pod back
      // from a failed binding cycle, or a new pod of the claim, goes where its volume is made).
      const selected = claim.metadata.annotations?.[Ann.selectedNode];
      if (selected !== undefined && selected !== node.metadata.name)
        return {
          code: "UnschedulableAndUnresolvable",
          reasons: [ErrReasonBindConflict],
          plugin: "VolumeBinding",
        };
      // One with the node chosen is to be provisioned there (claimsToProvision), not matched.
      if (selected === undefined && findBestMatchForClaim(claim, volumes, true, node)) continue;
      const sc = store.get("StorageClass", "", classOf(claim));
      if (sc && provisionerOf(sc) !== NO_PROVISIONER) continue;
      return {
        code: "UnschedulableAndUnresolvable",
        reasons: [ErrReasonBindConflict],
        plugin: "VolumeBinding",
      };
    }
  }
  return undefined;
}

/**
 * PreBind's writes for the chosen node: a matching volume pre-bound to each claim that has one
 * (the volume's claimRef and pv.kubernetes.io/bound-by-controller), the selected-node
 * annotation on each other claim that lacks it.
 */
export function preBindWrites(vols: PodVolumes, node: Node, store: StoreView): KubeObject[] {
  const writes: KubeObject[] = [];
  const volumes = store.listAll("PersistentVolume");
  for (const claim of vols.delayed) {
    // Annotated already (with this node: Filter let no other through): nothing to write.
    if (claim.metadata.annotations?.[Ann.selectedNode] !== undefined) continue;
    const pv = findBestMatchForClaim(claim, volumes, true, node);
    if (pv) {
      if ((pv as unknown as { spec: { claimRef?: unknown } }).spec.claimRef !== undefined) continue;
      const copy = structuredClone(pv) as KubeObject & { spec: Record<string, unknown> };
      copy.spec.claimRef = claimReference(claim);
      copy.metadata.annotations = { ...copy.metadata.annotations, [Ann.boundByController]: "yes" };
      writes.push(copy);
    } else if (claim.metadata.annotations?.[Ann.selectedNode] !== node.metadata.name) {
      const copy = structuredClone(claim);
      const annotations: Record<string, string> = {
        ...copy.metadata.annotations,
        [Ann.selectedNode]: node.metadata.name,
      };
      copy.metadata.annotations = Object.fromEntries(
        Object.keys(annotations)
          .sort()
          .map((k) => [k, annotations[k]]),
      );
      writes.push(copy);
    }
  }
  return writes;
}
