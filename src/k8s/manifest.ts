/**
 * Manifests: multi-document YAML read into Kubernetes objects, each with a way to find where
 * any of its fields was written, so that errors point at the user's own line and column — in
 * a manifest file, or in a heredoc inside a scenario (`lineOffset` maps the body's line 1 to
 * the scenario line it sits on).
 *
 * What is reported, with kubectl's words:
 * - YAML syntax errors: one diagnostic each, at the exact spot, with the yaml package's message;
 * - an unknown kind/version: `no matches for kind "X" in version "Y"` (+ the kind's served
 *   versions, or — for a kind no CustomResourceDefinition defined — `ensure CRDs are installed first`);
 * - a missing kind/apiVersion: `error validating data: kind not set`;
 * - a missing name: `resource name may not be empty` (kubectl apply);
 * - a field the kind does not define: a warning, `unknown field "spec.replica"`, with the
 *   nearest known field as a hint;
 * - with `validate` (the default), every apiserver validation error at its field, worded as
 *   kubectl prints it: `The Deployment "web" is invalid: spec.replicas: Invalid value: -1: …`.
 * Empty documents are skipped; `kind: List` documents are expanded into their items.
 * Objects are returned as written (not defaulted): `admit` is the apiserver's job.
 */
import { LineCounter } from "yaml";
import type { Diagnostic, Span } from "../text/diagnostic.ts";
import { admit, type AdmitOptions } from "./admission.ts";
import { formatInvalid } from "./fieldErrors.ts";
import { addonKind, addonOf } from "./kinds/addons.ts";
import { unreadKedaTriggers } from "./kinds/kedaTriggers.ts";
import { builtinKinds } from "./kinds/builtin.ts";
import { convertsByWebhook, registerCRD, serveAddonKind } from "./kinds/stored/crd.ts";
import { findUnknownFields } from "./knownFields.ts";
import { manifestMessages, type ManifestMessage } from "./messages.ts";
import type { KubeObject } from "./types.ts";
import { PositionIndex } from "./yamlPositions.ts";
import { documentToJS, parseYamlDocuments } from "./yamlSafe.ts";
import { findProtoKey } from "./safeKeys.ts";
import { isObj } from "./jsonObject.ts";

export interface LoadOptions {
  /** The file name diagnostics carry (the scenario's, for a heredoc). Default "manifest.yaml". */
  file?: string;
  /** Added to every line: the YAML's line 1 is reported as line 1 + lineOffset. */
  lineOffset?: number;
  /** Added to every column (a body that was de-indented by this many characters). */
  colOffset?: number;
  /** Added to every character offset (where the YAML text starts in `file`). */
  offsetBase?: number;
  /** Run admission (defaulting + validation) and report its errors at their fields. Default true. */
  validate?: boolean;
  admit?: AdmitOptions;
  /** Fields the kind does not define: reported as warnings (default), or ignored. */
  unknownFields?: "warn" | "ignore";
}

export interface LoadedObject {
  /** The object as written (the served apiVersion, not defaulted). */
  object: KubeObject;
  /** Where a field path was written (see PositionIndex.locate for the fallbacks). */
  position(path: string): Span;
  source: {
    file: string;
    /** 0-based index of the YAML document (empty documents count). */
    documentIndex: number;
    /** For `kind: List` documents, the item's index. */
    itemIndex?: number;
    /** The apiVersion as written (e.g. "autoscaling/v2beta1"). */
    apiVersion: string;
  };
}

export interface LoadResult {
  objects: LoadedObject[];
  diagnostics: Diagnostic[];
}

