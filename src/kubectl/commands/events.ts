/**
 * `kubectl get events` (also `event`, `ev`). Events are not objects in the simulated store:
 * the recorder keeps what the controllers emitted, and eventCorrelator.ts turns it into the
 * Events the API server would hold (client-go's EventCorrelator, then the Event TTL). Each is
 * named `OBJECT.HEX` — client-go's `fmt.Sprintf("%v.%x", ref.Name, t.UnixNano())` at its
 * first occurrence — and the list comes in key order, i.e. by object name, then time, as
 * etcd returns it. Columns as printers.go printEvent: LAST SEEN, TYPE, REASON, OBJECT,
 * MESSAGE; `-o wide` adds SUBOBJECT, SOURCE, FIRST SEEN, COUNT, NAME.
 * Example: `kubectl get events --sort-by=.lastTimestamp` (the usual way to read them in time order).
 */
import type { Cluster } from "../../engine/cluster.ts";
import { humanDuration } from "../../k8s/duration.ts";
import { EPOCH_MS, toRFC3339 } from "../../k8s/time.ts";
import { apiVersionOf } from "../../k8s/kinds/descriptor.ts";
import type { KindRegistry } from "../../k8s/kinds/registry.ts";
import type { Time } from "../../k8s/types.ts";
import type { OutputFormat, ParsedCommand } from "../command.ts";
import type { AggregatedEvent } from "../../k8s/printing/describeWriter.ts";
import { EVENT_TTL_SECONDS, eventHistory, type StoredEvent } from "../../k8s/eventCorrelator.ts";
import { fail, ok, type KubectlResult } from "../result.ts";
import { toJSONText } from "../serialize.ts";
import { DEFAULT_NAMESPACE } from "../../k8s/namespaces.ts";
import { noResources } from "./get.ts";
import { goTemplateResult, toYAMLText } from "./output.ts";
import { GET_TABWRITER, tabwrite } from "../../text/tabwriter.ts";
import { executeJsonPath, JsonPathError } from "../jsonpath.ts";
import { sortByField } from "./sortBy.ts";
import { customColumnsText } from "../printers/customColumns.ts";
import { selectByFields } from "../fieldSelector.ts";
import { formatEventType, goCompactJSON } from "../watch.ts";

/** involvedObject.apiVersion: the stored version of the object's kind. */
function apiVersionOfKind(kinds: KindRegistry, kind: string): string {
  const d = kinds.get(kind);
  return d ? apiVersionOf(d) : "v1";
}

export interface ListedEvent {
  /** The Event's own namespace: its object's (`default` for a cluster-scoped object). */
  namespace: string;
  name: string;
  agg: AggregatedEvent;
}

/** `OBJECT.HEX`: the object's name and the first occurrence's Unix time in nanoseconds, in hex. */
function eventName(agg: AggregatedEvent): string {
  // The creation's place keeps names of events of one object within one instant apart.
  const nanos =
    BigInt(EPOCH_MS) * 1_000_000n + BigInt(Math.round(agg.firstTimestamp * 1e9)) + BigInt(agg.seq);
  return `${agg.involvedObject.name}.${nanos.toString(16)}`;
}

const listed = (agg: AggregatedEvent): ListedEvent => ({
  namespace: agg.involvedObject.namespace ?? DEFAULT_NAMESPACE,
  name: eventName(agg),
  agg,
});

/**
 * The events of a namespace (or of all, for `-A`) as the API server lists them: those that
 * exist now (eventCorrelator.ts: what the recorders wrote, within the Event TTL), in key order
 * (namespace, object name, then first time).
 */
export function listEvents(cluster: Cluster, namespace: string | undefined): ListedEvent[] {
  return eventHistory(cluster.events)
    .live(cluster.now)
    .map(listed)
    .filter((e) => namespace === undefined || e.namespace === namespace)
    .sort((a, b) =>
      a.namespace !== b.namespace
        ? a.namespace < b.namespace
          ? -1
          : 1
        : a.name < b.name
          ? -1
          : a.name > b.name
            ? 1
            : 0,
    );
}

