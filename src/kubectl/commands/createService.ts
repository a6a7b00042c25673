/**
 * `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME [--tcp=P[:T]]…
 * [--clusterip=IP|None] [--node-port=N] [--external-name=HOST]`
 * (kubectl/pkg/cmd/create/create_service.go createService): a Service labelled and selecting
 * `app=NAME`, one TCP port per `--tcp` pair named after it (`80:8080` → `80-8080`).
 * Example: `kubectl create service nodeport web --tcp=80:8080` → `service/web created`.
 */
import type { Cluster } from "../../engine/cluster.ts";
import type { KubeObject } from "../../k8s/types.ts";
import { isDNS1123Subdomain } from "../../k8s/validateMeta.ts";
import type { ArgsContext, KubectlCommand, ParsedCommand } from "../command.ts";
import { flag } from "../flags.ts";
import * as msg from "../messages.ts";
import type { Token } from "../tokenize.ts";
import { fail, type KubectlResult } from "../result.ts";
import { createdFact, GENERATOR_FLAGS, runGenerated } from "./createGenerated.ts";

/** The four subcommands and the service type each makes. */
const SERVICE_TYPES: Record<string, string> = {
  clusterip: "ClusterIP",
  nodeport: "NodePort",
  loadbalancer: "LoadBalancer",
  externalname: "ExternalName",
};

/** validation.IsValidPortName, as parsePorts checks a named target port. */
function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push("must be no more than 15 characters");
  if (!/^[-a-z0-9]+$/.test(name))
    errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (name.includes("--")) errs.push("must not contain consecutive hyphens");
  if (!/[a-z]/.test(name)) errs.push("must contain at least one letter (a-z)");
  if (name.startsWith("-") || name.endsWith("-")) errs.push("must not begin or end with a hyphen");
  return errs;
}

/** parsePorts: `port[:targetPort]`, the target a number or a port name; or kubectl's error. */
export function parsePorts(text: string): { port: number; targetPort: number | string } | string {
  const [first, second] = text.split(":");
  if (!/^\d+$/.test(first) || Number(first) > 65535)
    return `strconv.ParseUint: parsing ${JSON.stringify(first)}: ${/^\d+$/.test(first) ? "value out of range" : "invalid syntax"}`;
  const port = Number(first);
  if (second === undefined) return { port, targetPort: port };
  if (/^[+-]?\d+$/.test(second)) {
    const n = Number(second);
    return n >= 1 && n <= 65535 ? { port, targetPort: n } : "must be between 1 and 65535, inclusive";
  }
  const errs = portNameErrors(second);
  return errs.length ? errs.join(",") : { port, targetPort: second };
}

/** The `--tcp` values: a string slice, so commas split them too. */
const tcpPairs = (cmd: ParsedCommand) =>
  ((cmd.flags.tcp as string[] | undefined) ?? []).flatMap((t) => t.split(","));

/** createService: the object, or the first port kubectl cannot read. */
function serviceForCreate(cmd: ParsedCommand): KubeObject | string {
  const name = cmd.names[0];
  const type = SERVICE_TYPES[cmd.args[0]];
  const nodePort = cmd.flags["node-port"] as number | undefined;
  const ports: Record<string, unknown>[] = [];
  for (const tcp of tcpPairs(cmd)) {
    const parsed = parsePorts(tcp);
    if (typeof parsed === "string") return parsed;
    ports.push({
      name: tcp.replace(/:/g, "-"),
      port: parsed.port,
      protocol: "TCP",
      targetPort: parsed.targetPort,
      ...(nodePort ? { nodePort } : {}),
    });
  }
  const clusterIP = cmd.flags.clusterip as string | undefined;
  const externalName = cmd.flags["external-name"] as string | undefined;
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, labels: { app: name } },
    spec: {
      type,
      selector: { app: name },
      ...(ports.length ? { ports } : {}),
      ...(externalName ? { externalName } : {}),
      ...(clusterIP ? { clusterIP } : {}),
    },
    status: { loadBalancer: {} },
  } as unknown as KubeObject;
}

function runCreateService(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const obj = serviceForCreate(cmd);
  if (typeof obj === "string") return fail(`error: ${obj}`);
  const type = SERVICE_TYPES[cmd.args[0]];
  return runGenerated(cmd, cluster, obj, "service", (m) => `failed to create ${type} service: ${m}`);
}

/** ServiceOptions.Validate, and the subcommand's own flags. */
function serviceArgs(cmd: ParsedCommand, pos: readonly Token[], ctx: ArgsContext): void {
  const [form, ...rest] = pos;
  const type = form ? SERVICE_TYPES[form.value] : undefined;
  if (!form || !type) {
    ctx.error(
      form ? msg.unknownCommand(form.value, "kubectl create service") : "error: a service type is required",
      form ?? ctx.verbTok,
      "write `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME --tcp=PORT:TARGET`",
    );
    return;
  }
  cmd.args = [form.value];
  cmd.names = rest.map((p) => p.value);
  if (cmd.names.length !== 1) ctx.usage(msg.exactlyOneName(cmd.names.length), rest[1] ?? form);
  // Each subcommand has only its own flags (create_service.go NewCmdCreateService*).
  const own: Record<string, string[]> = {
    clusterip: ["clusterip"],
    nodeport: ["node-port"],
    loadbalancer: [],
    externalname: ["external-name"],
  };
  for (const f of ["clusterip", "node-port", "external-name"])
    if (cmd.flags[f] !== undefined && !own[form.value].includes(f))
      ctx.usage(msg.unknownFlag(f), ctx.flagToken(f) ?? form);
  const clusterIP = cmd.flags.clusterip as string | undefined;
  if (clusterIP !== "None" && tcpPairs(cmd).length === 0 && type !== "ExternalName")
    ctx.error("error: at least one tcp port specifier must be provided", form);
  if (type === "ExternalName") {
    const host = cmd.flags["external-name"] as string | undefined;
    if (host === undefined) ctx.error('error: required flag(s) "external-name" not set', form);
    else if (isDNS1123Subdomain(host).length > 0)
      ctx.error(`error: invalid service external name ${host}`, ctx.flagToken("external-name") ?? form);
  }
}

export const createServiceCommand: KubectlCommand = {
  verb: "create",
  sub: "service",
  subAliases: ["svc"],
  flags: [
    flag("tcp", "stringArray"),
    flag("clusterip", "string"),
    flag("node-port", "int"),
    flag("external-name", "string"),
    ...GENERATOR_FLAGS,
  ],
  readOnly: false,
  args: serviceArgs,
  run: (cmd, cluster) => runCreateService(cmd, cluster),
  facts: (cmd) => ({
    creates: cmd.args.length === 1 && SERVICE_TYPES[cmd.args[0]] ? createdFact(cmd, "v1", "Service") : [],
  }),
};
