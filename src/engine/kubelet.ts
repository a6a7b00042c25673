/**
 * Pod lifecycle as the kubelet drives it (pkg/kubelet/status, pkg/kubelet/prober), in
 * simulated time and entirely by timed events — nothing polls.
 *
 * For a pod created at c (pod.startup = S):
 * - c: the scheduler binds it to a node (event Scheduled); the kubelet acknowledges it:
 *   startTime = c, conditions Initialized=True, Ready=False, ContainersReady=False,
 *   PodScheduled=True, containers waiting in ContainerCreating.
 * - c+S: the containers start one after the other, each once its image is on the node
 *   (kubelet/images.ts: Pulled "already present", or Pulling and `image.pull-time` later
 *   Pulled "Successfully pulled", then Created, Started); phase Running once all have started.
 *   A container with neither a readinessProbe nor a startupProbe is ready at once, in the same
 *   status write (the status sync asks the prober for readiness: prober_manager.go
 *   UpdatePodStatus, `ready = !exists` for a container without a worker; readinessRound), so
 *   the pod goes from ContainerCreating to Running and Ready in one write; the pod is Ready when
 *   all its containers are. A probed container is ready in a write of its own, its worker's.
 * - readiness probes: see `readinessDelay`.
 * - deletion at d (the API server sets deletionTimestamp = d + the grace period): the pod is at once not Ready
 *   (event Killing for running containers) and is removed at d + min(pod.shutdown,
 *   deletionGracePeriodSeconds) — a container that outlives its grace period is killed; a
 *   running container's preStop hook runs first and takes its time out of the period
 *   (kubelet/preStop.ts, killContainer), and the pod goes when its slowest container has stopped.
 *
 * Containers that stop (faults/pods.ts, and the OOM killer: `checkMemory`) go through the
 * kubelet's restart path (restartPolicy Always, the Deployment's only one, and OnFailure; a
 * pod with restartPolicy Never is Failed once no container runs):
 * - exit at t: state Terminated (reason Error and exit code 1 for a crash, OOMKilled and 137
 *   for the OOM killer — 128 + SIGKILL), the container and the pod not Ready, in one write; the
 *   pod stays Running.
 * - the pod worker syncs (kuberuntime_manager.go SyncPod → doBackOff, kubelet/backoff.ts):
 *   outside the back-off it restarts the container at once (restartCount + 1, lastState the
 *   exit, events Pulled/Created/Started again); inside it, it records Warning BackOff "Back-off
 *   restarting failed container C in pod P" and syncs again 10 s later — the first of those
 *   syncs shows the reason it kept (STATUS CrashLoopBackOff, message "back-off 20s restarting
 *   failed container=C pod=P") until the back-off has passed and it restarts.
 * - readiness comes back as after a start (the probe's delay from the restart; without a
 *   probe worker, in the restart's own write).
 * A readiness probe that a fault fails (faults/pods.ts) is run probe by probe
 * (kubelet/prober.ts): Warning Unhealthy at each failure, not Ready at the failureThreshold-th.
 *
 * Event wording follows Kubernetes 1.28 (pkg/kubelet/kuberuntime/kuberuntime_container.go,
 * kuberuntime_image.go, kuberuntime_manager.go, prober/prober.go, the scheduler's binder):
 * "Created container app", "Started container app", "Stopping container app", `Container image
 * "nginx:1.25" already present on machine`, `Pulling image "nginx"`, `Successfully pulled image
 * "nginx" in 1s (1s including waiting)`, "Successfully assigned default/web-abc-xyz to
 * node-1", "Back-off restarting failed container app in pod web-abc-xyz_default(uid)",
 * "Readiness probe failed: HTTP probe failed with statuscode: 503". (Kubelets from about 1.32
 * print "Created container: app".) The kubelet's pod name in messages is format.Pod:
 * name_namespace(uid).
 */
import { PodDefaults } from "../k8s/defaults.ts";
import {
  DEFAULT_NAMESPACE,
  involvedObjectOf,
  namespaceOf,
  parseQualifiedName,
  qualifiedNameOf,
} from "../k8s/namespaces.ts";
import { goDuration } from "../k8s/duration.ts";
import type {
  Container,
  ContainerStateTerminated,
  ContainerStatus,
  EventDraft,
  Pod,
  PodCondition,
  Time,
} from "../k8s/types.ts";
import { parseMilli } from "./controllers/hpa/quantity.ts";
import type { SimApiServer } from "./apiserver.ts";
import type { PodFaults } from "./faults/pods.ts";
import {
  isInBackOffSince,
  isInBackOffSinceUpdate,
  nextBackoff,
  POD_WORKER_BACKOFF,
  type BackoffEntry,
} from "./kubelet/backoff.ts";
import { initRunTime, isSidecar, scriptExitCode } from "./kubelet/initContainers.ts";
import { stoppedStatus } from "./kubelet/stopped.ts";
import { containerStop, preStopSeconds } from "./kubelet/preStop.ts";
import {
  probeNoAnswerOutput,
  probeTimeline,
  probeTitle,
  readinessDelay,
  type ProbeTimeline,
} from "./kubelet/probeTimeline.ts";
import {
  nextProbeAt,
  probeFailureOutput,
  probeOnce,
  probePeriod,
  succeededUntil,
  type ProbeRun,
} from "./kubelet/prober.ts";
import {
  IMAGE_BACKOFF,
  imageAction,
  imageMessages,
  imageRef,
  NodeImages,
  pullPolicyOf,
} from "./kubelet/images.ts";
import type { ImplicitVolumeBinding } from "./scheduling/implicitVolumes.ts";
import type { Scheduler } from "./scheduler.ts";
import { hostIPOf } from "./scheduler.ts";
import type { Settings } from "./settings.ts";
import type { WatchEvent } from "./store.ts";
import { containerShares } from "./workload/containerShares.ts";
import { copyWith } from "../k8s/clone.ts";
import { controllerOf } from "../k8s/owners.ts";
import { containerIdOf, imageIdOf, runtimeImageOf } from "./kubelet/runtimeIds.ts";
import { acknowledgedStatus, runningStatus, withContainerStatuses } from "./kubelet/statusCopies.ts";
import { CREATE_CONTAINER_CONFIG_ERROR, podContainerConfigError } from "./kubelet/envSources.ts";
import { VolumeManager, type UnmountedVolume } from "./kubelet/volumeSetup.ts";
import { usesHostNetwork, withHostNetworkIP } from "./kubelet/hostNetwork.ts";
import { HostLocalIPAM, rangeOfCIDR, type RangeShape } from "./nodes/hostLocalIPAM.ts";

/** 10.244.0.0, the start of the cluster CIDR the implicit nodes' /24s come from (nodes/template.ts podCIDR). */
const IMPLICIT_POD_NETWORK = 0x0af40000;

export { readinessDelay };

/** How long a terminating pod stays: min(pod.shutdown, grace period). Example: shutdown 1, grace 30 → 1; shutdown 45, grace 30 → 30. */
export function terminationDelay(shutdown: number, gracePeriodSeconds: number): number {
  return Math.max(0, Math.min(shutdown, gracePeriodSeconds));
}

/** Exit codes as the runtime reports them: a crash's error, and 128 + 9 for the OOM killer's SIGKILL. */
export const EXIT = {
  crash: { reason: "Error", exitCode: 1 },
  oom: { reason: "OOMKilled", exitCode: 137 },
  /** An application stopped by the kubelet's SIGTERM (a failed liveness or startup probe): 128 + 15. */
  probeKill: { reason: "Error", exitCode: 143 },
  /** A Job's container that ran to its end. */
  completed: { reason: "Completed", exitCode: 0 },
} as const;

export interface KubeletHost {
  readonly now: Time;
  readonly settings: Settings;
  readonly api: SimApiServer;
  /** Run `fn` at time t (≥ now) among the kubelet's timed events. */
  schedule(t: Time, fn: () => void, label: string): void;
  /**
   * Run `step(a, b)` at time t among the kubelet's timed events, where `schedule` would have:
   * steps of one kind at one time scheduled one after the other share a queue entry
   * (queue.ts `scheduleStep`). Without it, `schedule` is used.
   */
  scheduleStep?<A, B>(t: Time, step: (a: A, b: B) => void, a: A, b: B, label: string): void;
  emit(event: EventDraft): void;
  /** Crashing containers and failing readiness probes (none when absent). */
  readonly faults?: PodFaults;
  /** Whether the node's kubelet is down now (`fault node NAME down`): it then acts on none of its pods. */
  nodeDown?(node: string): boolean;
}

type ConditionType = PodCondition["type"];

/** Why a container waits for its image (ErrImageNeverPull, ErrImagePull, ImagePullBackOff). */
interface ImageWait {
  reason: string;
  message: string;
}

/** Event texts that name only the container (kuberuntime_container.go): "Created container app". */
interface ContainerTexts {
  created: string;
  started: string;
  stopping: string;
}

/** What the kubelet remembers of one container beyond the API status (by pod uid and name). */
interface ContainerRuntime {
  /** The current run: 0 for the first start, + 1 per restart; timed events of other runs are stale. */
  run: number;
  backoff?: BackoffEntry;
  /** The reasonCache entry: why the last sync did not restart it. */
  waiting?: { reason: string; message: string };
  /** The last exit, and the one before (the API shows the latter as lastState while the former is the state). */
  lastExit?: ContainerStateTerminated;
  previousExit?: ContainerStateTerminated;
  /** The pending pod-worker sync, if one is scheduled (its time). */
  syncAt?: Time;
  /** The readiness probe worker of the current run, while a fault makes its probes matter. */
  prober?: ProbeRun & { run: number; nextAt?: Time };
  /** An OOM kill is on its way for this run. */
  oomRun?: number;
}

export class Kubelet {
  /** By pod uid, then container name; only for pods something has happened to. */
  private readonly runtimes = new Map<string, Map<string, ContainerRuntime>>();
  /** The images on each node (the container runtime's image store). */
  private readonly images = new NodeImages();
  /** Pods the eviction manager killed (by uid): their containers are gone, nothing restarts them. */
  private readonly evicted = new Set<string>();
  /**
   * How many stored pods have a container under a memory limit, counted from the watch: with
   * none, the OOM killer has nothing to look at (most runs set no memory limit).
   */
  private memoryLimitedPods = 0;
  /**
   * Each stored pod's involvedObject (by uid), made once for its half dozen events: the recorder
   * keeps one per object anyway (sharedEvents.ts), and finds this one the same at a glance.
   */
  private readonly involved = new Map<string, EventDraft["involvedObject"]>();
  /** The texts of each container name's Created, Started and Killing events, made once. */
  private readonly containerTexts = new Map<string, ContainerTexts>();
  /** The image manager's back-off entries, by "POD-UID_IMAGE" (image_manager.go backOffKey). */
  private readonly pullBackoffs = new Map<string, BackoffEntry>();
  /** Each image's "already present on machine" text, made once. */
  private readonly presentTexts = new Map<string, string>();
  /** The conditions of the pods acknowledged last (`acknowledgedConditions`), with and without init containers. */
  private createdConditions: { at: Time; list: PodCondition[] } | undefined;
  private initializingConditions: { at: Time; list: PodCondition[] } | undefined;
  /** The last `readinessConditions`: its list, and what it was made of. */
  private readinessMemo:
    | {
        was: readonly PodCondition[] | undefined;
        at: Time;
        statuses: typeof READY | typeof NOT_READY;
        list: PodCondition[];
      }
    | undefined;
  /** The ContainerCreating statuses made last (`creatingStatuses`). */
  private creating: ContainerStatus[] | undefined;
  /** The state of the containers started last (`runningSince`). */
  private runningState: { running: { startedAt: Time } } | undefined;
  /** The pod IPs each node's CNI has handed out (nodes/hostLocalIPAM.ts). */
  private readonly podIPs = new HostLocalIPAM();
  private implicitNodeCount: number | undefined;
  /** Secret, ConfigMap and projected volumes that fail to set up hold their pod's start (kubelet/volumeSetup.ts). */
  private readonly volumeManager = new VolumeManager({
    now: () => this.host.now,
    schedule: (t, fn, label) => this.host.schedule(t, fn, label),
    get: (kind, namespace, name) => this.host.api.get(kind, namespace, name),
    live: (name, uid) => {
      const pod = this.live(name, uid);
      return pod?.metadata.deletionTimestamp === undefined ? pod : undefined;
    },
    failedMount: (pod, message) => this.emitKubelet(pod, "Warning", "FailedMount", message),
  });

