/**
 * `kubectl events [--for TYPE/NAME] [--types=Normal,Warning] [-A] [-o FORMAT] [--no-headers]`
 * (kubectl/pkg/cmd/events/events.go and event_printer.go, 1.28): the events of a namespace,
 * sorted by when they were last seen (SortableEvents), in the events command's own table —
 * LAST SEEN ("5m (x3 over 7m)" for a repeated event, as getInterval writes it), TYPE, REASON,
 * OBJECT as `Kind/name` (capitalised, unlike `get events`' `kind/name`), MESSAGE. `--for`
 * keeps the events of one object (a field selector on involvedObject.kind and .name), `--types`
 * those of the given types. With `-o yaml|json` it prints an EventList.
 *
 * The list is the one `get events` reads (commands/events.ts), in the API server's key order,
 * then sorted by last time. Go's sort.Sort is an insertion sort up to 12 events, so ties keep
 * that order there; here they keep it at every length (a real cluster's order among longer
 * ties is the unstable sort's).
 */
import type { Cluster } from "../../engine/cluster.ts";
import { humanDuration } from "../../k8s/duration.ts";
import type { ArgsContext, KubectlCommand, ParsedCommand } from "../command.ts";
import { flag, outputFlag } from "../flags.ts";
import * as msg from "../messages.ts";
import { ok, type KubectlResult } from "../result.ts";
import { GET_TABWRITER, tabwrite } from "../../text/tabwriter.ts";
import type { Token } from "../tokenize.ts";
import { eventChanges, listEvents, printEvents, toWireEvent, type ListedEvent } from "./events.ts";
import { toYAMLText } from "./output.ts";
import { toJSONText } from "../serialize.ts";
import { executeJsonPath, JsonPathError } from "../jsonpath.ts";
import { customColumnsText } from "../printers/customColumns.ts";
import { escapeTerminal } from "../printers/terminal.ts";

/** `--types` as EventsOptions keeps it: split on commas (a StringSlice), de-duplicated, sorted. */
function filterTypes(cmd: ParsedCommand): string[] {
  const given = (cmd.flags.types as string[] | undefined) ?? [];
  return [...new Set(given.flatMap((v) => v.split(",")))].sort();
}

function eventsArgs(cmd: ParsedCommand, pos: readonly Token[], ctx: ArgsContext): void {
  // cobra: the command takes no arguments; kubectl events ignores them, as cobra.Command
  // without Args does. A word here is most often `pod/x` meant for --for.
  if (pos.length)
    ctx.error(
      msg.notSupported("arguments to kubectl events"),
      pos[0],
      "name the object with `--for TYPE/NAME`",
    );
  for (const t of filterTypes(cmd)) {
    if (t.toLowerCase() !== "normal" && t.toLowerCase() !== "warning") {
      ctx.error("error: valid --types are Normal or Warning", ctx.flagToken("types") ?? ctx.verbTok);
      break;
    }
  }
  const forWord = cmd.flags.for;
  if (typeof forWord !== "string" || forWord === "") return;
  const tok = ctx.flagToken("for") ?? ctx.verbTok;
  // decodeResourceTypeName: no slash is no resource/name at all; two are refused.
  if (!forWord.includes("/")) return ctx.error("error: --for must be in resource/name form", tok);
  const seg = forWord.split("/");
  if (seg.length !== 2)
    return ctx.error("error: arguments in resource/name form may not have more than one slash", tok);
  const kind = ctx.kinds.resource(seg[0]);
  if (!kind) return ctx.error(msg.unknownResourceType(seg[0]), tok);
  // The object --for names is the command's one target.
  cmd.resource = kind;
  cmd.names = [seg[1]];
}

/** getInterval: the first sighting's age, or "LAST (xCOUNT over FIRST)" for an aggregate. */
function interval(e: ListedEvent, now: number): string {
  const first = humanDuration(now - e.agg.firstTimestamp);
  return e.agg.count > 1
    ? `${humanDuration(now - e.agg.lastTimestamp)} (x${e.agg.count} over ${first})`
    : first;
}

/** escapeCell: a cell stops at its first line break, marked with "...", and is escaped. */
function escapeCell(s: string): string {
  const i = s.search(/[\f\n\r]/);
  return escapeTerminal(i < 0 ? s : `${s.slice(0, i)}...`);
}

function tableText(
  events: readonly ListedEvent[],
  now: number,
  noHeaders: boolean,
  allNamespaces: boolean,
  /** A watch's tabwriter: the widths it remembers. */
  widths?: number[],
): string {
  let text = "";
  if (!noHeaders) text += `${allNamespaces ? "NAMESPACE\t" : ""}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`;
  for (const e of events) {
    const a = e.agg;
    text +=
      `${allNamespaces ? `${e.namespace}\t` : ""}${interval(e, now)}\t${escapeCell(a.type)}\t${escapeCell(a.reason)}\t` +
      `${escapeCell(a.involvedObject.kind)}/${escapeCell(a.involvedObject.name)}\t${escapeCell(a.message.trim())}\n`;
  }
  return tabwrite(text, { ...GET_TABWRITER, rememberWidths: widths });
}

