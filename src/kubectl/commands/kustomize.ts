/**
 * `kubectl kustomize [DIR]` (kubectl's kustomize.go, which runs kustomize's krusty): the
 * build of the kustomization in DIR (the current folder when none is named), printed as YAML
 * documents separated by `---`, in kustomize's legacy order. It reads files only, never the
 * cluster; a build error is kubectl's `error: …` line.
 */
import type { KubectlCommand } from "../command.ts";
import { buildKustomization, renderBuild } from "../../kustomize/index.ts";
import { fail, ok } from "../result.ts";

export const kustomizeCommand: KubectlCommand = {
  verb: "kustomize",
  flags: [],
  readOnly: true,
  args(cmd, pos, ctx) {
    if (pos.length > 1) ctx.error("error: specify one path to kustomization.yaml", pos[1]);
    cmd.args = pos.length ? [pos[0].value] : ["."];
  },
  run(cmd, _cluster, options) {
    const built = buildKustomization(cmd.args[0] ?? ".", {
      readFile: (path) => options.readFile?.(path),
      listDir: (path) => options.listDir?.(path),
    });
    if (built.error) return fail(`error: ${built.error.message}`, true);
    return ok(renderBuild(built.objects ?? []), true);
  },
  facts: (cmd) => ({ reads: true, kustomization: { dir: cmd.args[0] ?? ".", prints: true } }),
};