/** The wire form of one Event (core/v1), keys sorted as kubectl's printers emit them. */
export function toWireEvent(e: ListedEvent, kinds: KindRegistry): Record<string, unknown> {
  const a = e.agg;
  const o = a.involvedObject;
  return {
    apiVersion: "v1",
    count: a.count,
    eventTime: null,
    firstTimestamp: toRFC3339(a.firstTimestamp),
    involvedObject: {
      apiVersion: apiVersionOfKind(kinds, o.kind),
      kind: o.kind,
      name: o.name,
      // A cluster-scoped object has no namespace (its Event lives in default).
      ...(kinds.get(o.kind)?.namespaced === false ? {} : { namespace: e.namespace }),
      ...(o.uid !== undefined ? { uid: o.uid } : {}),
    },
    kind: "Event",
    lastTimestamp: toRFC3339(a.lastTimestamp),
    message: a.message,
    metadata: { creationTimestamp: toRFC3339(a.firstTimestamp), name: e.name, namespace: e.namespace },
    reason: a.reason,
    reportingComponent: "",
    reportingInstance: "",
    source: { component: a.source },
    type: a.type,
  };
}

const since = (now: Time, t: Time): string => humanDuration(now - t);

function tableText(
  events: readonly ListedEvent[],
  now: Time,
  wide: boolean,
  noHeaders: boolean,
  allNamespaces: boolean,
  /** A watch's: the widths its tabwriter remembers, and the EVENT column of --output-watch-events. */
  watch: { widths?: number[]; eventType?: string } = {},
): string {
  const columns = wide
    ? [
        "LAST SEEN",
        "TYPE",
        "REASON",
        "OBJECT",
        "SUBOBJECT",
        "SOURCE",
        "MESSAGE",
        "FIRST SEEN",
        "COUNT",
        "NAME",
      ]
    : ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"];
  // `-A`: a NAMESPACE column first, as for any namespaced resource.
  const event = watch.eventType;
  const header = [...(event ? ["EVENT"] : []), ...(allNamespaces ? ["NAMESPACE"] : []), ...columns];
  const rows = events.map(({ namespace, name, agg: a }) => {
    const object = `${a.involvedObject.kind.toLowerCase()}/${a.involvedObject.name}`;
    const message = a.message.trim();
    const cells = wide
      ? [
          since(now, a.lastTimestamp),
          a.type,
          a.reason,
          object,
          "",
          a.source,
          message,
          since(now, a.firstTimestamp),
          String(a.count),
          name,
        ]
      : [since(now, a.lastTimestamp), a.type, a.reason, object, message];
    return [...(event ? [formatEventType(event)] : []), ...(allNamespaces ? [namespace] : []), ...cells];
  });
  const lines = [...(noHeaders ? [] : [header]), ...rows].map((cells) => cells.join("\t") + "\n");
  return tabwrite(lines.join(""), { ...GET_TABWRITER, rememberWidths: watch.widths });
}

/**
 * One change of an Event, as a watch on Events sees it: its Event created (ADDED) or patched
 * (MODIFIED) by an emission, or gone with its TTL (DELETED).
 */
export interface EventChange {
  type: "ADDED" | "MODIFIED" | "DELETED";
  /** The Event after this change (a DELETED one as it was last written). */
  event: ListedEvent;
  /** When it happened, and how many events had been emitted by then (an emission's own included). */
  time: number;
  afterEvents: number;
}

/**
 * Every change from emission `from` on, each with its Event as that write left it
 * (eventCorrelator.ts): a new Event (or one made again after its TTL) is ADDED, a count
 * raised is MODIFIED, and an emission the recorder's spam filter skipped changes nothing.
 * With `since` (the watch's start), an Event not written again within EVENT_TTL_SECONDS of its
 * last write is deleted then (its etcd lease runs out: registry/core/event/storage TTLFunc, the
 * watch cache sends DELETED), if that is after `since` and by the time the run stands at; the lease
 * manager's reuse of a lease granted up to a minute before (etcd3 lease_manager.go) is not
 * modelled, as `get events` drops an Event at the TTL too. An expiry comes before the
 * emissions of its instant (the write that makes the Event again among them).
 */
export function eventChanges(cluster: Cluster, from: number, since?: number): EventChange[] {
  const writes = eventHistory(cluster.events).writes;
  const changes: EventChange[] = [];
  for (let i = from; i < writes.length; i++) {
    const w = writes[i];
    if (w.kind === "skipped") continue;
    changes.push({
      type: w.kind === "created" ? "ADDED" : "MODIFIED",
      event: listed(w.event),
      time: cluster.events[i].time,
      afterEvents: i + 1,
    });
  }
  const expiries = since === undefined ? [] : eventExpiries(cluster, since);
  if (expiries.length === 0) return changes;
  return [...expiries, ...changes].sort((a, b) => a.time - b.time || a.afterEvents - b.afterEvents);
}

