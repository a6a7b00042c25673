/**
 * `kubectl drain NODE… [-l SELECTOR] [--ignore-daemonsets] [--delete-emptydir-data] [--force]
 * [--timeout=D] [--disable-eviction] [--dry-run=client]` (kubectl/pkg/cmd/drain/drain.go
 * RunDrain, kubectl/pkg/drain/drain.go and filters.go, v1.28): cordon the node, then evict
 * its pods through the eviction API, which honours PodDisruptionBudgets, and wait for each to
 * be gone.
 *
 * - GetPodsForDeletion: the pods bound to the node; one no controller owns is refused
 *   ("cannot delete Pods that declare no controller (use --force to override)") unless
 *   --force, one with an emptyDir volume ("cannot delete Pods with local storage (use
 *   --delete-emptydir-data to override)") unless --delete-emptydir-data. A pod a DaemonSet
 *   controls (daemonSetFilter, the first filter) is never evicted — its controller would put it
 *   back at once, tolerating the cordon — and stops the drain ("cannot delete DaemonSet-managed
 *   Pods (use --ignore-daemonsets to ignore)") unless --ignore-daemonsets, which turns that
 *   into the warning "ignoring DaemonSet-managed Pods"; a finished one is evicted, and one
 *   whose DaemonSet is gone is an error ("daemonsets.apps "x" not found"), evicted with a
 *   warning under --force. There are no mirror pods here.
 * - evictPods: for each pod, "evicting pod NS/NAME", then the eviction; a budget that does not
 *   allow it now answers TooManyRequests, printed as
 *   `error when evicting pods/"NAME" -n "NS" (will retry after 5s): Cannot evict pod as it would
 *   violate the pod's disruption budget.` and tried again 5 s later (printing "evicting pod"
 *   again); an evicted pod is polled every second until it is gone: "pod/NAME evicted".
 * - When every pod is gone: "node/NAME drained". With --timeout, what is still running then
 *   fails with "global timeout reached" and the node is reported as pending.
 *
 * The command keeps running in simulated time (KubectlResult.follow): a scenario shows each
 * retry at its instant.
 */
import type { Cluster } from "../../engine/cluster.ts";
import type { Node, Pod } from "../../k8s/types.ts";
import type { KubectlCommand, ParsedCommand } from "../command.ts";
import { dryRunFlag, flag, selectorFlag } from "../flags.ts";
import { fail, ok, type KubectlResult } from "../result.ts";
import { isDryRun } from "./common.ts";
import { nodeArgs, selectNodes } from "./cordon.ts";

/** kubectl drain's retry after TooManyRequests. */
export const EVICTION_RETRY = 5;
/** waitForDelete's poll interval. */
export const DELETE_POLL = 1;

/**
 * time.ParseDuration for --timeout: "90s", "1m30s", "2h", "0" (no timeout), in seconds.
 * Example: "1m30s" → 90; "5" → error (a unit is required except for 0).
 */
export function parseGoDuration(text: string): number | undefined {
  if (text === "0") return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|\u00b5s|ms|s|m|h)/y;
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  let total = 0;
  let i = 0;
  while (i < text.length) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return undefined;
    total += Number(m[1]) * unit[m[2]];
    i = re.lastIndex;
  }
  return text.length ? total : undefined;
}

/** time.Duration.String() for whole seconds: "5s", "1m0s", "1h0m0s". */
export function goDurationText(seconds: number): string {
  const s = Math.round(seconds);
  if (s === 0) return "0s";
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h) return `${h}h${m}m${sec}s`;
  if (m) return `${m}m${sec}s`;
  return `${sec}s`;
}

const ns = (p: Pod) => p.metadata.namespace ?? "default";

