/**
 * Faults in pods, as windows of simulated time the kubelet consults: containers that crash
 * (their process exits with an error shortly after every start), readiness probes that
 * fail, and images whose pulls fail (the registry has no such tag). The kubelet (kubelet.ts) turns them into what a node does: exits, restarts with the
 * CrashLoopBackOff back-off, Unhealthy events and readiness lost after failureThreshold.
 *
 * A window is active for from ≤ t < until. Pods are named by uid, so a pod that is deleted and
 * replaced by one of the same name is not affected; an image names every container running it,
 * now or later (a bad release: `fault crash image web:2`).
 */
import type { Container, Pod, Time } from "../../k8s/types.ts";
import { imageRef } from "../kubelet/images.ts";

export interface CrashWindow {
  from: Time;
  until: Time;
  /** The pods (by uid) whose containers crash. */
  pods?: ReadonlySet<string>;
  /** Every container running this image crashes. */
  image?: string;
}

/** The registry has no such image (`fault pull image nginx:1.161`): every pull of it fails. */
export interface PullFailureWindow {
  from: Time;
  until: Time;
  image: string;
}

export interface UnreadyWindow {
  from: Time;
  until: Time;
  /** The pods (by uid) whose readiness probes fail. */
  pods: ReadonlySet<string>;
}

const covers = (w: { from: Time; until: Time }, t: Time): boolean => w.from <= t && t < w.until;

export class PodFaults {
  private readonly crashes: CrashWindow[] = [];
  private readonly unready: UnreadyWindow[] = [];
  private readonly pullFailures: PullFailureWindow[] = [];

  addCrash(w: CrashWindow): void {
    this.crashes.push(w);
  }

  addUnready(w: UnreadyWindow): void {
    this.unready.push(w);
  }

  addPullFailure(w: PullFailureWindow): void {
    this.pullFailures.push(w);
  }

  /** Whether a pull of this image fails at t (`nginx` and `nginx:latest` are one image: imageRef). */
  pullFails(image: string, t: Time): boolean {
    return this.pullFailures.some((w) => covers(w, t) && imageRef(w.image) === imageRef(image));
  }

  /** Whether any crash window exists at all (the kubelet skips its checks otherwise). */
  get anyCrash(): boolean {
    return this.crashes.length > 0;
  }

  /** Whether this container of this pod crashes if it is running at t. */
  crashing(pod: Pod, container: Container, t: Time): boolean {
    const uid = pod.metadata.uid ?? "";
    return this.crashes.some(
      (w) =>
        covers(w, t) &&
        ((w.pods?.has(uid) ?? false) || (w.image !== undefined && w.image === container.image)),
    );
  }

  /** Whether the pod's readiness probes fail at t. */
  unreadyAt(podUid: string, t: Time): boolean {
    return this.unready.some((w) => covers(w, t) && w.pods.has(podUid));
  }

  /** The start of the first readiness-failure window of the pod that ends after t (active or to come). */
  nextUnready(podUid: string, t: Time): Time | undefined {
    let next: Time | undefined;
    for (const w of this.unready)
      if (w.until > t && w.pods.has(podUid) && (next === undefined || w.from < next)) next = w.from;
    return next;
  }
}