/** Load every object of a (multi-document) YAML text. Never throws over the user's input. */
export function loadManifests(text: string, opts: LoadOptions = {}): LoadResult {
  const file = opts.file ?? "manifest.yaml";
  const lineCounter = new LineCounter();
  const docs = parseYamlDocuments(text, { lineCounter });
  const toSpan = spanMaker(text, lineCounter, opts);
  const diagnostics: Diagnostic[] = [];
  const objects: LoadedObject[] = [];
  let shown = 0;
  let hidden = 0;
  // An add-on's kind gets served (stored/crd.ts serveAddonKind): a load without a cluster's
  // registry takes one of its own for that, so the frozen built-in kinds stay as they are.
  let kinds = opts.admit?.kinds ?? builtinKinds;
  let admitOpts = opts.admit;
  const report = (
    m: ManifestMessage,
    range: [number, number],
    severity: Diagnostic["severity"] = "error",
  ) => {
    // As the language stops at 100 errors, so does a file: the rest are counted, not printed.
    if (shown >= MAX_DIAGNOSTICS_PER_FILE) {
      if (severity === "error") hidden++;
      return;
    }
    shown++;
    const d: Diagnostic = { code: m.code, severity, file, span: toSpan(range), message: m.message };
    if (m.hint !== undefined) d.hint = m.hint;
    diagnostics.push(d);
  };

  docs.forEach((doc, documentIndex) => {
    for (const e of doc.errors) report(manifestMessages.yamlSyntax(e.message), e.pos);
    for (const w of doc.warnings) report(manifestMessages.yamlWarning(w.message), w.pos, "warning");
    if (doc.errors.length > 0 || doc.contents === null) return;
    const js = documentToJS(doc);
    if ("problem" in js) {
      report(manifestMessages.yamlSyntax(js.problem.message), js.problem.range);
      return;
    }
    const value = js.value;
    if (value === null || value === undefined) return;
    const index = new PositionIndex(doc, text);
    const proto = findProtoKey(value);
    if (proto !== undefined) {
      report(manifestMessages.protoKey(proto), index.locateKey(proto));
      return;
    }
    const entries: { raw: unknown; prefix: string; itemIndex?: number }[] = [];
    if (isObj(value) && value.kind === "List" && Array.isArray(value.items)) {
      value.items.forEach((raw, i) => entries.push({ raw, prefix: `items[${i}].`, itemIndex: i }));
    } else {
      entries.push({ raw: value, prefix: "" });
    }
    for (const { raw, prefix, itemIndex } of entries) {
      const at = (path: string): [number, number] => index.locate(prefix + path);
      const position = (path: string): Span => toSpan(at(path));
      if (!isObj(raw)) {
        report(manifestMessages.notAnObject(goJSONType(raw)), at(""));
        continue;
      }
      const kind = typeof raw.kind === "string" ? raw.kind : "";
      const apiVersion = typeof raw.apiVersion === "string" ? raw.apiVersion : "";
      if (kind === "") {
        report(manifestMessages.missingField("kind"), at("kind"));
        continue;
      }
      if (apiVersion === "") {
        report(manifestMessages.missingField("apiVersion"), at("apiVersion"));
        continue;
      }
      let served = kinds.served(apiVersion, kind);
      if (!served) {
        // An add-on's kind (KEDA, the VPA, Argo…): stored as if the add-on's CRD were
        // installed, since the repository assumes the cluster runs it; said once, as the
        // registry serves the kind from here on.
        const addon = addonOf(apiVersion);
        if (addon !== undefined && kinds === builtinKinds) {
          kinds = builtinKinds.extend();
          admitOpts = { ...opts.admit, kinds };
        }
        served = addon === undefined ? undefined : serveAddonKind(kinds, apiVersion, kind);
        const operated = addon !== undefined && served ? addonKind(apiVersion, kind)?.operated : undefined;
        if (addon !== undefined && served)
          report(
            operated !== undefined
              ? manifestMessages.addonOperated(kind, apiVersion, addon, operated)
              : manifestMessages.addonWithoutCRD(kind, apiVersion, addon),
            at("kind"),
            "warning",
          );
      }
      if (!served) {
        // A kind the cluster knows in other versions: which ones; a kind it does not know at
        // all: kubectl's advice, since only a CustomResourceDefinition would define it.
        report(
          kinds.get(kind)
            ? manifestMessages.noMatches(kind, apiVersion, kinds.servedText())
            : manifestMessages.noMatchesNoCRD(kind, apiVersion),
          at("kind"),
        );
        continue;
      }
      const meta = isObj(raw.metadata) ? raw.metadata : {};
      const name = typeof meta.name === "string" ? meta.name : "";
      if (name === "" && !(typeof meta.generateName === "string" && meta.generateName !== "")) {
        report(manifestMessages.missingName(), at("metadata.name"));
        continue;
      }
      if ((opts.unknownFields ?? "warn") === "warn") {
        for (const u of findUnknownFields(raw, apiVersion, served)) {
          report(
            manifestMessages.unknownField(u.path, u.suggestion),
            index.locateKey(prefix + u.path),
            "warning",
          );
        }
      }
      if (opts.validate ?? true) {
        const { errors } = admit(raw, undefined, admitOpts);
        for (const e of errors) {
          report(
            manifestMessages.invalid(formatInvalid(kind, name, [e])),
            at(writtenPath(e.field, apiVersion)),
          );
        }
        if (errors.length > 0) continue;
      }
      // A KEDA trigger no scaler here reads: stored, and said where it is written.
      if (kind === "ScaledObject" && apiVersion.startsWith("keda.sh/"))
        for (const t of unreadKedaTriggers(raw))
          report(
            manifestMessages.kedaTriggerNotRead(t.type, t.index),
            at(`spec.triggers[${t.index}].type`),
            "warning",
          );
      const source: LoadedObject["source"] = { file, documentIndex, apiVersion };
      if (itemIndex !== undefined) source.itemIndex = itemIndex;
      objects.push({ object: raw as unknown as KubeObject, position, source });
      // The documents after a CustomResourceDefinition may hold its objects (kubectl apply's order).
      // A plan's registry: a CRD's revision adds the versions it serves to those served before.
      registerCRD(kinds, raw as unknown as KubeObject, true);
      if (kind === "CustomResourceDefinition" && convertsByWebhook(raw as unknown as KubeObject))
        report(manifestMessages.conversionWebhook(name), at("spec.conversion.strategy"), "warning");
    }
  });
  if (hidden > 0) {
    const last = diagnostics[diagnostics.length - 1];
    const m = manifestMessages.tooManyErrors(shown, hidden);
    diagnostics.push({ code: m.code, severity: "error", file, span: last.span, message: m.message });
  }
  return { objects, diagnostics };
}

