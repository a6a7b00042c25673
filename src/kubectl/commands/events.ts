/**
 * `kubectl get events` (also `event`, `ev`). Events are not objects in the simulated store:
 * the recorder keeps them, and this turns them into what the API server would list. Each
 * aggregate (EventCorrelator: same source, object, type, reason, message) is one Event
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
import * as msg from "../messages.ts";
import type { OutputFormat, ParsedCommand } from "../command.ts";
import { correlateEvents, type AggregatedEvent } from "../../k8s/printing/describeWriter.ts";
import { fail, ok, type KubectlResult } from "../result.ts";
import { toJSONText } from "../serialize.ts";
import { DEFAULT_NAMESPACE } from "../../k8s/namespaces.ts";
import { noResources } from "./get.ts";
import { toYAMLText } from "./output.ts";
import { GET_TABWRITER, tabwrite } from "../../text/tabwriter.ts";
import { executeJsonPath, JsonPathError } from "../jsonpath.ts";
import { sortByField } from "./sortBy.ts";
import { customColumnsText } from "../printers/customColumns.ts";
import { selectByFields } from "../fieldSelector.ts";

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
function eventName(agg: AggregatedEvent, seq: number): string {
  const nanos = BigInt(EPOCH_MS) * 1_000_000n + BigInt(Math.round(agg.firstTimestamp * 1e9)) + BigInt(seq);
  return `${agg.involvedObject.name}.${nanos.toString(16)}`;
}

/**
 * The events of a namespace (or of all, for `-A`) as the API server lists them: in key order
 * (namespace, object name, then first time).
 */
export function listEvents(cluster: Cluster, namespace: string | undefined): ListedEvent[] {
  // The sequence number keeps names of events of one object within one instant apart.
  const listed = correlateEvents(cluster.events)
    .map((agg, seq) => ({
      namespace: agg.involvedObject.namespace ?? DEFAULT_NAMESPACE,
      name: eventName(agg, seq),
      agg,
    }))
    .filter((e) => namespace === undefined || e.namespace === namespace);
  return listed.sort((a, b) =>
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
  events: ListedEvent[],
  now: Time,
  wide: boolean,
  noHeaders: boolean,
  allNamespaces: boolean,
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
  const header = allNamespaces ? ["NAMESPACE", ...columns] : columns;
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
    return allNamespaces ? [namespace, ...cells] : cells;
  });
  const lines = [...(noHeaders ? [] : [header]), ...rows].map((cells) => cells.join("\t") + "\n");
  return tabwrite(lines.join(""), GET_TABWRITER);
}

export function runGetEvents(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  if (cmd.flags.watch === true || cmd.flags["watch-only"] === true)
    return fail(msg.notSupported("watching events (-w)"), true);
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
