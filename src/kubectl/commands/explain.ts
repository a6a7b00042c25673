/**
 * `kubectl explain TYPE[.FIELD…] [--recursive] [--api-version=G/V] [--output=plaintext|plaintext-openapiv2]`
 * (kubectl/pkg/cmd/explain/explain.go, and the OpenAPI v3 renderer in pkg/explain/v2 that it
 * uses by default since 1.27): the API server's documentation of a kind and its fields, from
 * the OpenAPI documents Replicast carries for the kinds it models (explain/schemas.ts, 1.34's),
 * or, for a custom resource, from its CustomResourceDefinition's schema (explain/crd.ts).
 *
 * The TYPE word resolves as kubectl's RESTMapper resolves it (`deploy`, `deployments.apps`,
 * `hpa`); the words after it are the field path (`deploy.spec.strategy`), found as
 * SplitAndParseResourceRequestWithMatchingPrefix finds it: after `GROUP-RESOURCE.` when the
 * word starts with the kind's `plural.group`, else after the first dot. `--api-version` picks
 * another served version (`hpa --api-version=autoscaling/v1`). Errors are kubectl's own: a TYPE
 * the server does not have, a field that does not exist (the template names the path's last
 * word), a version without the resource.
 */
import type { ArgsContext, KubectlCommand, ParsedCommand } from "../command.ts";
import type { AnyKind } from "../../k8s/kinds/registry.ts";
import { flag } from "../flags.ts";
import * as msg from "../messages.ts";
import { fail, ok, type KubectlResult } from "../result.ts";
import type { Token } from "../tokenize.ts";
import { versionText } from "../version.ts";
import { OLDEST_DISCOVERY, servedGroupVersions } from "./discovery.ts";
import {
  ExplainError,
  explainDocument,
  renderExplain,
  type ExplainDocument,
  type ExplainKind,
} from "../explain/render.ts";
import { customResourceDocument } from "../explain/crd.ts";
import { renderExplainV2 } from "../explain/v2.ts";
import { definitionOf } from "../../k8s/kinds/stored/crd.ts";
import { compareKubeAwareVersions } from "./discovery.ts";
import type { Cluster } from "../../engine/cluster.ts";
import type { KubeObject } from "../../k8s/types.ts";

/**
 * The first kubectl.version explained here: kubectl reads OpenAPI v3 and prints this layout
 * from 1.27 (KEP-3515), and the API server's served versions are modelled from 1.28.
 */
const OPENAPI_V3_EXPLAIN = OLDEST_DISCOVERY;

/** explain.go's Use line, which its usage errors repeat. */
const SUGGEST_API_RESOURCES = 'Use "kubectl api-resources" for a complete list of supported resources.';

interface Explained {
  kind: ExplainKind;
  path: string[];
  /** A custom resource's: its CRD, the version explained and that version's document. */
  custom?: { crd: KubeObject; version: string; doc: ExplainDocument };
}

/** cmd.args[0] of a custom resource's explain: no shipped schema has this id. */
const CUSTOM = "\u0000crd";

/** The kind's group/resource as schema.GroupResource.String() prints it: `deployments.apps`, `pods`. */
const groupResource = (d: AnyKind): string => (d.group ? `${d.plural}.${d.group}` : d.plural);

/** schema.GroupVersionResource.String(): `apps/v1, Resource=deployments`, `/v1, Resource=pods`. */
const gvrText = (group: string, version: string, resource: string): string =>
  `${group}/${version}, Resource=${resource}`;

/** Where the TYPE word ends and the field path starts (explain.go's two splitters). */
function splitRequest(word: string, d: AnyKind, matchPrefix: boolean): string[] {
  const w = word.endsWith(".") ? word.slice(0, -1) : word;
  const gr = groupResource(d);
  if (matchPrefix && w.startsWith(gr)) {
    const rest = w.slice(gr.length);
    return rest.length ? rest.slice(1).split(".") : [];
  }
  return w.split(".").slice(1);
}

/** schema.ParseGroupVersion. */
function parseGroupVersion(gv: string): { group: string; version: string } | string {
  if (gv === "" || gv === "/") return { group: "", version: "" };
  const parts = gv.split("/");
  if (parts.length === 1) return { group: "", version: parts[0] };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return `unexpected GroupVersion string: ${gv}`;
}