  /**
   * `scheduler`: the unlimited placement of a cluster without declared nodes, which the kubelet
   * asks itself (scheduler.ts). Without it the cluster has Nodes and kube-scheduler binds pods
   * (scheduling/kubeScheduler.ts); the kubelet starts a pod once it is bound to an existing node.
   */
  constructor(
    private readonly host: KubeletHost,
    private readonly scheduler?: Scheduler,
    /** The VolumeBinding plugin for that placement (scheduling/implicitVolumes.ts). */
    private readonly volumes?: ImplicitVolumeBinding,
  ) {}

  private readonly getObject = (kind: string, namespace: string, name: string) =>
    this.host.api.get(kind, namespace, name);

  // A pod's steps, one function each, so that the steps of pods alike share queue entries.
  private readonly bindStep = (name: string, uid: string | undefined): void => this.bind(name, uid);
  private readonly admitStep = (name: string, uid: string | undefined): void => this.admit(name, uid);
  private readonly startStep = (name: string, uid: string | undefined): void => this.start(name, uid);
  private readonly initializeStep = (name: string, uid: string | undefined): void =>
    this.initialize(name, uid, 0);
  private readonly probeStep = (name: string, uid: string | undefined): void => {
    this.probe(name, uid);
  };
  private readonly stoppingStep = (name: string, uid: string | undefined): void => this.stopping(name, uid);
  private readonly removeStep = (name: string, uid: string | undefined): void => this.remove(name, uid);
  /** A pod waiting for its claims is bound again when one changes (scheduling/implicitVolumes.ts). */
  private readonly placeAgain = (name: string, uid: string | undefined): void =>
    this.later(this.host.now, this.bindStep, name, uid, "schedule");

  /** `step` of the pod at t (`label` and the pod name it, for errors). */
  private later(
    t: Time,
    step: (name: string, uid: string | undefined) => void,
    name: string,
    uid: string | undefined,
    label: string,
  ): void {
    if (this.host.scheduleStep) this.host.scheduleStep(t, step, name, uid, label);
    else this.host.schedule(t, () => step(name, uid), `${label} ${name}`);
  }

  /** Watch handler for Pods: only schedules; the writes happen in the timed events. */
  onPodEvent(ev: WatchEvent): void {
    const pod = ev.object as Pod;
    // A status write (the kubelet's own, most of them): its spec and deletion are the old
    // object's, so no branch below acts on it (nor does the memory-limit count change).
    const old = ev.old as Pod | undefined;
    if (
      ev.type === "MODIFIED" &&
      old !== undefined &&
      old.spec === pod.spec &&
      old.metadata.deletionTimestamp === pod.metadata.deletionTimestamp &&
      old.metadata.deletionGracePeriodSeconds === pod.metadata.deletionGracePeriodSeconds
    )
      return;
    const name = qualifiedNameOf(pod);
    const uid = pod.metadata.uid;
    this.countMemoryLimited(ev);
    if (ev.type === "ADDED") {
      if (pod.metadata.deletionTimestamp !== undefined) return;
      if (this.scheduler) this.later(this.host.now, this.bindStep, name, uid, "schedule");
      else if (pod.spec.nodeName !== undefined) this.later(this.host.now, this.admitStep, name, uid, "admit");
    } else if (ev.type === "MODIFIED") {
      if (pod.metadata.deletionTimestamp !== undefined && ev.old?.metadata.deletionTimestamp === undefined) {
        this.later(this.host.now, this.stoppingStep, name, uid, "stop");
      } else if (
        pod.metadata.deletionGracePeriodSeconds !== undefined &&
        pod.metadata.deletionGracePeriodSeconds < (ev.old?.metadata.deletionGracePeriodSeconds ?? Infinity)
      ) {
        // A second delete shortened the grace period: the containers are killed sooner.
        this.killSooner(name, uid);
      } else if (
        !this.scheduler &&
        pod.metadata.deletionTimestamp === undefined &&
        pod.spec.nodeName !== undefined &&
        (ev.old as Pod | undefined)?.spec.nodeName === undefined
      ) {
        this.later(this.host.now, this.admitStep, name, uid, "admit");
      }
    } else {
      // Removed from the API without a graceful deletion (`kubectl delete --grace-period=0
      // --force`): the kubelet still kills the containers when it sees the pod gone
      // (kubelet.go HandlePodRemoves → pod_workers.go SyncPodKill → killContainer's Killing).
      if (pod.metadata.deletionTimestamp === undefined && this.runsOnLiveNode(pod)) this.killGone(pod, name);
      this.scheduler?.release(name);
      this.volumes?.forget(name);
      this.releasePodIP(pod, name);
      if (uid !== undefined) {
        this.runtimes.delete(uid);
        this.involved.delete(uid);
      }
    }
  }

  // onPodEvent's timed events, made here: a closure in its body would cost every call (most of
  // them status writes that schedule nothing) a context for the variables it captures.
  private killSooner(name: string, uid: string | undefined): void {
    this.host.schedule(
      this.host.now,
      () => {
        const live = this.live(name, uid);
        if (live) this.scheduleRemoval(live, name, uid);
      },
      `stop ${name}`,
    );
  }

  private killGone(pod: Pod, name: string): void {
    this.host.schedule(this.host.now, () => this.emitKilling(pod), `kill ${name}`);
  }

  /**
   * Whether a kubelet is there to act on the pod: its node is up and still a Node (the pod GC
   * force-deletes the pods of a Node that is gone, with no kubelet left to kill them), and it
   * was not evicted (the eviction's Killing came already).
   */
  private runsOnLiveNode(pod: Pod): boolean {
    const node = pod.spec.nodeName;
    if (node === undefined || this.host.nodeDown?.(node)) return false;
    if (!this.scheduler && !this.host.api.get("Node", "", node)) return false;
    return pod.metadata.uid === undefined || !this.evicted.has(pod.metadata.uid);
  }

  /**
   * Whether a kubelet watches the pod's node: one of the implicit nodes, or a Node. A pod bound
   * to a node that is neither (restored from another cluster's export) stays Terminating once
   * deleted, until the pod GC force-deletes it (controllers/podgc).
   */
  private hasKubelet(pod: Pod): boolean {
    const node = pod.spec.nodeName;
    if (node === undefined) return true;
    return this.scheduler ? this.scheduler.has(node) : this.host.api.get("Node", "", node) !== undefined;
  }

  /** Keeps `memoryLimitedPods` as the store's pods are added, changed and removed. */
  private countMemoryLimited(ev: WatchEvent): void {
    const pod = ev.object as Pod;
    const old = ev.old as Pod | undefined;
    if (ev.type === "ADDED") this.memoryLimitedPods += hasMemoryLimit(pod) ? 1 : 0;
    else if (ev.type === "DELETED") this.memoryLimitedPods -= hasMemoryLimit(pod) ? 1 : 0;
    else if (old && old.spec.containers !== pod.spec.containers)
      this.memoryLimitedPods += (hasMemoryLimit(pod) ? 1 : 0) - (hasMemoryLimit(old) ? 1 : 0);
  }

  /**
   * The pod every timed step acts on, if it is still the same one — and its node's kubelet is
   * up: a kubelet that is down does nothing for its pods (their steps are dropped; `resume`
   * picks the pods up again).
   */
  private live(name: string, uid: string | undefined): Pod | undefined {
    // parseQualifiedName's split, without its object (four steps of every pod look it up).
    const slash = name.indexOf("/");
    const pod =
      slash < 0
        ? this.host.api.get("Pod", DEFAULT_NAMESPACE, name)
        : this.host.api.get("Pod", name.slice(0, slash), name.slice(slash + 1));
    return pod && this.liveAs(pod, uid);
  }

  /**
   * `live`'s answer for `pod`, the object the store holds under the step's name now (read or
   * written by this step, only events since): the same tests without the look-up.
   */
  private liveAs(pod: Pod, uid: string | undefined): Pod | undefined {
    if (pod.metadata.uid !== uid) return undefined;
    if (pod.spec.nodeName !== undefined && this.host.nodeDown?.(pod.spec.nodeName)) return undefined;
    // An evicted pod's containers take no more steps; only its deletion is still carried out.
    if (uid !== undefined && this.evicted.has(uid) && pod.metadata.deletionTimestamp === undefined)
      return undefined;
    return pod;
  }

  /**
   * The eviction manager's kill (pkg/kubelet/eviction evictPod → killPodNow, no grace period
   * for a hard threshold): Warning Evicted with the eviction message, Killing for each running
   * container, and the pod Failed with reason Evicted and that message; DisruptionTarget True
   * (TerminationByKubelet), Ready and ContainersReady False (PodFailed), and its containers
   * Terminated as a v1.28 kubelet reports containers the runtime has removed:
   * ContainerStatusUnknown, exit code 137, "The container could not be located when the pod was
   * terminated" (kubelet_pods.go convertToAPIContainerStatuses) — so `kubectl get pods` shows
   * STATUS ContainerStatusUnknown, as kubernetes/kubernetes#122779 reports.
   */
  evict(pod: Pod, message: string): void {
    const uid = pod.metadata.uid;
    if (uid === undefined || this.evicted.has(uid)) return;
    this.evicted.add(uid);
    const now = this.host.now;
    this.host.emit({
      type: "Warning",
      reason: "Evicted",
      message,
      involvedObject: this.involvedPod(pod),
      source: "kubelet",
    });
    this.emitKilling(pod);
    this.releasePodIP(pod, qualifiedNameOf(pod));
    const failed = { status: "False" as const, lastTransitionTime: now, reason: "PodFailed" };
    this.writeStatus(qualifiedNameOf(pod), (p) => ({
      ...p.status,
      phase: "Failed",
      reason: "Evicted",
      message,
      conditions: [
        {
          type: "DisruptionTarget",
          status: "True",
          lastTransitionTime: now,
          reason: "TerminationByKubelet",
          message,
        },
        ...(p.status.conditions ?? []).map((c) =>
          c.type === "Ready" || c.type === "ContainersReady" ? { ...c, ...failed } : c,
        ),
      ],
      containerStatuses: p.status.containerStatuses?.map((cs) => ({
        ...cs,
        ready: false,
        started: false,
        state: {
          terminated: {
            exitCode: 137,
            reason: "ContainerStatusUnknown",
            message: "The container could not be located when the pod was terminated",
          },
        },
      })),
    }));
  }

  /**
   * The node's kubelet is back: it syncs each of its pods as it finds them — finishes the
   * terminations it missed, takes up pods it had not started, restarts exited containers, and
   * posts their readiness again (the node lifecycle controller had marked them not ready).
   */
  resume(node: string): void {
    for (const pod of this.host.api.listAll("Pod")) {
      if (pod.spec.nodeName !== node) continue;
      const name = qualifiedNameOf(pod);
      const uid = pod.metadata.uid;
      if (pod.metadata.deletionTimestamp !== undefined) this.stopping(name, uid);
      else if (pod.status.startTime === undefined) this.admit(name, uid);
      else if (pod.status.phase === "Pending" && !initialized(pod)) this.resumeInit(pod);
      else if (pod.status.phase === "Pending") {
        // A kubelet back up mounts again (kubelet/volumeSetup.ts) before it starts containers.
        const resync = (at: Time): void => this.later(at, this.startStep, name, uid, "start");
        if (!this.volumeManager.waits(pod, name, resync)) this.start(name, uid);
      } else if (pod.status.phase === "Running") {
        for (const cs of pod.status.containerStatuses ?? [])
          if (!cs.state?.running && this.existingRuntime(uid, cs.name)?.lastExit)
            this.sync(name, uid, cs.name);
        this.probe(name, uid);
      }
    }
  }

