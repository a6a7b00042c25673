/**
 * The pieces every `kubectl describe` output is built from (k8s.io/kubectl/pkg/describe):
 * a PrefixWriter that indents by two spaces per level, tab-separated cells laid out by the
 * tabwriter with minwidth 0 and padding 2 (tabbedString), labels and annotations printed one
 * per line, timestamps in RFC 1123 with numeric zone, and the Events table.
 */
import { DEFAULT_NAMESPACE } from "../namespaces.ts";
import { humanDuration } from "../duration.ts";
import { EPOCH_MS } from "../time.ts";
import type { KubeEvent, Time } from "../types.ts";
import { eventHistory, type StoredEvent } from "../eventCorrelator.ts";
import { DESCRIBE_TABWRITER, tabwrite } from "../../text/tabwriter.ts";

/** What describers write to: PrefixWriter, or a raw one (rollout history --revision keeps tabs). */
export interface Writer {
  write(level: number, text: string): void;
  flush(): void;
}

export class PrefixWriter implements Writer {
  private readonly sections: string[] = [];
  private buf = "";

  /** w.Write(level, text): the indent is part of the first cell. */
  write(level: number, text: string): void {
    this.buf += "  ".repeat(level) + text;
  }

  /** w.Flush(): what was written so far is aligned on its own (DescribeEvents flushes first). */
  flush(): void {
    if (this.buf) this.sections.push(tabwrite(this.buf, DESCRIBE_TABWRITER));
    this.buf = "";
  }

  toString(): string {
    this.flush();
    return this.sections.join("");
  }
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad2 = (n: number) => String(n).padStart(2, "0");

/** time.RFC1123Z ("Mon, 02 Jan 2006 15:04:05 -0700") in UTC, from the run's fixed epoch. */
export function rfc1123z(t: Time): string {
  const d = new Date(EPOCH_MS + Math.floor(t) * 1000);
  return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}

/** printLabelsMultilineWithIndent: sorted `k=v`, continuation lines start with the inner tab. */
export function printLabelsMultiline(
  w: Writer,
  title: string,
  labels: Record<string, string> | undefined,
  initialIndent = "",
): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (!keys.length) {
    w.write(0, "<none>\n");
    return;
  }
  keys.forEach((k, i) => {
    // Two writes, as upstream's: a nested writer (ephemeralVolume.ts) indents each.
    if (i) {
      w.write(0, initialIndent);
      w.write(0, "\t");
    }
    w.write(0, `${k}=${(labels as Record<string, string>)[k]}\n`);
  });
}

/** describe.go maxAnnotationLen: longer values (or multi-line ones) go below their key, cut to 138 characters plus "...". */
const MAX_ANNOTATION_LEN = 140;

/**
 * describe.go skipAnnotations: the last-applied configuration `kubectl apply` writes is never
 * shown (kubernetes PR #88758, kubectl 1.19); an object with no other annotation prints
 * `<none>` (kubernetes/kubectl#966).
 */
const SKIP_ANNOTATIONS = new Set(["kubectl.kubernetes.io/last-applied-configuration"]);

export function printAnnotationsMultiline(
  w: Writer,
  title: string,
  annotations: Record<string, string> | undefined,
  initialIndent = "",
): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort();
  if (!keys.length) {
    w.write(0, "<none>\n");
    return;
  }
  const indent = `${initialIndent}\t`;
  keys.forEach((k, i) => {
    if (i) w.write(0, indent);
    const value = (annotations as Record<string, string>)[k].replace(/\n$/, "");
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes("\n")) {
      w.write(0, `${k}:\n`);
      for (const s of value.split("\n")) {
        const cut = s.length > MAX_ANNOTATION_LEN - 2 ? s.slice(0, MAX_ANNOTATION_LEN - 2) + "..." : s;
        w.write(0, `${indent}  ${cut}\n`);
      }
    } else {
      w.write(0, `${k}: ${value}\n`);
    }
  });
}

/** An Event as the API server stores it, after the recorder's correlator (eventCorrelator.ts). */
export type AggregatedEvent = StoredEvent;

/**
 * The Events of one object that exist at `now` (of a namespace: "" or `default` for a
 * cluster-scoped one), as `kubectl describe` lists them: searchEvents selects them by the
 * object's name, namespace, kind and uid; SortableEvents orders them by lastTimestamp (stable
 * here, so ties keep their creation order).
 */
export function aggregateEvents(
  events: readonly KubeEvent[],
  now: Time,
  kind: string,
  name: string,
  uid?: string,
  namespace = "",
): AggregatedEvent[] {
  const ns = namespace || DEFAULT_NAMESPACE;
  return eventHistory(events)
    .live(now)
    .filter(
      (e) =>
        e.involvedObject.kind === kind &&
        e.involvedObject.name === name &&
        (e.involvedObject.namespace ?? DEFAULT_NAMESPACE) === ns &&
        !(uid && e.involvedObject.uid && e.involvedObject.uid !== uid),
    )
    .sort((a, b) => a.lastTimestamp - b.lastTimestamp);
}

/** DescribeEvents: "Events:\t<none>", or a table of Type, Reason, Age ("17m (x8 over 19m)"), From, Message. */
export function describeEvents(w: Writer, events: readonly AggregatedEvent[], now: Time): void {
  if (!events.length) {
    w.write(0, "Events:\t<none>\n");
    return;
  }
  w.flush();
  w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(1, "----\t------\t----\t----\t-------\n");
  for (const e of events) {
    const first = humanDuration(now - e.firstTimestamp);
    const interval =
      e.count > 1 ? `${humanDuration(now - e.lastTimestamp)} (x${e.count} over ${first})` : first;
    w.write(1, `${e.type}\t${e.reason}\t${interval}\t${e.source}\t${e.message.trim()}\n`);
  }
}
