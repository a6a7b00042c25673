/**
 * `--record` (deprecated, still honoured): the command line stored as the
 * `kubernetes.io/change-cause` annotation, built as cli-runtime's record_flags.go
 * parseCommandArguments builds it: the binary's base name, the positional arguments, then
 * ` --flag=value` for every flag that was set, in the order written, by long name.
 *
 * Example: `kubectl set image deployment/demo-rollout busybox=busybox:v2 --record` →
 * "kubectl set image deployment/demo-rollout busybox=busybox:v2 --record=true".
 */
import { KubectlAnnotations } from "../k8s/annotations.ts";
import type { KubeObject } from "../k8s/types.ts";
import type { ParsedCommand } from "./command.ts";

export function changeCause(cmd: ParsedCommand, binaryName = "kubectl"): string {
  const base = binaryName.split("/").pop() || binaryName;
  const args = [...cmd.positionals, ...cmd.dashArgs];
  const flags = cmd.flagOrder.map((f) => ` --${f.name}=${f.value}`).join("");
  return `${base}${args.length ? " " + args.join(" ") : ""}${flags}`;
}

/** With `--record`, the command line becomes the object's change-cause annotation. */
export function recordChangeCause(cmd: ParsedCommand, obj: KubeObject, binaryName?: string): void {
  if (cmd.flags.record !== true) return;
  obj.metadata.annotations = {
    ...(obj.metadata.annotations ?? {}),
    [KubectlAnnotations.changeCause]: changeCause(cmd, binaryName),
  };
}
