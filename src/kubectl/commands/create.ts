/**
 * `kubectl create deployment NAME --image=IMG… [--replicas=N] [--port=P] [-- COMMAND ARGS…]`
 * (kubectl/pkg/cmd/create/create_deployment.go). The object it sends: labels and selector
 * `app=NAME`, one container per image named after the image (path and tag or digest
 * removed, `_` → `-`: "busybox:v1" → "busybox", "registry.k8s.io/hpa-example" →
 * "hpa-example"), the words after `--` as the container's command, `--port` on the first
 * container.
 */
import type { Cluster } from "../../engine/cluster.ts";
import { isApiError } from "../../engine/cluster.ts";
import type { Container, Deployment } from "../../k8s/types.ts";
import { formatApiError } from "../apiErrors.ts";
import type { ParsedCommand } from "../command.ts";
import { fail, ok } from "../result.ts";
import type { KubectlResult } from "../result.ts";
import { withSaveConfig } from "./createGenerated.ts";
import { printClientObject, printObjects } from "./output.ts";
import { dryRunSuffix, isDryRun } from "./common.ts";
import type { KubectlCommand } from "../command.ts";
import { dryRunFlag, flag, outputFlag } from "../flags.ts";
import * as msg from "../messages.ts";

export function containerNameForImage(image: string): string {
  let name = image.split("/").pop() ?? image;
  if (name.includes(":")) name = name.split(":")[0];
  if (name.includes("@")) name = name.split("@")[0];
  return name.replace(/_/g, "-");
}

function deploymentForCreate(cmd: ParsedCommand): Deployment {
  const name = cmd.names[0];
  const images = (cmd.flags.image as string[] | undefined) ?? [];
  const seen = new Map<string, number>();
  const containers: Container[] = images.map((image) => {
    let cname = containerNameForImage(image);
    const n = seen.get(cname) ?? 0;
    seen.set(cname, n + 1);
    // sanitizeAndUniquify appends a random suffix to repeats; a counter keeps runs deterministic.
    if (n > 0) cname = `${cname}-${n}`;
    const c: Container = { name: cname, image, resources: {} };
    if (cmd.dashArgs.length) c.command = [...cmd.dashArgs];
    return c;
  });
  const port = cmd.flags.port as number | undefined;
  if (port !== undefined && port >= 0 && containers.length) containers[0].ports = [{ containerPort: port }];
  const labels = { app: name };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    // create_deployment.go: the namespace is written into the object only with -n (EnforceNamespace).
    metadata: { name, ...(cmd.namespaceGiven ? { namespace: cmd.namespace } : {}), labels: { ...labels } },
    spec: {
      replicas: (cmd.flags.replicas as number | undefined) ?? 1,
      selector: { matchLabels: { ...labels } },
      strategy: {},
      template: { metadata: { labels: { ...labels } }, spec: { containers } },
    },
    status: {},
  } as unknown as Deployment;
}

function runCreate(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const obj = withSaveConfig(cmd, deploymentForCreate(cmd));
  const name = obj.metadata.name;
  if (isDryRun(cmd)) {
    if (cmd.output) {
      const raw = structuredClone(obj) as unknown as {
        metadata: Record<string, unknown>;
        spec: { template: { metadata: Record<string, unknown> } };
      };
      raw.metadata = { creationTimestamp: null, ...raw.metadata };
      raw.spec.template.metadata = { creationTimestamp: null, ...raw.spec.template.metadata };
      return printClientObject(
        raw as unknown as Record<string, unknown>,
        cluster.kinds.of("Deployment"),
        cmd,
      );
    }
    return { ...ok(`deployment.apps/${name} created${dryRunSuffix(cmd)}\n`), readOnly: true };
  }
  // The request goes to the command's namespace.
  const res = cluster.api.create({ ...obj, metadata: { ...obj.metadata, namespace: cmd.namespace } });
  if (isApiError(res)) {
    if (res.reason === "AlreadyExists") return fail(`error: failed to create deployment: ${res.message}`);
    return fail(formatApiError(res, "Deployment", name));
  }
  if (cmd.output) return { ...printObjects([res], cmd, cluster, true), readOnly: false };
  return ok(`deployment.apps/${name} created\n`);
}

/** create_deployment.go: exactly one NAME, and --image. */
export const createDeploymentCommand: KubectlCommand = {
  verb: "create",
  sub: "deployment",
  subAliases: ["deploy"],
  flags: [
    flag("image", "stringArray"),
    flag("replicas", "int", "r"),
    flag("port", "int"),
    dryRunFlag,
    outputFlag,
    flag("save-config", "bool"),
    flag("field-manager", "string"),
  ],
  readOnly: false,
  args(cmd, pos, ctx) {
    cmd.names = pos.map((p) => p.value);
    if (cmd.names.length !== 1) ctx.usage(msg.exactlyOneName(cmd.names.length), pos[1] ?? ctx.verbTok);
    if (!cmd.flags.image) ctx.usage(msg.requiredFlagNotSet("image"), ctx.verbTok);
  },
  run: (cmd, cluster) => runCreate(cmd, cluster),
  // A dry run creates nothing; a line with errors still names the Deployment it meant.
  facts: (cmd) => ({
    creates:
      cmd.names.length === 1 && !isDryRun(cmd)
        ? [
            {
              ...deploymentForCreate(cmd),
              metadata: { ...deploymentForCreate(cmd).metadata, namespace: cmd.namespace },
            },
          ]
        : [],
  }),
};
