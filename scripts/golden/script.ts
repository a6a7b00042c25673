/**
 * A scenario being written: declarations first, then statements placed at simulated times and
 * printed in time order (stable for statements at one instant), each instant introduced the
 * ways the language allows — `at T stmt`, `after D stmt`, or `at T` / `after D` alone on a line
 * with the statements under it.
 */
import type { Random } from "./random.ts";

/** A duration in the language, in one of its spellings: 90 → `90s` or `1m30s`, 3600 → `1h` or `60m`. */
export function dur(seconds: number, r?: Random): string {
  if (seconds === 0) return "0s";
  if (!Number.isInteger(seconds)) return `${Math.round(seconds * 1000)}ms`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const plain = r?.chance(0.25) ?? false;
  if (plain && seconds < 600) return `${seconds}s`;
  if (h > 0 && m === 0 && s === 0) return `${h}h`;
  if (h > 0) return `${h * 60 + m}m${s > 0 ? `${s}s` : ""}`;
  if (m > 0) return `${m}m${s > 0 ? `${s}s` : ""}`;
  return `${s}s`;
}

interface Placed {
  t: number;
  text: string;
  seq: number;
}

export class ScenarioWriter {
  private readonly header: string[] = [];
  private readonly declarations: string[] = [];
  private readonly placed: Placed[] = [];
  private runLine: string | undefined;
  /** Files written beside the scenario (manifests it names by path), by file name. */
  readonly files = new Map<string, string>();

  constructor(private readonly r: Random) {}

  comment(text: string): this {
    this.header.push(...text.split("\n").map((l) => (l ? `# ${l}` : "#")));
    return this;
  }

  title(title: string): this {
    this.declarations.push(`scenario "${title.replace(/["\\]/g, (c) => `\\${c}`)}"`);
    return this;
  }

  /** `set KEY = VALUE`, or without the optional `=`. */
  set(key: string, value: string): this {
    this.declarations.push(this.r.chance(0.7) ? `set ${key} = ${value}` : `set ${key} ${value}`);
    return this;
  }

  manifest(name: string, yaml: string, tag = "YAML"): this {
    this.declarations.push(`manifest ${name} = <<${tag}\n${yaml.endsWith("\n") ? yaml : yaml + "\n"}${tag}`);
    return this;
  }

  manifestFile(name: string, path: string): this {
    this.declarations.push(`manifest ${name} = file "${path}"`);
    return this;
  }

  /** A file beside the scenario, e.g. the manifest of `apply file "web.yaml"`. */
  file(name: string, text: string): this {
    this.files.set(name, text);
    return this;
  }

  /** A statement at simulated time t (seconds). */
  at(t: number, text: string): this {
    this.placed.push({ t, text, seq: this.placed.length });
    return this;
  }

  /** End the run at absolute time `end`: `run until T`, or `run for D` from the last statement's time. */
  endAt(wanted: number): this {
    const last = this.lastTime;
    // Never before the last statement: the run covers everything the scenario placed.
    const end = Math.max(wanted, last + 30);
    this.runLine = this.r.chance(0.7)
      ? `run for ${dur(end - last, this.r)}`
      : `run until ${dur(end, this.r)}`;
    return this;
  }

  /** The latest time any statement is placed at. */
  get lastTime(): number {
    return this.placed.reduce((m, p) => Math.max(m, p.t), 0);
  }

  render(): string {
    const out: string[] = [...this.header];
    if (this.header.length > 0) out.push("");
    for (const d of this.declarations) out.push(d, ...(d.includes("\n") ? [""] : []));
    if (out.length > 0 && out[out.length - 1] !== "") out.push("");
    const sorted = [...this.placed].sort((a, b) => a.t - b.t || a.seq - b.seq);
    let prev: number | undefined;
    for (let i = 0; i < sorted.length;) {
      const t = sorted[i].t;
      const group: string[] = [];
      while (i < sorted.length && sorted[i].t === t) group.push(sorted[i++].text);
      const mark =
        prev !== undefined && t > prev && this.r.chance(0.3)
          ? `after ${dur(t - prev, this.r)}`
          : `at ${dur(t, this.r)}`;
      const style = group.some((g) => g.includes("\n"))
        ? "block"
        : this.r.pick(["inline", "block", "semicolons"]);
      if (prev !== undefined) out.push("");
      if (style === "block") out.push(mark, ...group);
      else if (style === "semicolons" && group.length > 1 && group.every((g) => !g.startsWith("kubectl")))
        out.push(`${mark} ${group.join("; ")}`);
      else out.push(`${mark} ${group[0]}`, ...group.slice(1));
      prev = t;
    }
    if (this.runLine) out.push(this.runLine);
    return out.join("\n") + "\n";
  }
}