/** What the line explains, or kubectl's error for it (reported through ctx). */
function resolve(cmd: ParsedCommand, word: Token, ctx: ArgsContext): Explained | undefined {
  const typeWord = (word.value.endsWith(".") ? word.value.slice(0, -1) : word.value).split(".")[0];
  const d = ctx.kinds.resource(typeWord);
  if (!d) {
    ctx.error(msg.unknownResourceType(typeWord), word);
    return undefined;
  }
  const apiVersion = cmd.flags["api-version"];
  const requested = typeof apiVersion === "string" && apiVersion !== "" ? apiVersion : undefined;
  const path = splitRequest(word.value, d, requested === undefined);
  const crd = definitionOf(d);
  let group = d.group;
  // A custom resource's version is its group's preferred one (discovery's kube-aware order).
  let version = crd ? [...d.versions].sort(compareKubeAwareVersions)[0] : d.versions[0];
  if (requested !== undefined) {
    const gv = parseGroupVersion(requested);
    const tok = ctx.flagToken("api-version") ?? word;
    if (typeof gv === "string") {
      ctx.error(`error: ${gv}`, tok);
      return undefined;
    }
    ({ group, version } = gv);
  }
  const doc = explainDocument();
  const kind = doc.kinds.find((k) => k.group === group && k.version === version && k.kind === d.kind);
  if (kind) return { kind, path };
  // The OpenAPI v3 document apiextensions-apiserver publishes for each served version of a CRD.
  const custom = crd && group === d.group ? customResourceDocument(crd, version) : undefined;
  if (crd && custom) return { kind: custom.kind, path, custom: { crd, version, doc: custom.doc } };
  const gvText = group ? `${group}/${version}` : version;
  // explain.go looks the group/version up among the server's OpenAPI v3 paths, one per served one.
  if (!servedGroupVersions(cmd.version, ctx.kinds.all()).includes(gvText))
    ctx.error(`error: couldn't find resource for "${gvrText(group, version, d.plural)}"`, word);
  else if (group === d.group && d.versions.includes(version))
    // A kind the simulated API server serves, whose documents Replicast does not carry.
    ctx.error(
      msg.notSupported(`kubectl explain ${groupResource(d)} (its OpenAPI documents are not shipped)`),
      word,
      `explain knows ${[...new Set(doc.kinds.map((k) => k.kind))].join(", ")}`,
    );
  // The template: the group/version has no such resource.
  else ctx.error(`error: GVR (${gvrText(group, version, d.plural)}) not found in OpenAPI schema`, word);
  return undefined;
}

function explainArgs(cmd: ParsedCommand, pos: readonly Token[], ctx: ArgsContext): void {
  // explain.go Validate.
  if (pos.length === 0) {
    ctx.error(
      `error: You must specify the type of resource to explain. ${SUGGEST_API_RESOURCES}`,
      ctx.verbTok,
    );
    return;
  }
  if (pos.length > 1) {
    ctx.error("error: We accept only this format: explain RESOURCE", pos[1]);
    return;
  }
  if (cmd.version < OPENAPI_V3_EXPLAIN) {
    ctx.error(
      msg.notSupported(`kubectl explain as kubectl ${versionText(cmd.version)} prints it (OpenAPI v2)`),
      ctx.verbTok,
      `kubectl explains from OpenAPI v3 here: \`set kubectl.version = ${versionText(OPENAPI_V3_EXPLAIN)}\` or later`,
    );
    return;
  }
  const output = cmd.flags.output;
  const outTok = ctx.flagToken("output") ?? ctx.verbTok;
  const explained = resolve(cmd, pos[0], ctx);
  if (!explained) return;
  const v2 = output === "plaintext-openapiv2";
  if (v2 && explained.custom) {
    ctx.error(
      msg.notSupported("kubectl explain --output=plaintext-openapiv2 of a custom resource"),
      outTok,
      "drop --output",
    );
    return;
  }
  // generator.go Render: a template name it does not have.
  if (typeof output === "string" && output !== "plaintext" && !v2) {
    ctx.error(`error: unrecognized format: ${output}`, outTok);
    return;
  }
  try {
    // Whether the path exists does not depend on --recursive, which only lists more fields.
    if (v2) renderExplainV2(explained.kind, explained.path, false, explainDocument());
    else renderExplain(explained.kind, explained.path, false, explained.custom?.doc);
  } catch (e) {
    if (!(e instanceof ExplainError)) throw e;
    ctx.error(e.message, pos[0]);
    return;
  }
  // What run needs: the kind's document (a CRD's name and version) and the field path, both checked here.
  cmd.args = explained.custom
    ? [CUSTOM, explained.custom.crd.metadata.name, explained.custom.version, ...explained.path]
    : [explained.kind.schema, ...explained.path];
}

/**
 * A custom resource's explain reads the CRD as the cluster holds it when the line runs (it may
 * have changed since the line was checked against the one applied first).
 */
function runCustomExplain(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const [, name, version, ...path] = cmd.args;
  const live = cluster.api.get("CustomResourceDefinition", "", name);
  const crd: KubeObject | undefined = live ?? (cmd.resource ? definitionOf(cmd.resource) : undefined);
  const custom = crd ? customResourceDocument(crd, version) : undefined;
  if (!custom)
    return fail(`error: the server doesn't have a resource type "${cmd.resourceWord ?? name}"`, true);
  try {
    return ok(renderExplain(custom.kind, path, cmd.flags.recursive === true, custom.doc), true);
  } catch (e) {
    if (!(e instanceof ExplainError)) throw e;
    return fail(e.message, true);
  }
}

function runExplain(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  if (cmd.args[0] === CUSTOM) return runCustomExplain(cmd, cluster);
  const [schema, ...path] = cmd.args;
  const doc = explainDocument();
  const kind = doc.kinds.find((k) => k.schema === schema)!;
  const recursive = cmd.flags.recursive === true;
  if (cmd.flags.output === "plaintext-openapiv2")
    return ok(renderExplainV2(kind, path, recursive, doc), true);
  return ok(renderExplain(kind, path, recursive), true);
}

export const explainCommand: KubectlCommand = {
  verb: "explain",
  flags: [flag("recursive", "bool"), flag("api-version", "string"), flag("output", "string")],
  readOnly: true,
  args(cmd, pos, ctx) {
    explainArgs(cmd, pos, ctx);
    if (cmd.args.length) {
      const typeWord = pos[0].value.split(".")[0];
      cmd.resource = ctx.kinds.resource(typeWord);
      cmd.resourceWord = typeWord;
    }
  },
  run: runExplain,
};
