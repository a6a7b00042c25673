/**
 * A CronJob's spec.timeZone, as Go's time.LoadLocation reads it in kube-controller-manager and
 * the API server: "UTC" (and "") is UTC; any other name is an IANA zone. The zone rules come
 * from the runtime's own time zone database (ECMA-402 Intl, which every runtime the engine runs
 * in carries: Node, Deno, browsers), so nothing is downloaded. A name the database lacks is
 * Go's `unknown time zone NAME`; Go looks names up case-sensitively, so "europe/paris", which
 * Intl would accept, is unknown too. What the machine's database says about a zone's future
 * rules may differ between runtimes; the scenarios here use zones whose 2024 rules are settled.
 */

/** A Location: its UTC offset, in seconds east, at a moment (Unix seconds). */
export interface Zone {
  readonly name: string;
  offsetAt(unix: number): number;
}

export const UTC: Zone = { name: "UTC", offsetAt: () => 0 };

const zones = new Map<string, Zone>();

function intlZone(name: string): Zone | undefined {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: name,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  } catch {
    return undefined;
  }
  const resolved = format.resolvedOptions().timeZone;
  if (resolved.toLowerCase() === name.toLowerCase() && resolved !== name) return undefined;
  return {
    name,
    offsetAt(unix: number): number {
      const whole = Math.floor(unix);
      const parts: Record<string, number> = {};
      for (const p of format.formatToParts(new Date(whole * 1000)))
        if (p.type !== "literal") parts[p.type] = Number(p.value);
      const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
      return local / 1000 - whole;
    },
  };
}

/** time.LoadLocation. Example: "Europe/Paris" → its zone; "Mars/Olympus" → `unknown time zone Mars/Olympus`. */
export function zoneOf(name: string): { zone: Zone } | { error: string } {
  if (name === "" || name === "UTC") return { zone: UTC };
  const known = zones.get(name);
  if (known) return { zone: known };
  const zone = /^[A-Za-z]/.test(name) ? intlZone(name) : undefined;
  if (zone === undefined) return { error: `unknown time zone ${name}` };
  if (zones.size >= 64) zones.clear();
  zones.set(name, zone);
  return { zone };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

/**
 * time.RFC3339 of a moment in a zone: "2024-01-01T03:00:00Z" in UTC (and wherever the offset
 * is zero), "2024-07-01T03:00:00+02:00" in Paris in summer.
 */
export function rfc3339In(unix: number, zone: Zone): string {
  const offset = zone.offsetAt(unix);
  const d = new Date((Math.floor(unix) + offset) * 1000);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (offset === 0) return `${date}T${time}Z`;
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${date}T${time}${sign}${pad(Math.floor(abs / 3600))}:${pad(Math.floor((abs % 3600) / 60))}`;
}