  private runtime(uid: string | undefined, container: string): ContainerRuntime {
    const key = uid ?? "";
    let pod = this.runtimes.get(key);
    if (!pod) this.runtimes.set(key, (pod = new Map()));
    let rt = pod.get(container);
    if (!rt) pod.set(container, (rt = { run: 0 }));
    return rt;
  }

  private existingRuntime(uid: string | undefined, container: string): ContainerRuntime | undefined {
    return this.runtimes.get(uid ?? "")?.get(container);
  }

  /** Without declared nodes: place the pod (unlimited room), then start it. */
  private bind(name: string, uid: string | undefined): void {
    const pod = this.live(name, uid);
    if (!pod || pod.metadata.deletionTimestamp !== undefined || !this.scheduler) return;
    let node = pod.spec.nodeName;
    // The pod as stored when the first status is written: the binding's write, or the pod read.
    let bound: Pod | undefined = pod;
    if (node !== undefined) {
      // A pod that names its node skips the scheduler; on a node that does not exist no
      // kubelet picks it up, and it stays Pending.
      if (!this.scheduler.hold(name, node)) return;
    } else {
      // A pod whose claims are not ready waits, placed again when one changes.
      const placed = this.volumes
        ? this.volumes.place(pod, name, this.placeAgain)
        : this.scheduler.assign(name);
      if (placed === undefined) return;
      node = placed;
      bound = this.host.api.bind(namespaceOf(pod), pod.metadata.name, node);
      this.host.emit({
        type: "Normal",
        reason: "Scheduled",
        message: `Successfully assigned ${namespaceOf(pod)}/${pod.metadata.name} to ${node}`,
        involvedObject: this.involvedPod(pod),
        source: "default-scheduler",
      });
    }
    this.acknowledge(name, uid, hostIPOf(node), bound);
  }

  /**
   * With declared nodes: the kubelet of the pod's node takes it up (its Node must exist: a pod
   * bound to a missing node stays Pending, as no kubelet watches for it).
   */
  private admit(name: string, uid: string | undefined): void {
    const pod = this.live(name, uid);
    if (!pod || pod.metadata.deletionTimestamp !== undefined || pod.status.startTime !== undefined) return;
    const node = this.host.api.get("Node", "", pod.spec.nodeName ?? "");
    if (!node) return;
    const ip = node.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? "";
    this.acknowledge(name, uid, ip, pod);
  }

  /**
   * The kubelet's first status for a pod it runs: Pending, conditions, containers creating. A
   * pod with init containers is not Initialized yet, and every container of it waits with
   * reason PodInitializing (kubelet_pods.go convertToAPIContainerStatuses: the default waiting
   * state of a pod with init containers). `current`: the pod as the step that calls it left it
   * in the store (only events came since), so that it is not looked up again.
   */
  private acknowledge(name: string, uid: string | undefined, hostIP: string, current?: Pod): void {
    const now = this.host.now;
    const pod = current !== undefined ? this.liveAs(current, uid) : this.live(name, uid);
    const inits = pod?.spec.initContainers ?? NO_CONTAINERS;
    // A pod without a startTime gets one here: the write is a change (updateOwnStatus's `changed`).
    if (pod !== undefined)
      this.host.api.updateOwnStatus(
        pod,
        this.acknowledged(pod, inits, now, hostIP),
        pod.status.startTime === undefined,
      );
    else this.writeStatus(name, (p) => this.acknowledged(p, inits, now, hostIP));
    const startup = Math.max(0, this.host.settings["pod.startup"]);
    const step = inits.length ? this.initializeStep : this.startStep;
    // syncPod's WaitForAttachAndMount: the containers start once the volumes are mounted (the
    // closure made only for a pod that waits: nearly every pod's token volume sets up).
    const failing = pod !== undefined ? this.volumeManager.unmounted(pod) : NO_VOLUMES;
    if (pod !== undefined && failing.length > 0)
      return this.volumeManager.wait(pod, name, failing, (at) =>
        this.later(at + startup, step, name, uid, "start"),
      );
    this.later(now + startup, step, name, uid, "start");
  }

  /** `acknowledge`'s status of `p`, whose init containers are `inits`. */
  private acknowledged(p: Pod, inits: readonly Container[], now: Time, hostIP: string): Pod["status"] {
    const initializing = inits.length > 0;
    const podConditions = this.acknowledgedConditions(now, initializing);
    const state = initializing ? POD_INITIALIZING : CONTAINER_CREATING;
    // One copy with every field (the keys in the order the two copies before gave).
    const status = initializing
      ? copyWith(p.status, {
          phase: "Pending" as const,
          startTime: now,
          hostIP,
          conditions: podConditions,
          initContainerStatuses: waitingStatuses(inits, state),
          containerStatuses: waitingStatuses(p.spec.containers, state),
        })
      : acknowledgedStatus(p.status, now, hostIP, podConditions, this.creatingStatuses(p.spec.containers));
    return withHostNetworkIP(p, status, hostIP);
  }

  /**
   * The ContainerCreating statuses of a pod's containers: the list made last given again while
   * the containers have the same names and images (the pods of a template acknowledged one
   * after the other hold one list, as they hold one list of conditions): a stored status is
   * never changed in place, and each later status of a container is a new list.
   */
  private creatingStatuses(containers: readonly Container[]): ContainerStatus[] {
    const kept = this.creating;
    if (kept !== undefined && kept.length === containers.length) {
      let same = true;
      for (let i = 0; i < containers.length && same; i++)
        same = kept[i].name === containers[i].name && kept[i].image === containers[i].image;
      if (same) return kept;
    }
    return (this.creating = waitingStatuses(containers, CONTAINER_CREATING));
  }

  /**
   * The first conditions of the pods acknowledged at `now`: one list for them all (the pods of
   * a ReplicaSet bound together), as no writer changes a stored object in place — each later
   * change of a condition makes a new list.
   */
  private acknowledgedConditions(now: Time, initializing: boolean): PodCondition[] {
    const kept = initializing ? this.initializingConditions : this.createdConditions;
    if (kept !== undefined && kept.at === now) return kept.list;
    const list = conditions(now, {
      Initialized: initializing ? "False" : "True",
      Ready: "False",
      ContainersReady: "False",
      PodScheduled: "True",
    });
    if (initializing) this.initializingConditions = { at: now, list };
    else this.createdConditions = { at: now, list };
    return list;
  }

  /**
   * computeInitContainerActions (kuberuntime_manager.go): the init container at `index` starts
   * once the one before it completed (or, a sidecar, started); after the last, the pod is
   * Initialized and its app containers start. Each goes through EnsureImageExists, Created,
   * Started; a regular one then runs for its run time (kubelet/initContainers.ts) and ends
   * Terminated, reason Completed, exit code 0.
   */
  private initialize(name: string, uid: string | undefined, index: number): void {
    const pod = this.live(name, uid);
    if (!pod || pod.metadata.deletionTimestamp !== undefined) return;
    const inits = pod.spec.initContainers ?? [];
    if (index >= inits.length) {
      // A sidecar that starts again later does not initialize the pod a second time.
      if (initialized(pod)) return;
      this.writeStatus(name, (p) => ({
        ...p.status,
        conditions: setConditions(p.status.conditions, this.host.now, { Initialized: "True" }),
      }));
      return this.start(name, uid);
    }
    const c = inits[index];
    // Only once: a sidecar that starts again (or a restarted init container) does not start the next twice.
    const st = pod.status.initContainerStatuses?.find((s) => s.name === c.name);
    if (st?.state?.waiting?.reason !== "PodInitializing") return;
    const failed = (waiting: ImageWait): void =>
      this.writeContainer(name, c.name, (s) => copyWith(s, { state: { waiting } }));
    const ready = (live: Pod, late: boolean): void => {
      if (this.refusedConfig(live, c, ready, failed, late)) return;
      this.emitCreated(live, c);
      const now = this.host.now;
      const node = live.spec.nodeName ?? "";
      this.writeStatus(name, (p) => ({
        ...p.status,
        podIP: p.status.podIP ?? this.podIP(node, name, p),
      }));
      this.containerStarted(this.live(name, uid) ?? live, c, 0, now);
    };
    this.ensureImage(pod, c, name, uid, ready, failed);
  }

  /**
   * The pod IP the sandbox gets: the one it holds, or the next free one of the node's range
   * (nodes/hostLocalIPAM.ts) — the node's pod CIDR when it declares one.
   */
  private podIP(node: string, name: string, pod: Pod): string {
    if (usesHostNetwork(pod)) return pod.status.hostIP ?? "";
    const key = pod.metadata.uid ?? name;
    return this.podIPs.held(key) ?? this.podIPs.allocate(key, node, this.podRange(node));
  }

  /** The range set of the node's CNI: its pod CIDR; an implicit node's is `podCIDR(i)` and the /24s of node i + N, i + 2N, …. */
  private podRange(node: string): RangeShape {
    const cidr = this.scheduler ? undefined : this.host.api.get("Node", "", node)?.spec?.podCIDR;
    const declared = cidr !== undefined ? rangeOfCIDR(cidr) : undefined;
    if (declared !== undefined) return declared;
    const index = Number(node.slice("node-".length)) || 0;
    const nodes = this.scheduler ? (this.implicitNodeCount ??= this.scheduler.nodes.length) : 256;
    return { network: IMPLICIT_POD_NETWORK + index * 256, size: 256, stride: nodes * 256 };
  }

  /** A sandbox torn down (the pod gone, or terminal): its address is free again. */
  private releasePodIP(pod: Pod, name: string): void {
    this.podIPs.release(pod.metadata.uid ?? name);
  }

  /**
   * An init container's run began at `at` (its first start or a restart): status Running; a
   * regular one completes after its run time, and the next init container starts then; a
   * sidecar lets the next start once it has started, and its probes run as an app container's.
   */
  private containerStarted(pod: Pod, c: Container, run: number, at: Time): void {
    const name = qualifiedNameOf(pod);
    const uid = pod.metadata.uid;
    const index = (pod.spec.initContainers ?? []).findIndex((x) => x.name === c.name);
    const tl = isSidecar(c) ? this.planProbes(pod, c, run, at) : undefined;
    // A sidecar counts in the pod's readiness: written with it, as an app container's start is.
    const awaiting = !tl ? undefined : hasProbeWorker(c) ? [c] : NO_CONTAINERS;
    this.writeContainer(
      name,
      c.name,
      (s) =>
        copyWith(s, {
          ...createdIds(c, uid, run),
          started: tl ? startedIn(c, tl, at) : true,
          state: { running: { startedAt: at } },
        }),
      awaiting,
    );
    const current = (): boolean => (this.existingRuntime(uid, c.name)?.run ?? 0) === run;
    if (tl) this.startupAtOnce(name, uid, c, tl, at);
    if (tl) {
      if (tl.readyAt !== undefined && (awaiting!.length > 0 || tl.readyAt > at))
        this.host.schedule(tl.readyAt, () => current() && this.probe(name, uid), `probe ${name}`);
      if (tl.startedAt !== undefined)
        this.host.schedule(
          tl.startedAt,
          () => current() && this.initialize(name, uid, index + 1),
          `initialize ${name}`,
        );
    } else {
      const runTime = initRunTime(c) ?? Math.max(0, this.host.settings["pod.init-duration"]);
      this.host.schedule(
        at + runTime,
        () => current() && this.completed(name, uid, c, index),
        `init ${name}`,
      );
    }
    this.afterStart(this.live(name, uid) ?? pod, c, run, at);
  }

