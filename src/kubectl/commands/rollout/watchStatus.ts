/**
 * `kubectl rollout status` watches (rollout/rollout_status.go RunStatus): it prints the status
 * of the object as listed, then again at every change the watch delivers (so a line may
 * repeat, as it does on a terminal), until the rollout is done; `--watch=false` prints once.
 * `--timeout` (0: none) ends it with `error: timed out waiting for the condition`; the object
 * deleted meanwhile ends it with `error: object has been deleted`.
 */
import type { KubeObject } from "../../../k8s/types.ts";
import type { ParsedCommand } from "../../command.ts";
import { fail, ok, type KubectlResult } from "../../result.ts";
import { parseGoDuration } from "../drain.ts";

/** A viewer's verdict on one object (DeploymentStatusViewer, StatefulSetStatusViewer). */
export interface RolloutStatusView {
  message: string;
  done: boolean;
  error?: string;
}

/** `--timeout` in seconds; 0 (the default) waits as long as it takes. */
export function rolloutStatusTimeout(cmd: ParsedCommand): number {
  return parseGoDuration(String(cmd.flags.timeout ?? "0")) ?? 0;
}

export function watchRolloutStatus(
  cmd: ParsedCommand,
  obj: KubeObject,
  view: (obj: KubeObject) => RolloutStatusView,
): KubectlResult {
  const printed = (st: RolloutStatusView): KubectlResult =>
    st.error !== undefined ? fail(`error: ${st.error}`, true) : ok(st.message, true);
  const first = view(obj);
  const result = printed(first);
  if (first.done || first.error !== undefined || cmd.flags.watch === false) return result;
  const timeout = rolloutStatusTimeout(cmd);
  return {
    ...result,
    until: {
      kind: obj.kind,
      namespace: obj.metadata.namespace ?? "",
      name: obj.metadata.name,
      ...(timeout > 0 ? { timeout } : {}),
      timeoutError: "error: timed out waiting for the condition",
      onChange: (type, changed) => {
        if (type === "DELETED") return { result: fail("error: object has been deleted", true), done: true };
        const st = view(changed);
        return { result: printed(st), done: st.done || st.error !== undefined };
      },
    },
  };
}