/** The events `kubectl events` shows: of its namespace (all with -A), of the `--for` object, of the `--types`. */
function eventFilter(cmd: ParsedCommand): (e: ListedEvent) => boolean {
  const types = filterTypes(cmd);
  const target =
    cmd.resource && cmd.names.length ? { kind: cmd.resource.kind, name: cmd.names[0] } : undefined;
  return (e) =>
    (cmd.allNamespaces || e.namespace === cmd.namespace) &&
    (target === undefined ||
      (e.agg.involvedObject.kind === target.kind && e.agg.involvedObject.name === target.name)) &&
    (types.length === 0 || types.some((t) => t.toLowerCase() === e.agg.type.toLowerCase()));
}

/**
 * `kubectl events -w` (events.go runWatch): a watch without a resourceVersion, so the API
 * server first sends every existing Event as ADDED (in key order, not sorted by time), then
 * each emission as it comes — a new Event, or a repeat counted into one. Each is printed
 * alone by the events printer, its header before the first (event_printer.go prints it once),
 * on one tabwriter that remembers its widths; other -o printers print each Event as they
 * print one object (YAML documents separated by `---`). Nothing is printed while there is
 * no event: no "No events found" either.
 */
function watchEvents(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const keep = eventFilter(cmd);
  const out = cmd.output;
  const widths: number[] = [];
  let printedAny = false;
  const print = (e: ListedEvent, now: number): string => {
    const first = !printedAny;
    printedAny = true;
    if (out === undefined || out.kind === "table")
      return tableText([e], now, !first || cmd.flags["no-headers"] === true, cmd.allNamespaces, widths);
    if (out.kind === "custom-columns")
      return customColumnsText(
        out.columns,
        [toWireEvent(e, cluster.kinds)],
        !first || cmd.flags["no-headers"] === true,
        widths,
      );
    if (out.kind === "yaml") return (first ? "" : "---\n") + toYAMLText(toWireEvent(e, cluster.kinds));
    if (out.kind === "name") return `event/${e.name}\n`;
    if (out.kind === "json") return toJSONText(toWireEvent(e, cluster.kinds));
    try {
      return executeJsonPath(out.template, toWireEvent(e, cluster.kinds));
    } catch (err) {
      if (err instanceof JsonPathError)
        return `error: error parsing jsonpath ${out.template}, ${err.message}\n`;
      throw err;
    }
  };
  const stdout = listEvents(cluster, undefined)
    .filter(keep)
    .map((e) => print(e, cluster.now))
    .join("");
  const from = cluster.events.length;
  return {
    ...ok(stdout, true),
    eventWatch: {
      lines: () =>
        // Without the Events' deletions: events.go runWatch skips them (`if e.Type ==
        // watch.Deleted { // events are deleted after 1 hour; don't print that`).
        eventChanges(cluster, from)
          .filter((c) => keep(c.event))
          .map((c) => ({ time: c.time, afterEvents: c.afterEvents, text: print(c.event, c.time) })),
    },
  };
}

function runEvents(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  if (cmd.flags.watch === true) return watchEvents(cmd, cluster);
  const events = listEvents(cluster, cmd.allNamespaces ? undefined : cmd.namespace)
    .filter(eventFilter(cmd))
    // Array.prototype.sort is stable: ties keep the API server's key order.
    .sort((a, b) => a.agg.lastTimestamp - b.agg.lastTimestamp);
  if (!events.length)
    return ok(
      "",
      true,
      cmd.allNamespaces ? "No events found.\n" : `No events found in ${cmd.namespace} namespace.\n`,
    );
  const out = cmd.output;
  if (out === undefined || out.kind === "table")
    return ok(tableText(events, cluster.now, cmd.flags["no-headers"] === true, cmd.allNamespaces), true);
  return printEvents(events, cluster, cmd, out, { kind: "EventList", metadata: {} });
}

export const eventsCommand: KubectlCommand = {
  verb: "events",
  // Out of alpha (`kubectl alpha events`) in 1.26 (CHANGELOG-1.26, KEP-1440).
  since: 26,
  flags: [
    outputFlag,
    flag("watch", "bool", "w"),
    flag("all-namespaces", "bool", "A"),
    flag("for", "string"),
    flag("types", "stringArray"),
    flag("no-headers", "bool"),
    flag("chunk-size", "int"),
  ],
  readOnly: true,
  args: eventsArgs,
  run: runEvents,
};