  /**
   * The kubelet is back while the pod initializes: the first init container not done yet is
   * started, or — running — completes when its run time is over (now, if it passed meanwhile);
   * a started sidecar lets the next one start.
   */
  private resumeInit(pod: Pod): void {
    const name = qualifiedNameOf(pod);
    const uid = pod.metadata.uid;
    const inits = pod.spec.initContainers ?? [];
    for (let i = 0; i < inits.length; i++) {
      const c = inits[i];
      const st = pod.status.initContainerStatuses?.find((s) => s.name === c.name);
      if (st?.state?.terminated?.exitCode === 0) continue;
      const running = st?.state?.running;
      if (isSidecar(c) && st?.started) continue;
      if (!running)
        return st?.state?.terminated ? this.sync(name, uid, c.name) : this.initialize(name, uid, i);
      if (isSidecar(c)) return;
      const runTime = initRunTime(c) ?? Math.max(0, this.host.settings["pod.init-duration"]);
      const at = Math.max(this.host.now, running.startedAt + runTime);
      return this.host.schedule(at, () => this.completed(name, uid, c, i), `init ${name}`);
    }
    this.initialize(name, uid, inits.length);
  }

  /** A regular init container exited 0: Terminated, Completed; the next one starts. */
  private completed(name: string, uid: string | undefined, c: Container, index: number): void {
    const pod = this.live(name, uid);
    if (!pod || pod.metadata.deletionTimestamp !== undefined) return;
    const running = pod.status.initContainerStatuses?.find((s) => s.name === c.name)?.state?.running;
    if (!running) return;
    const now = this.host.now;
    // prober_manager.go UpdatePodStatus: a regular init container that exited 0 is ready.
    this.writeContainer(name, c.name, (s) => ({
      ...s,
      ready: true,
      started: false,
      state: {
        terminated: {
          exitCode: 0,
          reason: "Completed",
          startedAt: running.startedAt,
          finishedAt: now,
          ...(s.containerID !== undefined ? { containerID: s.containerID } : {}),
        },
      },
    }));
    this.initialize(name, uid, index + 1);
  }

  /**
   * SyncPod's start of the pod's containers (kuberuntime_manager.go), one after the other: for
   * each, EnsureImageExists (kubelet/images.ts: already present, or Pulling then Pulled after
   * `image.pull-time`, or ErrImageNeverPull), then Created and Started. The pod is Running once
   * every container has started (kubelet_pods.go getPhase: a waiting container keeps it
   * Pending); its status is written then, each container with the time it started.
   */
  private start(
    name: string,
    uid: string | undefined,
    index = 0,
    startedAt: readonly (Time | ImageWait)[] = NO_STARTS,
    current?: Pod,
  ): void {
    const pod = current !== undefined ? this.liveAs(current, uid) : this.live(name, uid);
    if (!pod || pod.metadata.deletionTimestamp !== undefined) return;
    const containers = pod.spec.containers;
    // The containers whose image the node has (nearly every start): Pulled, Created and Started
    // at once, as ensureImage's "present" answer does, without its callbacks; the pod in hand is
    // the stored one throughout (only events come).
    let started = startedAt;
    let involved: EventDraft["involvedObject"] | undefined;
    while (
      index < containers.length &&
      this.imageIsPresent(pod, containers[index]) &&
      podContainerConfigError(pod, containers[index], this.getObject) === undefined
    ) {
      const c = containers[index];
      involved ??= this.involvedPod(pod);
      const texts = this.textsOf(c.name);
      this.emitAbout(involved, "Normal", "Pulled", this.presentText(c.image));
      this.emitAbout(involved, "Normal", "Created", texts.created);
      this.emitAbout(involved, "Normal", "Started", texts.started);
      if (started === startedAt) started = startedAt.slice();
      (started as (Time | ImageWait)[]).push(this.host.now);
      index++;
    }
    if (index >= containers.length) return this.running(pod, started);
    this.startPulling(pod, name, uid, index, started);
  }

  /**
   * `start` of the container at `index`, whose image is not on the node: the rest of the start
   * follows EnsureImageExists' answer (its closures made here, not for every start).
   */
  private startPulling(
    pod: Pod,
    name: string,
    uid: string | undefined,
    index: number,
    before: readonly (Time | ImageWait)[],
  ): void {
    const c = pod.spec.containers[index];
    const next = (at: Time | ImageWait): void => this.start(name, uid, index + 1, [...before, at]);
    const failed = (waiting: ImageWait): void => next(waiting);
    const ready = (live: Pod, late: boolean): void => {
      if (this.refusedConfig(live, c, ready, failed, late)) return;
      this.emitCreated(live, c);
      if (late) this.startedLate(live, c);
      else next(this.host.now);
    };
    this.ensureImage(pod, c, name, uid, ready, failed);
  }

  /**
   * A container whose image came after the pod's first SyncPod (a pull that failed, then
   * succeeded on a later sync): it starts now, on its own; the pod is Running once no container
   * waits (kubelet_pods.go getPhase).
   */
  private startedLate(pod: Pod, c: Container): void {
    const name = qualifiedNameOf(pod);
    const uid = pod.metadata.uid;
    const now = this.host.now;
    const tl = this.planProbes(pod, c, 0, now);
    const awaiting = hasProbeWorker(c) ? [c] : NO_CONTAINERS;
    this.writeStatus(name, (p) => {
      const containerStatuses = (p.status.containerStatuses ?? []).map((cs) =>
        cs.name === c.name
          ? {
              ...cs,
              ...createdIds(c, uid, 0),
              started: startedIn(c, tl, now),
              state: { running: { startedAt: now } },
            }
          : cs,
      );
      const waiting = containerStatuses.some((cs) => !cs.state?.running);
      const status: Pod["status"] = {
        ...p.status,
        phase: waiting ? "Pending" : "Running",
        containerStatuses,
      };
      return this.readinessRound(p, status, awaiting);
    });
    this.startupAtOnce(name, uid, c, tl, now);
    if (awaiting.length > 0 && tl.readyAt === now) this.probe(name, uid);
    else if (tl.readyAt !== undefined && tl.readyAt > now)
      this.host.schedule(tl.readyAt, () => this.probe(name, uid), `probe ${name}`);
    this.afterStart(this.live(name, uid) ?? pod, c, 0, now);
  }

  /**
   * killContainer's event for each running container (pkg/kubelet/kuberuntime/kuberuntime_container.go):
   * the app containers, then the sidecars in reverse order (KEP-753's termination order).
   */
  private emitKilling(pod: Pod): void {
    // By index, without the joined and reversed copies of the lists (a pod's stopping step).
    const apps = pod.status.containerStatuses;
    if (apps !== undefined) for (let i = 0; i < apps.length; i++) this.emitKillingOf(pod, apps[i]);
    const inits = pod.status.initContainerStatuses;
    if (inits !== undefined) for (let i = inits.length - 1; i >= 0; i--) this.emitKillingOf(pod, inits[i]);
  }

  private emitKillingOf(pod: Pod, cs: ContainerStatus): void {
    if (cs.state?.running) this.emitKubelet(pod, "Normal", "Killing", this.textsOf(cs.name).stopping);
  }

  /**
   * EnsureImageExists (pkg/kubelet/images/image_manager.go): by the container's pull policy and
   * what the node holds, the image is present ("already present on machine"), pulled first
   * (Pulling, then Pulled after image.pull-time; the container waits), or refused under Never.
   * `ready` runs with the pod as it is once the image is there, unless it was deleted meanwhile
   * (`late` when that is on a later sync than the first, after failed pulls). `failed` runs
   * once, with the reason the container waits for, when the first attempt gets no image.
   */
  private ensureImage(
    pod: Pod,
    c: Container,
    name: string,
    uid: string | undefined,
    ready: (live: Pod, late: boolean) => void,
    failed: (waiting: ImageWait) => void,
    late = false,
  ): void {
    const node = pod.spec.nodeName ?? "";
    const action = imageAction(pullPolicyOf(c), this.imagePresent(node, c.image));
    if (action === "never-pull") {
      const message = imageMessages.neverPull(c.image);
      this.emitKubelet(pod, "Warning", "ErrImageNeverPull", message);
      return failed({ reason: "ErrImageNeverPull", message });
    }
    if (action === "present") {
      this.emitPresent(pod, c);
      return ready(pod, late);
    }
    // The image back-off (image_manager.go EnsureImageExists): inside it, no pull at all.
    const key = `${uid ?? ""}_${c.image}`;
    const now = this.host.now;
    if (isInBackOffSinceUpdate(this.pullBackoffs.get(key), now, IMAGE_BACKOFF)) {
      const message = imageMessages.backOff(c.image);
      this.emitKubelet(pod, "Normal", "BackOff", message);
      return this.pullFailed(pod, c, { reason: "ImagePullBackOff", message }, ready, failed, late);
    }
    this.emitKubelet(pod, "Normal", "Pulling", imageMessages.pulling(c.image));
    // A registry without the image answers the resolve at once: the pull fails without waiting
    // for image.pull-time, and the back-off starts (backOff.Next).
    if (this.host.faults?.pullFails(c.image, now)) {
      const error = imageMessages.notFound(c.image);
      this.emitKubelet(pod, "Warning", "Failed", imageMessages.failed(c.image, error));
      this.pullBackoffs.set(key, nextBackoff(this.pullBackoffs.get(key), now, now, IMAGE_BACKOFF));
      return this.pullFailed(pod, c, { reason: "ErrImagePull", message: error }, ready, failed, late);
    }
    const pullTime = Math.max(0, this.host.settings["image.pull-time"]);
    this.host.schedule(
      this.host.now + pullTime,
      () => {
        const live = this.live(name, uid);
        if (!live || live.metadata.deletionTimestamp !== undefined) return;
        this.images.add(node, c.image);
        this.emitKubelet(live, "Normal", "Pulled", imageMessages.pulled(c.image, pullTime));
        ready(live, late);
      },
      `pull ${name}/${c.name}`,
    );
  }

  /**
   * EnsureImageExists got no image: startContainer records Warning Failed "Error: REASON"
   * (kuberuntime_container.go, the error's message), the container waits with that reason, and
   * the failed sync is retried POD_WORKER_BACKOFF later (pod_workers.go), pulling again once the
   * image back-off has passed.
   */
  /**
   * generateContainerConfig after EnsureImageExists (kubelet/envSources.ts): a container whose
   * env names a missing Secret, ConfigMap or key fails its start as a pull does, and is tried
   * again at the pod worker's next sync. True when it was refused.
   */
  private refusedConfig(
    live: Pod,
    c: Container,
    ready: (live: Pod, late: boolean) => void,
    failed: (waiting: ImageWait) => void,
    late: boolean,
  ): boolean {
    const message = podContainerConfigError(live, c, this.getObject);
    if (message === undefined) return false;
    this.pullFailed(live, c, { reason: CREATE_CONTAINER_CONFIG_ERROR, message }, ready, failed, late);
    return true;
  }

  private pullFailed(
    pod: Pod,
    c: Container,
    waiting: ImageWait,
    ready: (live: Pod, late: boolean) => void,
    failed: (waiting: ImageWait) => void,
    late: boolean,
  ): void {
    const name = qualifiedNameOf(pod);
    const uid = pod.metadata.uid;
    const error = waiting.reason === CREATE_CONTAINER_CONFIG_ERROR ? waiting.message : waiting.reason;
    this.emitKubelet(pod, "Warning", "Failed", `Error: ${error}`);
    if (late) this.writeContainer(name, c.name, (s) => copyWith(s, { state: { waiting } }));
    else failed(waiting);
    this.host.schedule(
      this.host.now + POD_WORKER_BACKOFF,
      () => {
        const live = this.live(name, uid);
        if (!live || live.metadata.deletionTimestamp !== undefined) return;
        this.ensureImage(live, c, name, uid, ready, failed, true);
      },
      `sync ${name}`,
    );
  }