/** Each Event's deletions by its TTL in (since, now], from every write of the run. */
function eventExpiries(cluster: Cluster, since: number): EventChange[] {
  const writes = eventHistory(cluster.events).writes;
  const emitted = cluster.events;
  // By seq: the last write's index, and each expiry found between two writes of one Event.
  const last = new Map<number, number>();
  const expired: { at: number; write: number }[] = [];
  for (let i = 0; i < writes.length; i++) {
    const w = writes[i];
    if (w.kind === "skipped") continue;
    const before = last.get(w.event.seq);
    if (before !== undefined && emitted[i].time >= emitted[before].time + EVENT_TTL_SECONDS)
      expired.push({ at: emitted[before].time + EVENT_TTL_SECONDS, write: before });
    last.set(w.event.seq, i);
  }
  for (const i of last.values())
    if (emitted[i].time + EVENT_TTL_SECONDS <= cluster.now)
      expired.push({ at: emitted[i].time + EVENT_TTL_SECONDS, write: i });
  return expired
    .filter((x) => x.at > since)
    .sort((a, b) => a.at - b.at || a.write - b.write)
    .map(({ at, write }) => {
      const w = writes[write] as { event: StoredEvent };
      return { type: "DELETED", event: listed(w.event), time: at, afterEvents: emittedBefore(emitted, at) };
    });
}