/** Diagnostics one manifest text reports at most (then a count of the rest). */
export const MAX_DIAGNOSTICS_PER_FILE = 100;

/**
 * Validation speaks of the internal (v2) form; an HPA written in an older version spells the
 * same field differently. Map the path back so the error points at what the user wrote:
 * v2beta1 `spec.metrics[0].resource.target.averageUtilization` → `…resource.targetAverageUtilization`,
 * v1 `spec.metrics[0].resource.target.averageUtilization` → `spec.targetCPUUtilizationPercentage`.
 */
export function writtenPath(path: string, apiVersion: string): string {
  if (apiVersion === "autoscaling/v1") {
    return /^spec\.metrics\[\d+\]\.resource\.target/.test(path)
      ? "spec.targetCPUUtilizationPercentage"
      : path;
  }
  if (apiVersion !== "autoscaling/v2beta1") return path;
  return path
    .replace(/\.target\.averageUtilization$/, ".targetAverageUtilization")
    .replace(/(resource|containerResource|pods)\.target\.averageValue$/, "$1.targetAverageValue")
    .replace(/external\.target\.averageValue$/, "external.targetAverageValue")
    .replace(/object\.target\.averageValue$/, "object.averageValue")
    .replace(/\.target\.value$/, ".targetValue")
    .replace(/\.metric\.name$/, ".metricName")
    .replace(/external\.metric\.selector/, "external.metricSelector")
    .replace(/\.metric\.selector/, ".selector")
    .replace(/object\.describedObject/, "object.target");
}

/** How encoding/json names a JSON value's type in "cannot unmarshal X into …". */
function goJSONType(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "bool";
  return "object";
}

/** Character ranges of the YAML text → spans in the file the user sees. */
function spanMaker(text: string, lc: LineCounter, opts: LoadOptions): (range: [number, number]) => Span {
  const lineOffset = opts.lineOffset ?? 0;
  const colOffset = opts.colOffset ?? 0;
  const offsetBase = opts.offsetBase ?? 0;
  return ([s, e]) => {
    const start = Math.max(0, Math.min(s, text.length));
    // A caret needs something to sit under: an empty range covers one character when it can.
    let end = Math.max(start, Math.min(e, text.length));
    if (end === start && start < text.length && text[start] !== "\n") end = start + 1;
    const a = lc.linePos(start);
    const b = lc.linePos(end);
    return {
      offset: offsetBase + start,
      length: end - start,
      line: a.line + lineOffset,
      col: a.col + colOffset,
      endLine: b.line + lineOffset,
      endCol: b.col + colOffset,
    };
  };
}