  /** Every container has been through EnsureImageExists: the pod's status, and readiness from each start. */
  private running(pod: Pod, startedAt: readonly (Time | ImageWait)[]): void {
    const name = qualifiedNameOf(pod);
    const uid = pod.metadata.uid;
    const now = this.host.now;
    const containers = pod.spec.containers;
    let waiting = false;
    for (let i = 0; i < startedAt.length; i++) if (typeof startedAt[i] !== "number") waiting = true;
    // Each started container's probes, in order (planning schedules their failures).
    const timelines: (ProbeTimeline | undefined)[] = [];
    for (let i = 0; i < containers.length; i++) {
      const at = startedAt[i];
      timelines.push(typeof at === "number" ? this.planProbes(pod, containers[i], 0, at, name) : undefined);
    }
    const podIP = this.podIP(pod.spec.nodeName ?? "", name, pod);
    // A container with a readiness or startup probe whose worker has not answered yet is ready
    // with that answer, a write of its own at its time; the others are ready in this write.
    let awaiting: Container[] | undefined;
    let readyTimes: Time[] | undefined;
    for (let i = 0; i < containers.length; i++) {
      const readyAt = timelines[i]?.readyAt;
      if (!hasProbeWorker(containers[i]) || (readyAt !== undefined && readyAt < now)) continue;
      (awaiting ??= []).push(containers[i]);
      if (readyAt !== undefined && !readyTimes?.includes(readyAt)) (readyTimes ??= []).push(readyAt);
    }
    const inits = pod.spec.initContainers;
    // Every container started, no init container: the readiness round's status built at once
    // (`startedStatus`); otherwise the round runs over the status with every container not ready.
    const status =
      !waiting &&
      (inits === undefined || inits.length === 0) &&
      pod.status.initContainerStatuses === undefined
        ? this.startedStatus(pod, startedAt as readonly Time[], timelines, podIP, awaiting ?? NO_CONTAINERS)
        : this.readinessRound(
            pod,
            copyWith(pod.status, {
              phase: waiting ? ("Pending" as const) : ("Running" as const),
              podIP,
              containerStatuses: this.startStatuses(pod, startedAt, timelines, NO_READINESS),
            }),
            awaiting,
          );
    // The pod is the stored one (only events came since it was read): written without a look-up,
    // and as a change when its phase moves (Pending to Running: every container started).
    let stored: Pod | undefined = this.host.api.updateOwnStatus(
      pod,
      status,
      status.phase !== pod.status.phase,
    );
    let answered: Container[] | undefined;
    for (let i = 0; i < containers.length; i++)
      if (containers[i].startupProbe && timelines[i]?.startedAt === now)
        (answered ??= []).push(containers[i]);
    if (answered !== undefined && stored !== undefined)
      stored = this.startupAnswered(stored, answered, awaiting ?? NO_CONTAINERS);
    if (readyTimes !== undefined && readyTimes.length > 1) readyTimes.sort((a, b) => a - b);
    // The pod as stored after each write of this step (only events come between them).
    for (let i = 0; readyTimes !== undefined && i < readyTimes.length; i++) {
      const t = readyTimes[i];
      if (t === now) stored = this.probe(name, uid, stored);
      else this.later(t, this.probeStep, name, uid, "probe");
    }
    const live = (stored !== undefined ? this.liveAs(stored, uid) : this.live(name, uid)) ?? pod;
    for (let i = 0; i < containers.length; i++) {
      const at = startedAt[i];
      if (typeof at === "number") this.afterStart(live, containers[i], 0, at);
    }
  }

  /**
   * The containers' statuses as `running` writes them: a waiting one with its reason, a started
   * one with the runtime's ids and its run's state; each ready as `readiness` says
   * (`readinessOf`), or not ready when it says nothing.
   */
  private startStatuses(
    pod: Pod,
    startedAt: readonly (Time | ImageWait)[],
    timelines: readonly (ProbeTimeline | undefined)[],
    readiness: readonly boolean[],
  ): ContainerStatus[] {
    const uid = pod.metadata.uid ?? "";
    const now = this.host.now;
    const containers = pod.spec.containers;
    // Built by map, not push: the stored array holds just its statuses (withReadiness says why).
    return containers.map((c, i): ContainerStatus => {
      const at = startedAt[i];
      // One literal each, not a spread of shared fields (clone.ts copyWith says why).
      return typeof at !== "number"
        ? {
            name: c.name,
            image: c.image,
            imageID: "",
            ready: false,
            restartCount: 0,
            started: false,
            state: { waiting: at },
          }
        : {
            name: c.name,
            image: runtimeImageOf(c.image),
            imageID: imageIdOf(c.image),
            containerID: containerIdOf(uid, c.name, 0),
            ready: readinessOf(containers, readiness, c.name) ?? false,
            restartCount: 0,
            // A startup probe's worker answers after this write, even at once (startupAnswered).
            started: startedIn(c, timelines[i]!, now),
            state: this.runningSince(at),
          };
    });
  }

