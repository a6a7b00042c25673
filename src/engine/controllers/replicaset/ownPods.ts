/**
 * A ReplicaSet's claim and status counts kept across syncs and brought up to date from the
 * pods written since (the store's WriteJournal), for the steady case: every pod it could claim
 * is one it already controls and its selector selects, so ClaimPods (controller_ref_manager.go)
 * writes nothing and the claimed pods are exactly those.
 *
 * syncReplicaSet (replica_set.go) lists the namespace's pods at every sync, and the store
 * hands out a new list after any pod write: at 10,000 pods each sync walked them all to find
 * that a few had changed. Here each pod's part in the answer is a code, a pure function of the
 * pod object and of what the sync reads of the ReplicaSet (its uid, name, deletion, selector
 * and template labels), kept by the pod's name; the totals are sums of the codes, so changing
 * the codes of the pods written since the last sync gives the totals a walk of every pod would.
 *
 * Any other case — a pod to adopt or release, a pod controlled by name only, a ReplicaSet
 * without a uid, minReadySeconds not 0 (availability then depends on the time), a store
 * without a journal — returns undefined and the sync claims as before (claim.ts).
 */
import type { Pod, ReplicaSet } from "../../../k8s/types.ts";
import { selectorMatcher } from "../../../k8s/labels.ts";
import type { StoreView } from "../../controller.ts";
import type { WriteJournal } from "../../store.ts";
import { getControllerOf } from "./controllerRef.ts";
import { isPodActive, isPodReady } from "./pods.ts";

/** What calculateStatus counts over the claimed pods, and how many they are. */
export interface OwnPods {
  claimed: number;
  fullyLabeled: number;
  ready: number;
  available: number;
}

/** A store that keeps a journal of its writes (the engine's Store; test readers do not). */
interface JournaledStore {
  journalOf(kind: string): WriteJournal;
  scopeNamespace(kind: string, namespace: string | undefined): string;
}

const CLAIMED = 1;
const FULLY_LABELED = 2;
const READY = 4;
/** A pod ClaimPods would write (adopt or release) or that only a by-name reference ties to it. */
const UNSTEADY = 8;

interface Kept extends OwnPods {
  /** The journal position read up to. */
  mark: number;
  /** Each pod's code, by name; pods whose code is 0 are absent. */
  codes: Map<string, number>;
  /** How many pods are UNSTEADY. */
  unsteady: number;
}

/** Per store (its pods' journal), by what a pod's code depends on. Bounded: old ReplicaSets linger. */
const keptByJournal = new WeakMap<WriteJournal, Map<string, Kept>>();

/**
 * The counts of the pods `rs` claims, when the claim is steady (module comment); undefined
 * when the sync must claim from the pods list.
 */
export function steadyOwnPods(rs: ReplicaSet, store: StoreView, namespace: string): OwnPods | undefined {
  const journaled = store as Partial<JournaledStore>;
  const uid = rs.metadata.uid;
  if (journaled.journalOf === undefined || journaled.scopeNamespace === undefined || !uid) return undefined;
  if (rs.spec.minReadySeconds !== 0) return undefined;
  const journal = journaled.journalOf("Pod");
  const ns = journaled.scopeNamespace("Pod", namespace);
  const deleting = rs.metadata.deletionTimestamp !== undefined;
  const labels = rs.spec.template.metadata.labels ?? {};
  const key = `${ns}\u0000${uid}\u0000${rs.metadata.name}\u0000${deleting}\u0000${JSON.stringify(rs.spec.selector)}\u0000${JSON.stringify(labels)}`;
  let byKey = keptByJournal.get(journal);
  if (byKey === undefined) keptByJournal.set(journal, (byKey = new Map()));
  const codeOf = podCode(uid, rs.metadata.name, deleting, rs.spec.selector, labels);
  let kept = byKey.get(key);
  if (kept !== undefined && kept.mark >= journal.start) {
    for (let i = kept.mark - journal.start; i < journal.names.length; i++) {
      if (journal.namespaces[i] !== ns) continue;
      const name = journal.names[i];
      const pod = store.get("Pod", ns, name);
      recode(kept, name, pod === undefined ? 0 : codeOf(pod));
    }
  } else {
    kept = { mark: 0, codes: new Map(), claimed: 0, fullyLabeled: 0, ready: 0, available: 0, unsteady: 0 };
    const pods = store.list("Pod", ns);
    for (let i = 0; i < pods.length; i++) recode(kept, pods[i].metadata.name, codeOf(pods[i]));
    if (byKey.size >= 64) byKey.clear();
    byKey.set(key, kept);
  }
  kept.mark = journal.end;
  if (kept.unsteady > 0) return undefined;
  return {
    claimed: kept.claimed,
    fullyLabeled: kept.fullyLabeled,
    ready: kept.ready,
    available: kept.available,
  };
}

/** Replace a pod's code in the totals. */
function recode(kept: Kept, name: string, code: number): void {
  const was = kept.codes.get(name) ?? 0;
  if (was === code) return;
  add(kept, was, -1);
  add(kept, code, 1);
  if (code === 0) kept.codes.delete(name);
  else kept.codes.set(name, code);
}

function add(kept: Kept, code: number, sign: number): void {
  if (code & CLAIMED) kept.claimed += sign;
  if (code & FULLY_LABELED) kept.fullyLabeled += sign;
  // minReadySeconds 0: every Ready pod is available (IsPodAvailable).
  if (code & READY) {
    kept.ready += sign;
    kept.available += sign;
  }
  if (code & UNSTEADY) kept.unsteady += sign;
}

/**
 * A pod's code for one ReplicaSet, as FilterActivePods, ClaimPods (with podIndex.ts's
 * candidates) and calculateStatus decide it: not active or controlled by another object, 0;
 * an orphan the selector selects (adopted unless the ReplicaSet is being deleted), a pod
 * controlled through a reference without a uid that names it, or one it controls that the
 * selector no longer selects (released unless it is being deleted), UNSTEADY; one it controls
 * and selects, CLAIMED with its fully-labeled and Ready answers.
 */
function podCode(
  uid: string,
  name: string,
  deleting: boolean,
  selector: ReplicaSet["spec"]["selector"],
  templateLabels: Record<string, string>,
): (pod: Pod) => number {
  const selects = selectorMatcher(selector);
  const fullyLabeled = selectorMatcher({ matchLabels: templateLabels });
  return (pod) => {
    if (!isPodActive(pod)) return 0;
    const ref = getControllerOf(pod.metadata);
    if (ref === undefined) return !deleting && selects(pod.metadata.labels) ? UNSTEADY : 0;
    if (ref.kind !== "ReplicaSet") return 0;
    if (!ref.uid) return ref.name === name ? UNSTEADY : 0;
    if (ref.uid !== uid) return 0;
    if (!selects(pod.metadata.labels)) return deleting ? 0 : UNSTEADY;
    return CLAIMED | (fullyLabeled(pod.metadata.labels) ? FULLY_LABELED : 0) | (isPodReady(pod) ? READY : 0);
  };
}