/** How many emissions came before `time` (the record is in time order). */
function emittedBefore(emitted: readonly { time: number }[], time: number): number {
  let lo = 0;
  let hi = emitted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (emitted[mid].time < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The Events a `get events` keeps (namespace, label and field selectors); an error text for a field it cannot select on. */
function selectEvents(
  cmd: ParsedCommand,
  cluster: Cluster,
  listed: ListedEvent[],
): ListedEvent[] | { error: string } {
  // Events carry no labels: a selector matches none of them.
  let events = typeof cmd.flags.selector === "string" ? [] : listed;
  if (!cmd.allNamespaces) events = events.filter((e) => e.namespace === cmd.namespace);
  const fieldText = cmd.flags["field-selector"];
  if (typeof fieldText !== "string") return events;
  // The server reads the Events themselves (a selector on a wire field).
  return selectByFields(events, "Event", fieldText, (e) => toWireEvent(e, cluster.kinds), {
    resource: "/v1, Resource=events",
    labelSelector: typeof cmd.flags.selector === "string" ? cmd.flags.selector : "",
  });
}

/**
 * `get events -w` (get.go watch()): the list first, printed as `get events` prints it (each
 * Event alone for a non-table printer, an ADDED event with --output-watch-events), then each
 * change after it — a new Event, a repeat counted into one, an Event gone with its TTL —
 * printed by the same printer at the time it happened, its table rows aligned to what was
 * printed before.
 */
function watchEvents(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const selected = selectEvents(cmd, cluster, listEvents(cluster, undefined));
  if ("error" in selected) return fail(selected.error, true);
  const shown = cmd.flags["watch-only"] === true ? [] : selected;
  const out = cmd.output ?? { kind: "table", wide: false };
  const withEvents = cmd.flags["output-watch-events"] === true;
  const noHeaders = cmd.flags["no-headers"] === true;
  const widths: number[] = [];
  let printedAny = false;
  let now = cluster.now;
  const print = (events: readonly ListedEvent[], type: string): string => {
    if (!events.length) return "";
    const header = !printedAny && !noHeaders;
    const firstDoc = !printedAny;
    printedAny = true;
    if (out.kind === "table") {
      const text = tableText(events, now, out.wide, !header, cmd.allNamespaces, {
        widths,
        eventType: withEvents ? type : undefined,
      });
      return text;
    }
    const wires = events.map((e) => toWireEvent(e, cluster.kinds));
    const data = withEvents ? wires.map((object) => ({ type, object })) : wires;
    switch (out.kind) {
      case "name":
        return events.map((e) => `event/${e.name}\n`).join("");
      case "custom-columns":
        return customColumnsText(out.columns, data, !header, widths);
      case "yaml":
        return wires
          .map(
            (w, i) => (firstDoc && i === 0 ? "" : "---\n") + toYAMLText(withEvents ? { object: w, type } : w),
          )
          .join("");
      case "json":
        return data.map((d) => (withEvents ? goCompactJSON(d) + "\n" : toJSONText(d))).join("");
      case "go-template": {
        const results = data.map((d) => goTemplateResult(out.template, d));
        return results.map((r) => (r.exitCode === 0 ? r.stdout : `${r.stderr.trimEnd()}\n`)).join("");
      }
      case "jsonpath":
        try {
          return data.map((d) => executeJsonPath(out.template, d)).join("");
        } catch (e) {
          if (e instanceof JsonPathError)
            return `error: error parsing jsonpath ${out.template}, ${e.message}\n`;
          throw e;
        }
    }
  };
  const stdout = print(shown, "ADDED");
  const from = cluster.events.length;
  const since = cluster.now;
  return {
    ...ok(stdout, true),
    eventWatch: {
      // get.go watch() prints every event the watch delivers, a DELETED one (an Event gone with
      // its TTL) as the object it carries: a row, `type: DELETED` with --output-watch-events.
      lines: () =>
        eventChanges(cluster, from, since).flatMap((c) => {
          const kept = selectEvents(cmd, cluster, [c.event]);
          if ("error" in kept || !kept.length) return [];
          now = c.time;
          return [{ time: c.time, afterEvents: c.afterEvents, text: print(kept, c.type) }];
        }),
    },
  };
}

export function runGetEvents(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  if (cmd.flags.watch === true || cmd.flags["watch-only"] === true) {
    const result = watchEvents(cmd, cluster);
    // get.go Complete: a watch lists in the API server's order.
    if (typeof cmd.flags["sort-by"] !== "string") return result;
    return { ...result, stderr: "warning: --watch or --watch-only requested, --sort-by will be ignored\n" };
  }
  // Events carry no labels: a selector matches none of them.
  let events =
    typeof cmd.flags.selector === "string"
      ? []
      : listEvents(cluster, cmd.allNamespaces ? undefined : cmd.namespace);
  const fieldText = cmd.flags["field-selector"];
  if (typeof fieldText === "string") {
    // The server reads the Events themselves (a selector on a wire field).
    const selected = selectByFields(events, "Event", fieldText, (e) => toWireEvent(e, cluster.kinds), {
      resource: "/v1, Resource=events",
      labelSelector: typeof cmd.flags.selector === "string" ? cmd.flags.selector : "",
    });
    if ("error" in selected) return fail(selected.error, true);
    events = selected;
  }
  if (typeof cmd.flags["sort-by"] === "string") {
    const sorted = sortByField(events, (e) => toWireEvent(e, cluster.kinds), cmd.flags["sort-by"]);
    if (typeof sorted === "string") return fail(sorted, true);
    events = sorted;
  }
  if (!events.length) return ok("", true, noResources(cmd) + "\n");
  const out = cmd.output ?? { kind: "table", wide: false };
  if (out.kind === "table")
    return ok(
      tableText(events, cluster.now, out.wide, cmd.flags["no-headers"] === true, cmd.allNamespaces),
      true,
    );
  return printEvents(events, cluster, cmd, out, { kind: "List", metadata: { resourceVersion: "" } });
}

/**
 * Events in any format but a table: names, custom columns, or the list as YAML, JSON or
 * JSONPath — a `List` for `get events`, an `EventList` for `kubectl events`.
 */
export function printEvents(
  events: readonly ListedEvent[],
  cluster: Cluster,
  cmd: ParsedCommand,
  out: Exclude<OutputFormat, { kind: "table" }>,
  wrapper: { kind: string; metadata: Record<string, string> },
): KubectlResult {
  const items = () => events.map((e) => toWireEvent(e, cluster.kinds));
  const list = () => ({ apiVersion: "v1", items: items(), kind: wrapper.kind, metadata: wrapper.metadata });
  switch (out.kind) {
    case "name":
      return ok(events.map((e) => `event/${e.name}\n`).join(""), true);
    case "custom-columns":
      return ok(customColumnsText(out.columns, items(), cmd.flags["no-headers"] === true), true);
    case "yaml":
      return ok(toYAMLText(list()), true);
    case "json":
      return ok(toJSONText(list()), true);
    case "go-template":
      return goTemplateResult(out.template, list());
    case "jsonpath":
      try {
        return ok(executeJsonPath(out.template, list()), true);
      } catch (e) {
        if (e instanceof JsonPathError)
          return fail(`error: error parsing jsonpath ${out.template}, ${e.message}`, true);
        throw e;
      }
  }
}
