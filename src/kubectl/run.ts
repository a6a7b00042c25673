/**
 * runKubectl: parse a command line, run it against the cluster, and return what kubectl
 * would print (stdout, stderr, exit code), whether it only read, and for `get -w` what to
 * watch. A trailing pipeline (`| grep web | wc -l`, pipeline.ts) filters stdout as the
 * user's shell would (kubectl itself never sees it).
 */
import type { Cluster } from "../engine/cluster.ts";
import type { AnyKind } from "../k8s/kinds/registry.ts";
import type { ParsedCommand } from "./command.ts";
import { parseKubectl } from "./parse.ts";
import type { KubectlDiagnostic } from "./parse.ts";
import type { KubectlOptions, KubectlResult } from "./result.ts";
import { runPipeline, streamPipeline } from "./pipeline.ts";
import * as msg from "./messages.ts";
import { apiWarnings } from "./apiWarnings.ts";
import { placeWarnings } from "./warningOrder.ts";
import { eventDraws } from "../k8s/eventCorrelator.ts";
import { mulberry32 } from "../engine/rng.ts";

/** Salt of the stream the Events' correlators draw from, apart from the run's others (simulation.ts). */
export const EVENT_AGGREGATE_STREAM = 0xe7e47;

/** How kubectl ends a usage error: the message, then where to get help. */
export function diagnosticText(d: KubectlDiagnostic): string {
  if (d.kind === "unknownCommand") {
    // cobra: the suggestions end in a newline and PrintErrln adds one more.
    return `${d.message}${d.hint ? `\n\n${d.hint}\n` : ""}\nRun '${d.parent ?? "kubectl"} --help' for usage.\n`;
  }
  return `${d.message}${d.usage ? `\n${d.usage}` : ""}\n`;
}

export function runKubectl(
  commandLine: string,
  cluster: Cluster,
  options: KubectlOptions = {},
): KubectlResult {
  const parsed = parseKubectl(commandLine, {
    kinds: cluster.kinds,
    commands: options.commands,
    version: options.version,
  });
  if (!parsed.command) {
    return {
      exitCode: 1,
      stdout: "",
      stderr: parsed.diagnostics.map((d) => diagnosticText(d)).join(""),
      readOnly: true,
    };
  }
  return runParsed(parsed.command, cluster, options);
}

/**
 * Run a command line parsed before (a scenario's plan parses each line once): the command's
 * own module does the work, and a trailing pipeline filters what it printed.
 */
export function runParsed(
  parsed: ParsedCommand,
  cluster: Cluster,
  options: KubectlOptions = {},
): KubectlResult {
  // A kind parsed when it was served may be gone by the time the line runs (its
  // CustomResourceDefinition deleted, or not created yet): the RESTMapper no longer maps it.
  const unserved = [parsed.resource, ...(parsed.resources ?? [])].find(
    (r) => r && !cluster.kinds.lookup(r.group, r.kind),
  );
  if (unserved)
    return {
      exitCode: 1,
      stdout: "",
      stderr: `${msg.unknownResourceType(parsed.resourceWord ?? unserved.plural)}\n`,
      readOnly: true,
    };
  // The version the line names may be gone while the kind stays (a CRD's revision set it
  // `served: false`): builder.go mappingFor reports the resource part of the word.
  if (parsed.apiVersion && parsed.resource && !versionServed(cluster, parsed.resource, parsed.apiVersion))
    return {
      exitCode: 1,
      stdout: "",
      stderr: `${msg.unknownResourceType((parsed.resourceWord ?? parsed.resource.plural).split(".")[0])}\n`,
      readOnly: true,
    };
  const cmd = servedResources(parsed, cluster);
  // The Events kubectl reads drop messages at random where client-go's correlator does
  // (eventCorrelator.ts popAny): from the run's seed, on a stream of their own.
  eventDraws(cluster.events, () => mulberry32((cluster.settings?.seed ?? 0) ^ EVENT_AGGREGATE_STREAM));
  let result = cmd.command.run(cmd, cluster, options);
  // A deprecated flag's notice comes first on stderr (kubectl prints it as it reads the flags),
  // then the API server's warnings (printed as the responses come, before the lines about them).
  const flagNotices = cmd.warnings.map((w) => `${w}\n`).join("");
  const warnings = apiWarnings(cmd, result, options, cluster);
  // What the command printed before its first request comes before the responses' warnings.
  const before =
    result.beforeRequests !== undefined && result.stderr.startsWith(result.beforeRequests)
      ? result.beforeRequests
      : "";
  const notices = flagNotices + before + warnings;
  if (notices) result = { ...result, stderr: notices + result.stderr.slice(before.length), notices };
  // Sent object by object, the warnings land between the lines (a shell's pipe would part them).
  if (result.perObject && !cmd.pipeline)
    result = placeWarnings(result, result.perObject, flagNotices, warnings, cluster, cmd.version);
  if (!cmd.pipeline) return result;
  if (result.watch || result.eventWatch) {
    // A watch never ends: its first listing and every later line go through the pipeline as
    // they come, each stage keeping what it has read (pipeline.ts streamPipeline).
    const stream = streamPipeline(cmd.pipeline);
    const first = stream.write(result.stdout);
    if (result.watch)
      result = { ...result, watch: { ...result.watch, lineFilter: (t) => stream.write(t).stdout } };
    const events = result.eventWatch;
    if (events)
      result = {
        ...result,
        eventWatch: { lines: () => events.lines().map((l) => ({ ...l, text: stream.write(l.text).stdout })) },
      };
    return { ...result, stdout: first.stdout, exitCode: result.exitCode || first.status };
  }
  // The pipeline's status is its last stage's (grep's 1 when it selected nothing); kubectl's own
  // failure still counts, and shows on stderr.
  const piped = runPipeline(result.stdout, cmd.pipeline);
  const stderr = piped.stderr ? result.stderr + piped.stderr : result.stderr;
  return { ...result, stdout: piped.stdout, stderr, exitCode: result.exitCode || piped.status };
}

/** Whether the cluster serves the kind in apiVersion (`cert-manager.io/v1alpha2`). */
function versionServed(cluster: Cluster, kind: AnyKind, apiVersion: string): boolean {
  const served = cluster.kinds.lookup(kind.group, kind.kind);
  return served !== undefined && served.versions.includes(apiVersion.slice(apiVersion.indexOf("/") + 1));
}

/**
 * The command with its kinds as the cluster serves them: a plan parses a line against kinds of
 * its own (a CRD's kind is registered again, as another descriptor, when the run applies the
 * CRD), and the commands look objects up by the cluster's key of the kind (`Kind.group` where
 * two groups share its name: kinds/registry.ts).
 */
function servedResources(cmd: ParsedCommand, cluster: Cluster): ParsedCommand {
  const served = (r: AnyKind): AnyKind => cluster.kinds.lookup(r.group, r.kind) ?? r;
  const r = cmd.resource;
  const rs = cmd.resources;
  if ((r === undefined || served(r) === r) && (rs === undefined || rs.every((k) => served(k) === k)))
    return cmd;
  return {
    ...cmd,
    ...(r !== undefined ? { resource: served(r) } : {}),
    ...(rs !== undefined ? { resources: rs.map(served) } : {}),
  };
}