  /**
   * `readinessRound` of the status `running` writes when every container has started and the
   * pod has no init container, made in one go: the round's readiness, then the statuses with
   * it, then the conditions — the object the round made from the status with every container
   * not ready (the same keys in the same order: copyWith keeps the status's and appends the new
   * ones in the order given), without that status, its statuses and their ready copies.
   */
  private startedStatus(
    pod: Pod,
    startedAt: readonly Time[],
    timelines: readonly (ProbeTimeline | undefined)[],
    podIP: string,
    awaitingWorkers: readonly Container[],
  ): Pod["status"] {
    const containers = pod.spec.containers;
    const readiness: boolean[] = [];
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i];
      // The round reads the first status of the name (statusIn): that of the first container of it.
      let first = 0;
      while (containers[first].name !== c.name) first++;
      readiness.push(!awaitingWorkers.includes(c) && this.readySince(pod, c, startedAt[first]));
    }
    let allReady = true;
    for (let i = 0; i < containers.length && allReady; i++)
      if (!readinessOf(containers, readiness, containers[i].name)) allReady = false;
    const was = pod.status.conditions;
    const wasReady = was !== undefined && was.some(isReadyTrue);
    return runningStatus(
      pod.status,
      podIP,
      this.startStatuses(pod, startedAt, timelines, readiness),
      allReady || wasReady ? this.readinessConditions(was, this.host.now, allReady ? READY : NOT_READY) : was,
    );
  }

  /**
   * The startup probe workers' first answer, a success at the containers' start itself: the
   * status sync after it (prober_manager.go UpdatePodStatus) shows them started — false before,
   * as for any worker that has not answered yet — and, those without a readiness probe, ready
   * (`ready = !exists` of a readiness worker); a readiness worker answers in a write of its own.
   */
  private startupAnswered(pod: Pod, answered: readonly Container[], awaiting: readonly Container[]): Pod {
    const start = (cs: ContainerStatus): ContainerStatus =>
      answered.some((c) => c.name === cs.name) ? copyWith(cs, { started: true }) : cs;
    const containerStatuses = (pod.status.containerStatuses ?? []).map(start);
    const inits = pod.status.initContainerStatuses;
    const status = inits
      ? copyWith(pod.status, { initContainerStatuses: inits.map(start), containerStatuses })
      : copyWith(pod.status, { containerStatuses });
    const still = awaiting.filter((c) => !answered.includes(c) || c.readinessProbe !== undefined);
    return this.host.api.updateOwnStatus(pod, this.readinessRound(pod, status, still));
  }

  /** One container just started at `at`: its startup worker's answer, when it succeeds at once. */
  private startupAtOnce(
    name: string,
    uid: string | undefined,
    c: Container,
    tl: ProbeTimeline,
    at: Time,
  ): void {
    if (!c.startupProbe || tl.startedAt !== at) return;
    const pod = this.live(name, uid);
    if (pod !== undefined) this.startupAnswered(pod, [c], [c]);
  }

  /**
   * The probe workers' run from a container's start (kubelet/probeTimeline.ts): a Warning
   * Unhealthy for each failed probe, `started` once the startup probe succeeds, and the kill of a
   * container whose startup or liveness probe failed failureThreshold times — Killing "Container
   * app failed liveness probe, will be restarted" (computePodActions), then the container stops
   * as on deletion (its preStop hook, then min(pod.shutdown, what is left of the grace period):
   * kubelet/preStop.ts), and exits 143 (SIGTERM). When the
   * container is ready is the caller's to schedule (it is returned).
   */
  private planProbes(pod: Pod, c: Container, run: number, start: Time, name?: string): ProbeTimeline {
    const tl = probeTimeline(c, start, start + Math.max(0, this.host.settings["app.startup-time"]));
    // Nothing to schedule (a container without probes, or whose probes all pass): no name, no
    // closure context made for the timed events below.
    const startupLater = c.startupProbe && tl.startedAt !== undefined && tl.startedAt > this.host.now;
    if (tl.failures.length === 0 && !startupLater && !tl.kill) return tl;
    return this.scheduleProbes(pod, c, run, tl, name ?? qualifiedNameOf(pod));
  }

  /** `planProbes`' timed events: the failures' Unhealthy events, the startup probe's success, the kill. */
  private scheduleProbes(
    pod: Pod,
    c: Container,
    run: number,
    tl: ProbeTimeline,
    name: string,
  ): ProbeTimeline {
    const uid = pod.metadata.uid;
    const live = (): { pod: Pod; cs: ContainerStatus } | undefined => {
      const p = this.live(name, uid);
      if (!p || p.metadata.deletionTimestamp !== undefined) return undefined;
      if ((this.existingRuntime(uid, c.name)?.run ?? 0) !== run) return undefined;
      const cs = statusOf(p, c.name);
      return cs?.state?.running ? { pod: p, cs } : undefined;
    };
    for (const f of tl.failures)
      this.host.schedule(
        f.at,
        () => {
          const now = live();
          const probe = c[`${f.probe}Probe`];
          if (now && probe)
            this.emitKubelet(
              now.pod,
              "Warning",
              "Unhealthy",
              `${probeTitle(f.probe)} probe failed: ${probeNoAnswerOutput(probe, c, now.pod.status.podIP)}`,
            );
        },
        `${f.probe} probe ${name}`,
      );
    if (c.startupProbe && tl.startedAt !== undefined && tl.startedAt > this.host.now)
      this.host.schedule(
        tl.startedAt,
        () => live() && this.writeContainer(name, c.name, (s) => copyWith(s, { started: true })),
        `startup probe ${name}`,
      );
    const kill = tl.kill;
    if (kill)
      this.host.schedule(
        kill.at,
        () => {
          const now = live();
          if (!now) return;
          const restart = now.pod.spec.restartPolicy !== "Never" || isSidecar(c);
          this.emitKubelet(
            now.pod,
            "Normal",
            "Killing",
            `Container ${c.name} failed ${kill.probe} probe${restart ? ", will be restarted" : ""}`,
          );
          const grace =
            now.pod.spec.terminationGracePeriodSeconds ?? PodDefaults.terminationGracePeriodSeconds;
          // The same killContainer as a deletion's: the preStop hook runs first.
          const stop = containerStop(preStopSeconds(c), grace, this.host.settings["pod.shutdown"]).after;
          this.host.schedule(
            kill.at + stop,
            () => this.exit(name, uid, c.name, run, EXIT.probeKill, true),
            `kill ${name}/${c.name}`,
          );
        },
        `${kill.probe} probe ${name}`,
      );
    return tl;
  }

  /** Whether EnsureImageExists finds the container's image on the pod's node and pulls nothing. */
  private imageIsPresent(pod: Pod, c: Container): boolean {
    return imageAction(pullPolicyOf(c), this.imagePresent(pod.spec.nodeName ?? "", c.image)) === "present";
  }

  /** Pulled "already present on machine" (its text made once per image). */
  private emitPresent(pod: Pod, c: Container): void {
    this.emitKubelet(pod, "Normal", "Pulled", this.presentText(c.image));
  }

  private presentText(image: string): string {
    let present = this.presentTexts.get(image);
    if (present === undefined) this.presentTexts.set(image, (present = imageMessages.present(image)));
    return present;
  }

  /** Whether the node has the image: pulled there before, or listed in its Node's status.images. */
  private imagePresent(node: string, image: string): boolean {
    if (this.images.has(node, image)) return true;
    const listed = this.scheduler ? undefined : this.host.api.get("Node", "", node)?.status?.images;
    return (
      Array.isArray(listed) && listed.some((i) => namesOf(i).some((n) => imageRef(n) === imageRef(image)))
    );
  }

  private emitKubelet(pod: Pod, type: "Normal" | "Warning", reason: string, message: string): void {
    this.emitAbout(this.involvedPod(pod), type, reason, message);
  }

  /** A kubelet event about `involvedObject` (a step's several events find their pod's once). */
  private emitAbout(
    involvedObject: EventDraft["involvedObject"],
    type: "Normal" | "Warning",
    reason: string,
    message: string,
  ): void {
    this.host.emit({ type, reason, message, involvedObject, source: "kubelet" });
  }

  /** Created, Started: what the kubelet records once a container's image is there. */
  private emitCreated(pod: Pod, c: Container): void {
    const texts = this.textsOf(c.name);
    this.emitKubelet(pod, "Normal", "Created", texts.created);
    this.emitKubelet(pod, "Normal", "Started", texts.started);
  }

  /** The pod an event is about: one object per stored pod, for all its events. */
  private involvedPod(pod: Pod): EventDraft["involvedObject"] {
    const uid = pod.metadata.uid;
    if (uid === undefined) return involvedObjectOf(pod);
    let involved = this.involved.get(uid);
    if (involved === undefined) {
      // involvedObjectOf's object, as one literal of its keys in its order: its spread of an
      // optional namespace cost the bind about two thirds of what recording its event did.
      const ns = pod.metadata.namespace;
      involved =
        ns !== undefined && ns !== "" && ns !== DEFAULT_NAMESPACE
          ? { kind: pod.kind, namespace: ns, name: pod.metadata.name, uid }
          : { kind: pod.kind, name: pod.metadata.name, uid };
      this.involved.set(uid, involved);
    }
    return involved;
  }

  /**
   * `setConditions` of Ready and ContainersReady, the list made last given again for the same
   * list at the same instant: pods acknowledged together hold one list (acknowledgedConditions),
   * and so, made Ready or stopped together, they keep holding one.
   */
  private readinessConditions(
    was: readonly PodCondition[] | undefined,
    now: Time,
    statuses: typeof READY | typeof NOT_READY,
  ): PodCondition[] {
    const memo = this.readinessMemo;
    if (memo !== undefined && memo.was === was && memo.at === now && memo.statuses === statuses)
      return memo.list;
    const list = setConditions(was, now, statuses);
    this.readinessMemo = { was, at: now, statuses, list };
    return list;
  }

  /**
   * A container state Running since `at`: one object for the containers of every pod started at
   * that instant (a stored status is never changed in place).
   */
  private runningSince(at: Time): ContainerStatus["state"] {
    let state = this.runningState;
    if (state === undefined || state.running.startedAt !== at)
      this.runningState = state = { running: { startedAt: at } };
    return state;
  }

  private textsOf(container: string): ContainerTexts {
    let texts = this.containerTexts.get(container);
    if (texts === undefined)
      this.containerTexts.set(
        container,
        (texts = {
          created: `Created container ${container}`,
          started: `Started container ${container}`,
          stopping: `Stopping container ${container}`,
        }),
      );
    return texts;
  }

  /**
   * Whether a container is ready now: running, past its readiness probe's delay since this
   * run started, and — while a fault has its probes run one by one — as its prober says.
   */
  private containerReady(pod: Pod, c: Container, cs: ContainerStatus | undefined): boolean {
    const running = cs?.state?.running;
    return running !== undefined && this.readySince(pod, c, running.startedAt);
  }

  /** `containerReady` of a container running since `startedAt`. */
  private readySince(pod: Pod, c: Container, startedAt: Time): boolean {
    const rt = this.existingRuntime(pod.metadata.uid, c.name);
    if (rt?.prober && rt.prober.run === rt.run) return rt.prober.ready;
    const answers = startedAt + Math.max(0, this.host.settings["app.startup-time"]);
    const readyAt = probeTimeline(c, startedAt, answers).readyAt;
    return readyAt !== undefined && readyAt <= this.host.now;
  }

  /**
   * A readiness round: each container's readiness as it now is, and the pod's conditions. The
   * sidecars count (status.go GenerateContainersReadyCondition takes restartable init
   * containers in), and their readiness shows while the pod still initializes.
   */
  private probe(name: string, uid: string | undefined, current?: Pod): Pod | undefined {
    const pod = current !== undefined ? this.liveAs(current, uid) : this.live(name, uid);
    if (!pod || pod.metadata.deletionTimestamp !== undefined) return current;
    const status = this.readinessRound(pod, pod.status);
    // The pod is the stored one (read or written by this step): written without a look-up.
    return status === pod.status ? pod : this.host.api.updateOwnStatus(pod, status);
  }

  /**
   * `status` (the one about to be written for `pod`) after a readiness round, as the kubelet's
   * status sync makes it (kubelet_pods.go generateAPIPodStatus → prober_manager.go
   * UpdatePodStatus, then status.go GeneratePodReadyCondition and
   * GenerateContainersReadyCondition): so a container that starts without a readiness probe is
   * running and ready in one write. `awaitingWorkers`: containers just started whose readiness
   * or startup probe worker has not answered yet — not ready in this status whatever its
   * timeline says (UpdatePodStatus: a worker that exists without a result means not ready); its
   * readiness comes with the worker's own write. `status` itself when the round has nothing
   * to say (a pod neither Running, nor Pending with a container running, nor initializing with sidecars).
   */
  private readinessRound(
    pod: Pod,
    status: Pod["status"],
    awaitingWorkers: readonly Container[] = NO_CONTAINERS,
  ): Pod["status"] {
    const inits = pod.spec.initContainers;
    const sidecars = inits === undefined || inits.length === 0 ? NO_CONTAINERS : inits.filter(isSidecar);
    const running = status.phase === "Running";
    // A pod still Pending (a container waits for its image) has its running containers' readiness
    // too: UpdatePodStatus sets it whatever the phase; only the pod's conditions wait.
    if (
      !running &&
      (status.phase !== "Pending" || (sidecars.length === 0 && !anyRunning(status.containerStatuses)))
    )
      return status;
    const now = this.host.now;
    const counted = sidecars.length === 0 ? pod.spec.containers : [...pod.spec.containers, ...sidecars];
    const readiness: boolean[] = [];
    for (let i = 0; i < counted.length; i++) {
      const c = counted[i];
      readiness.push(!awaitingWorkers.includes(c) && this.containerReady(pod, c, statusIn(status, c.name)));
    }
    let allReady = running;
    for (let i = 0; i < counted.length && allReady; i++)
      if (!readinessOf(counted, readiness, counted[i].name)) allReady = false;
    const was = status.conditions;
    const wasReady = was !== undefined && was.some(isReadyTrue);
    const containerStatuses = withReadiness(status.containerStatuses ?? [], counted, readiness);
    const conditions = !running
      ? was
      : allReady || wasReady
        ? this.readinessConditions(was, now, allReady ? READY : NOT_READY)
        : was;
    return status.initContainerStatuses
      ? copyWith(status, {
          initContainerStatuses: withReadiness(status.initContainerStatuses, counted, readiness),
          containerStatuses,
          conditions,
        })
      : withContainerStatuses(status, containerStatuses, conditions);
  }

  private stopping(name: string, uid: string | undefined): void {
    const pod = this.live(name, uid);
    if (!pod || !this.hasKubelet(pod)) return;
    const now = this.host.now;
    // A pod still initializing stops its running init containers and sidecars too.
    if (pod.status.phase === "Running" || pod.status.initContainerStatuses?.some((s) => s.state?.running)) {
      this.emitKilling(pod);
    }
    const status = pod.status;
    const containerStatuses = status.containerStatuses?.map(notReady);
    const conditions = this.readinessConditions(status.conditions, now, NOT_READY);
    // The pod is the one just read (only events came since): written without a look-up, and as
    // a change when it was Ready (its Ready condition is False now).
    this.host.api.updateOwnStatus(
      pod,
      status.initContainerStatuses
        ? copyWith(status, {
            initContainerStatuses: status.initContainerStatuses.map(initNotReady),
            containerStatuses,
            conditions,
          })
        : withContainerStatuses(status, containerStatuses, conditions),
      status.conditions !== undefined && status.conditions.some(isReadyTrue),
    );
    this.scheduleRemoval(pod, name, uid);
  }

  /** The pod goes once its containers have stopped: within its grace period from the deletion. */
  private scheduleRemoval(pod: Pod, name: string, uid: string | undefined): void {
    const now = this.host.now;
    const grace =
      pod.metadata.deletionGracePeriodSeconds ??
      pod.spec.terminationGracePeriodSeconds ??
      PodDefaults.terminationGracePeriodSeconds;
    // deletionTimestamp is when the grace period ends: the deletion began a period before it.
    const began =
      pod.metadata.deletionTimestamp === undefined
        ? now
        : pod.metadata.deletionTimestamp - (pod.metadata.deletionGracePeriodSeconds ?? 0);
    const gone = began + this.podStopDelay(pod, grace);
    this.later(Math.max(now, gone), this.removeStep, name, uid, "remove");
  }

  /**
   * Seconds from the kill to the pod's last container's exit: the containers are killed in
   * parallel (kuberuntime_manager.go killContainersWithSyncResult), each after its preStop hook
   * (kubelet/preStop.ts) — only a running container's hook runs. Hooks are read from the spec
   * here, once per deletion.
   */
  private podStopDelay(pod: Pod, grace: number): number {
    const shutdown = this.host.settings["pod.shutdown"];
    let delay = terminationDelay(shutdown, grace);
    for (const c of pod.spec.containers)
      if (c.lifecycle?.preStop !== undefined && statusOf(pod, c.name)?.state?.running)
        delay = Math.max(delay, containerStop(preStopSeconds(c), grace, shutdown).after);
    return delay;
  }

  private remove(key: string, uid: string | undefined): void {
    const pod = this.live(key, uid);
    if (!pod) return;
    // The stopped containers and the terminal phase are written before the final delete
    // (kubelet/stopped.ts); only a pod its finalizers keep stays to show them.
    if (this.host.api.heldByFinalizers(pod)) this.writeStopped(key, pod);
    // status_manager.go: a delete with period 0, which finalizers left on the pod hold off.
    this.host.api.delete("Pod", namespaceOf(pod), pod.metadata.name, FINAL_DELETE);
  }

  private writeStopped(key: string, pod: Pod): void {
    const grace =
      pod.metadata.deletionGracePeriodSeconds ??
      pod.spec.terminationGracePeriodSeconds ??
      PodDefaults.terminationGracePeriodSeconds;
    const shutdown = this.host.settings["pod.shutdown"];
    // Each container's SIGTERM timeout is what its preStop hook left of the period.
    const killed = (container: string): boolean => {
      const c = pod.spec.containers.find((x) => x.name === container);
      return c?.lifecycle?.preStop !== undefined
        ? containerStop(preStopSeconds(c), grace, shutdown).killed
        : shutdown >= grace;
    };
    const status = stoppedStatus(pod.status, this.host.now, killed);
    if (status) this.writeStatus(key, () => status);
  }

  private writeStatus(key: string, change: (pod: Pod) => Pod["status"]): void {
    this.writeStatusOf(key, undefined, change);
  }

  /**
   * `current`: the object the store holds under `key` now, when the step has it in hand (it read
   * it in this step, and only events, which touch no stored object, came since): the name is
   * not parsed and looked up again.
   */
  private writeStatusOf(
    key: string,
    current: Pod | undefined,
    change: (pod: Pod) => Pod["status"],
  ): Pod | undefined {
    let pod = current;
    if (pod === undefined) {
      const { namespace, name } = parseQualifiedName(key);
      pod = this.host.api.get("Pod", namespace, name);
      if (!pod) return undefined;
    }
    // The status is the kubelet's own, built from the stored one: stored without a copy.
    return this.host.api.updateOwnStatus(pod, change(pod));
  }

  // ------------------------------------------------------------------ faults

  /**
   * What follows a container's start under faults: a crash `fault.crash-after` later while a
   * crash fault covers that instant, and a prober run probe by probe while a readiness fault
   * is on or to come.
   */
  private afterStart(pod: Pod, c: Container, run: number, startedAt: Time): void {
    // Only a Job's pods run to an end (every other pod's restartPolicy is Always).
    if (pod.spec.restartPolicy !== "Always" && controllerOf(pod)?.kind === "Job" && !isInit(pod, c))
      this.scheduleCompletion(pod, c, run, startedAt);
    const faults = this.host.faults;
    if (!faults) return;
    const name = qualifiedNameOf(pod);
    const uid = pod.metadata.uid;
    if (faults.anyCrash) {
      const at = startedAt + Math.max(0, this.host.settings["fault.crash-after"]);
      if (faults.crashing(pod, c, at))
        this.host.schedule(
          at,
          () => this.exit(name, uid, c.name, run, EXIT.crash),
          `crash ${name}/${c.name}`,
        );
    }
    if (c.readinessProbe && uid !== undefined && faults.nextUnready(uid, startedAt) !== undefined)
      this.startProber(pod, c);
  }

  /**
   * A Job's container exits once its run time is over: a plain `sleep N` (or a shell script of
   * simple commands and sleeps) in its command says how long (kubelet/initContainers.ts reads
   * it as for an init container), else the `job.runtime` setting; with the code its script's
   * `exit N` gives (reason Error), else 0 (Completed). A restart runs it again in full.
   */
  private scheduleCompletion(pod: Pod, c: Container, run: number, startedAt: Time): void {
    const runTime = initRunTime(c) ?? Math.max(0, this.host.settings["job.runtime"]);
    const code = scriptExitCode(c);
    const name = qualifiedNameOf(pod);
    const uid = pod.metadata.uid;
    this.host.schedule(
      Math.max(this.host.now, startedAt + runTime),
      () =>
        this.exit(name, uid, c.name, run, code === 0 ? EXIT.completed : { reason: "Error", exitCode: code }),
      `complete ${name}/${c.name}`,
    );
  }

  /**
   * A crash fault began now: the pod's running containers, sidecars and init containers included, exit (those still starting crash
   * `fault.crash-after` after they start, afterStart sees to it).
   */
  crashNow(pod: Pod, image?: string): void {
    for (const cs of [...(pod.status.initContainerStatuses ?? []), ...(pod.status.containerStatuses ?? [])]) {
      // The image as the spec writes it: a running container's status names containerd's (docker.io/library/…).
      if (!cs.state?.running || (image !== undefined && specOf(pod, cs.name)?.image !== image)) continue;
      const run = this.existingRuntime(pod.metadata.uid, cs.name)?.run ?? 0;
      const name = qualifiedNameOf(pod);
      const uid = pod.metadata.uid;
      this.host.schedule(
        this.host.now,
        () => this.exit(name, uid, cs.name, run, EXIT.crash),
        `crash ${name}/${cs.name}`,
      );
    }
  }

  /** A readiness fault began now on this pod: its containers' probes are run one by one. */
  failReadiness(pod: Pod): void {
    for (const c of pod.spec.containers) if (c.readinessProbe) this.startProber(pod, c);
  }

  /**
   * The container's process is gone (a crash, the OOM killer, the kubelet's kill after a failed
   * probe): Terminated, then the pod worker's sync. An init container exits while the pod is
   * still Pending.
   */
  private exit(
    name: string,
    uid: string | undefined,
    container: string,
    run: number,
    how: { reason: string; exitCode: number },
    killedByProbe = false,
  ): void {
    const pod = this.live(name, uid);
    if (!pod || pod.metadata.deletionTimestamp !== undefined) return;
    const init = pod.spec.initContainers?.some((c) => c.name === container) ?? false;
    if (pod.status.phase !== "Running" && !(init && pod.status.phase === "Pending")) return;
    const cs = statusOf(pod, container);
    const rt = this.runtime(uid, container);
    if (!cs?.state?.running || rt.run !== run) return;
    const now = this.host.now;
    const ended: ContainerStateTerminated = {
      exitCode: how.exitCode,
      reason: how.reason,
      startedAt: cs.state.running.startedAt,
      finishedAt: now,
      ...(cs.containerID !== undefined ? { containerID: cs.containerID } : {}),
    };
    rt.previousExit = rt.lastExit;
    rt.lastExit = ended;
    rt.prober = undefined;
    // The exit and the pod's readiness in one status, as the sync that sees it writes them.
    this.writeContainer(
      name,
      container,
      (s) => ({
        ...s,
        ready: false,
        started: false,
        state: { terminated: ended },
        ...(rt.previousExit ? { lastState: { terminated: rt.previousExit } } : {}),
      }),
      NO_CONTAINERS,
    );
    this.sync(name, uid, container, killedByProbe);
  }

  /**
   * The pod worker's sync of a dead container (kubelet.go syncPod → kuberuntime_manager.go
   * SyncPod): the status first shows what the last sync left in the reasonCache, then
   * doBackOff decides — restart now, or BackOff and another sync POD_WORKER_BACKOFF later.
   */
  private sync(name: string, uid: string | undefined, container: string, killedByProbe = false): void {
    const pod = this.live(name, uid);
    if (!pod || pod.metadata.deletionTimestamp !== undefined) return;
    const rt = this.runtime(uid, container);
    rt.syncAt = undefined;
    const exit = rt.lastExit;
    const cs = statusOf(pod, container);
    if (!exit || !cs || cs.state?.running) return;
    const spec = specOf(pod, container);
    const init = pod.spec.initContainers?.includes(spec!) ?? false;
    // restartPolicy Never, or OnFailure after an exit 0 (kuberuntime_manager.go
    // computePodActions: ShouldContainerBeRestarted is false): the container stays Terminated;
    // once none runs, the pod is Succeeded if every container exited 0, else Failed
    // (kubelet_pods.go getPhase) — Failed at once for a failed init container
    // (computeInitContainerActions kills the pod). OnFailure restarts a failed one as Always
    // does; a sidecar restarts whatever the pod's policy.
    const policy = pod.spec.restartPolicy;
    if ((policy === "Never" || (policy === "OnFailure" && exit.exitCode === 0)) && !isSidecar(spec)) {
      const statuses = pod.status.containerStatuses ?? [];
      if (init || statuses.every((s) => s.state?.terminated !== undefined)) {
        const succeeded = !init && statuses.every((s) => s.state?.terminated?.exitCode === 0);
        this.writeStatus(name, (p) => ({ ...p.status, phase: succeeded ? "Succeeded" : "Failed" }));
        // A terminal pod's sandbox is stopped (pod_workers.go SyncTerminatingPod → KillPod → StopPodSandbox).
        this.releasePodIP(pod, name);
      }
      return;
    }
    const now = this.host.now;
    const waiting = rt.waiting;
    // A container killed after a failed probe is started again in the same SyncPod, whose
    // podStatus predates the kill: doBackOff sees the run before it as the last exited one
    // (none the first time: no back-off at all). Later syncs see the kill itself.
    const finishedAt = killedByProbe ? rt.previousExit?.finishedAt : (exit.finishedAt ?? now);
    if (finishedAt === undefined) return this.restart(pod, container, rt);
    if (waiting && isInBackOffSince(rt.backoff, finishedAt, now))
      this.writeContainer(name, container, (s) => ({
        ...s,
        state: { waiting: { reason: waiting.reason, message: waiting.message } },
        lastState: { terminated: exit },
      }));
    if (isInBackOffSince(rt.backoff, finishedAt, now)) {
      const who = `${pod.metadata.name}_${namespaceOf(pod)}(${uid ?? ""})`;
      this.host.emit({
        type: "Warning",
        reason: "BackOff",
        message: `Back-off restarting failed container ${container} in pod ${who}`,
        involvedObject: this.involvedPod(pod),
        source: "kubelet",
      });
      rt.waiting = {
        reason: "CrashLoopBackOff",
        message: `back-off ${goDuration(rt.backoff!.backoff)} restarting failed container=${container} pod=${who}`,
      };
      const at = now + POD_WORKER_BACKOFF;
      rt.syncAt = at;
      this.host.schedule(at, () => rt.syncAt === at && this.sync(name, uid, container), `sync ${name}`);
      return;
    }
    rt.backoff = nextBackoff(rt.backoff, finishedAt, now);
    this.restart(pod, container, rt);
  }

  /**
   * startContainer for a container that ran before: EnsureImageExists again (under Always the
   * kubelet pulls at every restart), then a new run, its restartCount one higher.
   */
  private restart(pod: Pod, container: string, rt: ContainerRuntime): void {
    const c = specOf(pod, container);
    if (!c) return;
    this.ensureImage(
      pod,
      c,
      qualifiedNameOf(pod),
      pod.metadata.uid,
      (live) => this.restarted(live, c, rt),
      (waiting) =>
        this.writeContainer(qualifiedNameOf(pod), container, (s) => copyWith(s, { state: { waiting } })),
    );
  }

  private restarted(pod: Pod, c: Container, rt: ContainerRuntime): void {
    const container = c.name;
    const name = qualifiedNameOf(pod);
    const uid = pod.metadata.uid;
    const now = this.host.now;
    rt.run += 1;
    rt.waiting = undefined;
    this.emitCreated(pod, c);
    const exit = rt.lastExit;
    const run = rt.run;
    const init = pod.spec.initContainers?.includes(c) ?? false;
    const tl = init ? undefined : this.planProbes(pod, c, run, now);
    // An app container's restart is written with the pod's readiness, as its first start is.
    const awaiting = !tl ? undefined : hasProbeWorker(c) ? [c] : NO_CONTAINERS;
    this.writeContainer(
      name,
      container,
      (s) => ({
        ...s,
        ...createdIds(c, uid, run),
        ready: false,
        started: !tl || startedIn(c, tl, now),
        restartCount: s.restartCount + 1,
        state: { running: { startedAt: now } },
        ...(exit ? { lastState: { terminated: exit } } : {}),
      }),
      awaiting,
    );
    if (!tl) return this.containerStarted(this.live(name, uid) ?? pod, c, run, now);
    this.startupAtOnce(name, uid, c, tl, now);
    if (awaiting!.length > 0 && tl.readyAt === now) this.probe(name, uid);
    else if (tl.readyAt !== undefined && tl.readyAt > now)
      this.host.schedule(
        tl.readyAt,
        () => this.runtime(uid, container).run === run && this.probe(name, uid),
        `probe ${name}`,
      );
    this.afterStart(this.live(name, uid) ?? pod, c, run, now);
  }

  /**
   * One container's status changed; the pod's other containers are left as they are. With
   * `awaiting` (a container that started: see readinessRound), the pod's readiness is written
   * with it.
   */
  private writeContainer(
    name: string,
    container: string,
    change: (cs: ContainerStatus) => ContainerStatus,
    awaiting?: readonly Container[],
  ): void {
    const update = (cs: ContainerStatus): ContainerStatus => (cs.name === container ? change(cs) : cs);
    this.writeStatus(name, (p) => {
      const status: Pod["status"] = {
        ...p.status,
        ...(p.status.initContainerStatuses
          ? { initContainerStatuses: p.status.initContainerStatuses.map(update) }
          : {}),
        containerStatuses: (p.status.containerStatuses ?? []).map(update),
      };
      return awaiting === undefined ? status : this.readinessRound(p, status, awaiting);
    });
  }

  /** Probe by probe from now (or the run's first probe), while a readiness fault is on or to come. */
  private startProber(pod: Pod, c: Container): void {
    const probe = c.readinessProbe;
    const cs = pod.status.containerStatuses?.find((s) => s.name === c.name);
    const startedAt = cs?.state?.running?.startedAt;
    if (!probe || startedAt === undefined) return;
    const name = qualifiedNameOf(pod);
    const uid = pod.metadata.uid;
    const rt = this.runtime(uid, c.name);
    const now = this.host.now;
    if (!rt.prober || rt.prober.run !== rt.run)
      rt.prober = { ...succeededUntil(probe, startedAt, now), run: rt.run };
    if (rt.prober.nextAt !== undefined) return;
    this.scheduleProbe(name, uid, c.name, nextProbeAt(probe, startedAt, now));
  }

  private scheduleProbe(name: string, uid: string | undefined, container: string, at: Time): void {
    const rt = this.runtime(uid, container);
    if (!rt.prober) return;
    rt.prober.nextAt = at;
    const run = rt.run;
    this.host.schedule(at, () => this.probeTick(name, uid, container, run, at), `readiness probe ${name}`);
  }

  /** One readiness probe of a container whose probes a fault may fail (prober/worker.go doProbe). */
  private probeTick(name: string, uid: string | undefined, container: string, run: number, at: Time): void {
    const pod = this.live(name, uid);
    const rt = this.existingRuntime(uid, container);
    if (!rt?.prober || rt.run !== run || rt.prober.nextAt !== at) return;
    rt.prober.nextAt = undefined;
    const c = pod?.spec.containers.find((x) => x.name === container);
    const cs = pod?.status.containerStatuses?.find((s) => s.name === container);
    if (!pod || pod.metadata.deletionTimestamp !== undefined || !c?.readinessProbe || !cs?.state?.running)
      return;
    const faults = this.host.faults;
    const failed = faults?.unreadyAt(uid ?? "", at) ?? false;
    if (failed)
      this.host.emit({
        type: "Warning",
        reason: "Unhealthy",
        message: `Readiness probe failed: ${probeFailureOutput(c.readinessProbe, c, pod.status.podIP)}`,
        involvedObject: this.involvedPod(pod),
        source: "kubelet",
      });
    const before = rt.prober.ready;
    rt.prober = { ...probeOnce(rt.prober, failed, c.readinessProbe), run };
    if (rt.prober.ready !== before) this.probe(name, uid);
    const period = probePeriod(c.readinessProbe);
    if (failed || !rt.prober.ready) return this.scheduleProbe(name, uid, container, at + period);
    // Ready and passing: the worker goes quiet until the next readiness fault, if one is to come.
    const next = faults?.nextUnready(uid ?? "", at + 1e-9);
    if (next === undefined) {
      rt.prober = undefined;
      return;
    }
    this.scheduleProbe(
      name,
      uid,
      container,
      nextProbeAt(c.readinessProbe, cs.state.running.startedAt, Math.max(next, at + period)),
    );
  }

  /**
   * The OOM killer: a running container whose share of its pod's working set passes its
   * memory limit is killed (the kernel enforces the cgroup's memory.max; the runtime reports
   * reason OOMKilled, exit code 137). `usage` is the pod's working set in bytes now.
   */
  checkMemory(pods: readonly Pod[], usage: (pod: string) => number | undefined): void {
    if (this.memoryLimitedPods === 0) return;
    for (const pod of memoryLimited(pods)) {
      const bytes = usage(qualifiedNameOf(pod));
      if (!bytes) continue;
      const shares = new Map(containerShares(pod, "memory"));
      for (const c of pod.spec.containers) {
        const limitMilli = parseMilli(c.resources?.limits?.memory);
        const cs = pod.status.containerStatuses?.find((s) => s.name === c.name);
        if (limitMilli === undefined || !cs?.state?.running) continue;
        if (bytes * (shares.get(c.name) ?? 0) * 1000 <= limitMilli) continue;
        const rt = this.runtime(pod.metadata.uid, c.name);
        if (rt.oomRun === rt.run) continue;
        rt.oomRun = rt.run;
        const name = qualifiedNameOf(pod);
        const uid = pod.metadata.uid;
        const run = rt.run;
        this.host.schedule(
          this.host.now,
          () => this.exit(name, uid, c.name, run, EXIT.oom),
          `OOM kill ${name}/${c.name}`,
        );
      }
    }
  }
}