/** GetPodsForDeletion's filters: the pods to evict, or the errors that stop the drain; and the warnings. */
export function podsForDeletion(
  node: string,
  pods: readonly Pod[],
  opts: {
    force: boolean;
    deleteEmptyDirData: boolean;
    ignoreDaemonSets?: boolean;
    /** Whether the DaemonSet a pod names exists (daemonSetFilter GETs it). */
    daemonSetExists?: (namespace: string, name: string) => boolean;
  },
): { pods: Pod[]; errors: string[]; warnings: string[] } {
  const onNode = pods
    .filter((p) => p.spec.nodeName === node)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  const unmanaged: string[] = [];
  const local: string[] = [];
  const daemon: string[] = [];
  const daemonErrors: string[] = [];
  const daemonWarnings: string[] = [];
  const out: Pod[] = [];
  for (const p of onNode) {
    const terminal = p.status?.phase === "Succeeded" || p.status?.phase === "Failed";
    const ref = (p.metadata.ownerReferences ?? []).find((o) => o.controller);
    if (ref?.kind === "DaemonSet" && !terminal) {
      if (!(opts.daemonSetExists?.(ns(p), ref.name) ?? true)) {
        const notFound = `daemonsets.apps "${ref.name}" not found`;
        if (!opts.force) {
          daemonErrors.push(`cannot delete ${notFound}: ${ns(p)}/${p.metadata.name}`);
          continue;
        }
        daemonWarnings.push(`${notFound}: ${ns(p)}/${p.metadata.name}`);
      } else {
        daemon.push(`${ns(p)}/${p.metadata.name}`);
        continue;
      }
    }
    const controlled = (p.metadata.ownerReferences ?? []).some((o) => o.controller);
    const volumes = (p.spec.volumes ?? []) as { emptyDir?: unknown }[];
    if (!controlled && !terminal) {
      unmanaged.push(`${ns(p)}/${p.metadata.name}`);
      if (!opts.force) continue;
    }
    if (volumes.some((v) => v.emptyDir !== undefined) && !terminal) {
      local.push(`${ns(p)}/${p.metadata.name}`);
      if (!opts.deleteEmptyDirData) continue;
    }
    out.push(p);
  }
  const errors: string[] = [...daemonErrors];
  const warnings: string[] = [...daemonWarnings];
  if (daemon.length) {
    if (opts.ignoreDaemonSets) warnings.push(`ignoring DaemonSet-managed Pods: ${daemon.join(", ")}`);
    else
      errors.push(
        `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemon.join(", ")}`,
      );
  }
  if (unmanaged.length) {
    if (opts.force) warnings.push(`deleting Pods that declare no controller: ${unmanaged.join(", ")}`);
    else
      errors.push(
        `cannot delete Pods that declare no controller (use --force to override): ${unmanaged.join(", ")}`,
      );
  }
  if (local.length) {
    if (opts.deleteEmptyDirData) warnings.push(`deleting Pods with local storage: ${local.join(", ")}`);
    else
      errors.push(
        `cannot delete Pods with local storage (use --delete-emptydir-data to override): ${local.join(", ")}`,
      );
  }
  return { pods: errors.length ? [] : out, errors, warnings };
}

/** utilerrors.NewAggregate(errs).Error(): one error as itself, several as "[a, b]". */
const aggregate = (errs: readonly string[]): string => (errs.length === 1 ? errs[0] : `[${errs.join(", ")}]`);

interface Eviction {
  pod: Pod;
  state: "evict" | "wait" | "done";
  at: number;
  error?: string;
}

/** The drain of the nodes, one after another, as a process in simulated time. */
class Drain {
  private index = 0;
  private evictions: Eviction[] | undefined;
  private readonly deadline: number | undefined;

  constructor(
    private readonly cmd: ParsedCommand,
    private readonly nodes: Node[],
    start: number,
    timeout: number,
  ) {
    this.deadline = timeout > 0 ? start + timeout : undefined;
  }

  /** What the drain prints at this instant, and when it goes on. */
  step(cluster: Cluster): KubectlResult {
    let out = "";
    let err = "";
    const now = cluster.now;
    while (this.index < this.nodes.length) {
      const node = this.nodes[this.index].metadata.name;
      if (!this.evictions) {
        const list = podsForDeletion(node, cluster.api.listAll("Pod"), {
          force: this.cmd.flags.force === true,
          deleteEmptyDirData: this.cmd.flags["delete-emptydir-data"] === true,
          ignoreDaemonSets: this.cmd.flags["ignore-daemonsets"] === true,
          daemonSetExists: (namespace, name) => cluster.api.get("DaemonSet", namespace, name) !== undefined,
        });
        if (list.errors.length) return this.failed(out, err, node, aggregate(list.errors), [], 1);
        if (list.warnings.length) err += `Warning: ${list.warnings.join("; ")}\n`;
        if (isDryRun(this.cmd)) {
          for (const p of list.pods) out += `evicting pod ${ns(p)}/${p.metadata.name} (dry run)\n`;
          out += `node/${node} drained (dry run)\n`;
          this.index += 1;
          continue;
        }
        this.evictions = list.pods.map((pod) => ({ pod, state: "evict", at: now }));
      }
      const timedOut = this.deadline !== undefined && now >= this.deadline;
      for (const e of this.evictions) {
        if (e.state === "done" || (e.at > now && !timedOut)) continue;
        const name = e.pod.metadata.name;
        if (timedOut) {
          e.error =
            e.state === "evict"
              ? `error when evicting pods/"${name}" -n "${ns(e.pod)}": global timeout reached: ${goDurationText(this.timeoutSeconds())}`
              : `error when waiting for pod "${name}" in namespace "${ns(e.pod)}" to terminate: global timeout reached: ${goDurationText(this.timeoutSeconds())}`;
          e.state = "done";
          continue;
        }
        if (e.state === "evict") {
          out += `evicting pod ${ns(e.pod)}/${name}\n`;
          const r =
            this.cmd.flags["disable-eviction"] === true || !cluster.api.evict
              ? cluster.api.delete("Pod", ns(e.pod), name)
              : cluster.api.evict(ns(e.pod), name);
          if (r === undefined) {
            e.state = "wait";
          } else if (r.reason === "NotFound") {
            e.state = "done";
            continue;
          } else if (r.reason === "TooManyRequests") {
            // drain.go writes this to ErrOut between the `evicting pod` lines on Out; a terminal
            // shows the two interleaved, so it joins them in the order they were written.
            out += `error when evicting pods/"${name}" -n "${ns(e.pod)}" (will retry after ${EVICTION_RETRY}s): ${r.message}\n`;
            e.at = now + EVICTION_RETRY;
            continue;
          } else {
            e.error = `error when evicting pods/"${name}" -n "${ns(e.pod)}": ${r.message}`;
            e.state = "done";
            continue;
          }
        }
        // waitForDelete: gone, or replaced by a pod of the same name.
        const live = cluster.api.get("Pod", ns(e.pod), name);
        if (!live || live.metadata.uid !== e.pod.metadata.uid) {
          out += `pod/${name} evicted\n`;
          e.state = "done";
        } else e.at = now + DELETE_POLL;
      }
      const pending = this.evictions.filter((e) => e.state !== "done");
      if (pending.length) {
        const next = Math.min(...pending.map((e) => e.at), this.deadline ?? Infinity);
        const res = ok(out, false, err);
        res.follow = { after: Math.max(0, next - now), run: (c) => this.step(c) };
        return res;
      }
      const errors = this.evictions.flatMap((e) => (e.error ? [e.error] : []));
      if (errors.length) {
        const left = podsForDeletion(node, cluster.api.listAll("Pod"), {
          force: true,
          deleteEmptyDirData: true,
          ignoreDaemonSets: true,
        }).pods;
        return this.failed(out, err, node, aggregate(errors), left, 1);
      }
      out += `node/${node} drained\n`;
      this.index += 1;
      this.evictions = undefined;
    }
    return ok(out, false, err);
  }

  private timeoutSeconds(): number {
    return parseGoDuration(String(this.cmd.flags.timeout ?? "0")) ?? 0;
  }

  /** RunDrain's report of a node that could not be drained, and the nodes left. */
  private failed(
    out: string,
    err: string,
    node: string,
    error: string,
    pending: readonly Pod[],
    code: number,
  ): KubectlResult {
    if (pending.length) {
      err += `There are pending pods in node "${node}" when an error occurred: ${error}\n`;
      for (const p of pending) err += `pod/${p.metadata.name}\n`;
    }
    err += `error: unable to drain node "${node}" due to error:${error}, continuing command...\n`;
    err += "There are pending nodes to be drained:\n";
    for (const n of this.nodes.slice(this.index)) err += ` ${n.metadata.name}\n`;
    err += `error: ${error}\n`;
    const r = fail(err, false, out);
    r.exitCode = code;
    return r;
  }
}

function runDrain(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const timeout = parseGoDuration(String(cmd.flags.timeout ?? "0"));
  if (timeout === undefined)
    return fail(
      `error: invalid argument "${String(cmd.flags.timeout)}" for "--timeout" flag: time: invalid duration "${String(cmd.flags.timeout)}"`,
    );
  const found = selectNodes(cmd, cluster);
  if ("error" in found) return found.error;
  // RunCordonOrUncordon(true) first.
  let out = "";
  for (const node of found.nodes) {
    const name = node.metadata.name;
    if (node.spec?.unschedulable) {
      out += `node/${name} already cordoned\n`;
      continue;
    }
    if (!isDryRun(cmd))
      cluster.api.update({ ...structuredClone(node), spec: { ...node.spec, unschedulable: true } });
    out += `node/${name} cordoned${isDryRun(cmd) ? " (dry run)" : ""}\n`;
  }
  const drain = new Drain(cmd, found.nodes, cluster.now, timeout);
  const rest = drain.step(cluster);
  return { ...rest, stdout: out + rest.stdout };
}

export const drainCommand: KubectlCommand = {
  verb: "drain",
  flags: [
    selectorFlag,
    dryRunFlag,
    flag("ignore-daemonsets", "bool"),
    flag("delete-emptydir-data", "bool"),
    flag("delete-local-data", "bool"),
    flag("force", "bool"),
    flag("timeout", "string"),
    flag("grace-period", "int"),
    flag("disable-eviction", "bool"),
    flag("pod-selector", "string"),
    flag("skip-wait-for-delete-timeout", "int"),
  ],
  readOnly: false,
  args: nodeArgs("drain NODE"),
  run: (cmd, cluster) => runDrain(cmd, cluster),
};