/** Whether a container of the pod has a memory limit (the OOM killer's candidates have one). */
/** The kubelet's last delete of a pod whose containers have stopped. */
const FINAL_DELETE = Object.freeze({ gracePeriodSeconds: 0 });

const hasMemoryLimit = (pod: Pod): boolean =>
  pod.spec.containers.some((c) => c.resources?.limits?.memory !== undefined);

/**
 * The pods the OOM killer looks at: Running, not being deleted, with a container under a memory
 * limit — kept per list the store hands out (frozen; a new list after any pod write), since it
 * looks after every change of the pods and at every load wake-up, and most runs set no limit.
 */
const memoryLimitedOfList = new WeakMap<readonly Pod[], readonly Pod[]>();

function memoryLimited(pods: readonly Pod[]): readonly Pod[] {
  let limited = memoryLimitedOfList.get(pods);
  if (!limited) {
    limited = pods.filter(
      (pod) =>
        pod.status.phase === "Running" && pod.metadata.deletionTimestamp === undefined && hasMemoryLimit(pod),
    );
    if (Object.isFrozen(pods)) memoryLimitedOfList.set(pods, limited);
  }
  return limited;
}

/** The image names a Node's status.images entry lists ({names: [...], sizeBytes}). */
function namesOf(entry: unknown): string[] {
  const names =
    typeof entry === "object" && entry !== null ? (entry as { names?: unknown }).names : undefined;
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === "string") : [];
}

const notReady = (cs: ContainerStatus): ContainerStatus => ({ ...cs, ready: false });

/**
 * `started` in the status written at `now` for a container whose probes run as `tl` says: a
 * startup probe's worker answers after that write even when it succeeds at once
 * (UpdatePodStatus: `started = !exists` until it has answered), so only an earlier success counts.
 */
function startedIn(c: Container, tl: ProbeTimeline, now: Time): boolean {
  const at = tl.startedAt;
  return at !== undefined && (at < now || (at === now && c.startupProbe === undefined));
}

/** Whether any of the statuses is of a running container. */
function anyRunning(statuses: readonly ContainerStatus[] | undefined): boolean {
  if (statuses === undefined) return false;
  for (let i = 0; i < statuses.length; i++) if (statuses[i].state?.running !== undefined) return true;
  return false;
}

/** An init container of a stopping pod: one that completed stays ready (UpdatePodStatus says so on every sync). */
const initNotReady = (cs: ContainerStatus): ContainerStatus =>
  cs.state?.terminated?.exitCode === 0 ? cs : notReady(cs);

/** A readiness round's conditions, and a stopped pod's (setConditions' statuses: its keys' order is theirs). */
const READY = Object.freeze({ Ready: "True", ContainersReady: "True" } as const);
const NOT_READY = Object.freeze({ Ready: "False", ContainersReady: "False" } as const);

const isReadyTrue = (c: PodCondition): boolean => c.type === "Ready" && c.status === "True";

/** A counted container's readiness by name; a later name wins, as in a Map made of the pairs. */
function readinessOf(
  counted: readonly Container[],
  readiness: readonly boolean[],
  container: string,
): boolean | undefined {
  for (let i = counted.length - 1; i >= 0; i--) if (counted[i].name === container) return readiness[i];
  return undefined;
}

/** The statuses with each counted container's readiness (a status whose readiness is unchanged is kept). */
function withReadiness(
  statuses: readonly ContainerStatus[],
  counted: readonly Container[],
  readiness: readonly boolean[],
): ContainerStatus[] {
  // A map's array holds its statuses and no more; one filled by push from empty keeps room for
  // 17 (V8's first growth), 128 bytes more per pod for as long as its Running status is stored.
  return statuses.map((cs) => {
    const ready = readinessOf(counted, readiness, cs.name);
    return ready !== undefined && ready !== cs.ready ? { ...cs, ready } : cs;
  });
}

/** Whether the pod's Initialized condition is True (every init container done). */
const initialized = (pod: Pod): boolean =>
  pod.status.conditions?.some((c) => c.type === "Initialized" && c.status === "True") ?? true;

/** A container's status, app or init, by name (names are unique across both lists). */
function statusOf(pod: Pod, container: string): ContainerStatus | undefined {
  return statusIn(pod.status, container);
}

function statusIn(status: Pod["status"], container: string): ContainerStatus | undefined {
  return (
    status.containerStatuses?.find((s) => s.name === container) ??
    status.initContainerStatuses?.find((s) => s.name === container)
  );
}

/** A container's spec, app or init, by name. */
/** Whether the container is one of the pod's init containers. */
const isInit = (pod: Pod, c: Container): boolean =>
  pod.spec.initContainers?.some((x) => x.name === c.name) ?? false;

function specOf(pod: Pod, container: string): Container | undefined {
  return (
    pod.spec.containers.find((c) => c.name === container) ??
    pod.spec.initContainers?.find((c) => c.name === container)
  );
}

const CONDITION_ORDER: readonly Exclude<ConditionType, "DisruptionTarget">[] = [
  "Initialized",
  "Ready",
  "ContainersReady",
  "PodScheduled",
];

function conditions(
  now: Time,
  statuses: Record<Exclude<ConditionType, "DisruptionTarget">, "True" | "False">,
): PodCondition[] {
  return CONDITION_ORDER.map((type) => ({ type, status: statuses[type], lastTransitionTime: now }));
}

/** Set condition statuses; lastTransitionTime moves only when the status changes. */
function setConditions(
  existing: readonly PodCondition[] | undefined,
  now: Time,
  statuses: Partial<Record<ConditionType, "True" | "False">>,
): PodCondition[] {
  const out = (existing ?? []).map((c) => {
    const s = statuses[c.type];
    return s === undefined || s === c.status ? c : { ...c, status: s, lastTransitionTime: now };
  });
  // The statuses' own keys in order, as Object.entries gives them, without its pairs.
  for (const key in statuses) {
    if (!Object.hasOwn(statuses, key)) continue;
    const type = key as ConditionType;
    if (!hasCondition(out, type)) out.push({ type, status: statuses[type]!, lastTransitionTime: now });
  }
  return out;
}

function hasCondition(conditions: readonly PodCondition[], type: ConditionType): boolean {
  for (let i = 0; i < conditions.length; i++) if (conditions[i].type === type) return true;
  return false;
}

/** No container started yet (a start's list is copied before it grows). */
const NO_STARTS: readonly (Time | ImageWait)[] = Object.freeze([]);

const NO_CONTAINERS: readonly Container[] = [];
const NO_VOLUMES: readonly UnmountedVolume[] = [];

/** No readiness said: every started container's status not ready (`startStatuses`). */
const NO_READINESS: readonly boolean[] = [];

/**
 * Whether the kubelet runs a readiness or startup probe worker for the container: until that
 * worker answers, the container is not ready (prober_manager.go UpdatePodStatus: ready = !exists
 * without a result), where one without either is ready as soon as it runs.
 */
const hasProbeWorker = (c: Container): boolean =>
  c.readinessProbe !== undefined || c.startupProbe !== undefined;

/** The waiting states of a pod's first status (shared: a stored status is never changed in place). */
const CONTAINER_CREATING = { waiting: { reason: "ContainerCreating" } };
const POD_INITIALIZING = { waiting: { reason: "PodInitializing" } };

/** No container yet: the image as written, an empty imageID, no containerID. */
function waitingStatuses(
  containers: readonly Container[],
  state: ContainerStatus["state"],
): ContainerStatus[] {
  // By map, not push (withReadiness says why).
  return containers.map((c): ContainerStatus => ({
    name: c.name,
    image: c.image,
    imageID: "",
    ready: false,
    started: false,
    restartCount: 0,
    state,
  }));
}

/**
 * What the runtime reports of run `run` of container `c` once it exists (kubelet/runtimeIds.ts):
 * containerd's image name, the image's repo digest and the container's id.
 */
function createdIds(
  c: Container,
  uid: string | undefined,
  run: number,
): { image: string; imageID: string; containerID: string } {
  return {
    image: runtimeImageOf(c.image),
    imageID: imageIdOf(c.image),
    containerID: containerIdOf(uid ?? "", c.name, run),
  };
}
