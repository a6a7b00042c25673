/**
 * What the plan needs to know about a kubectl line before the run, read from its words:
 * which Deployments and HPAs it creates (so omitted targets can be resolved), whether it
 * watches (`get … -w`), and whether it reads. Full parsing and execution belong to
 * src/kubectl; this only looks at the verb, the resource and the name.
 */

/**
 * Split a command line into words as a POSIX shell would for the forms kubectl lines use:
 * blanks separate, '…' is literal, "…" honours \" and \\, a backslash escapes one character.
 * Example: `get deploy x -o jsonpath='{.spec.replicas}'` → ["get","deploy","x","-o","jsonpath={.spec.replicas}"].
 */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let cur = "";
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === " " || c === "\t") {
      if (inWord) words.push(cur);
      cur = "";
      inWord = false;
    } else if (c === "'") {
      inWord = true;
      const j = line.indexOf("'", i + 1);
      const end = j < 0 ? line.length : j;
      cur += line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      inWord = true;
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === "\\" && (line[i + 1] === '"' || line[i + 1] === "\\")) i++;
        cur += line[i];
      }
    } else if (c === "\\" && i + 1 < line.length) {
      inWord = true;
      cur += line[++i];
    } else {
      inWord = true;
      cur += c;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

const DEPLOYMENT_WORDS = new Set([
  "deployment",
  "deployments",
  "deploy",
  "deployment.apps",
  "deployments.apps",
]);
const HPA_WORDS = new Set([
  "hpa",
  "horizontalpodautoscaler",
  "horizontalpodautoscalers",
  "horizontalpodautoscaler.autoscaling",
]);

export interface KubectlFacts {
  verb: string | undefined;
  /** `create deployment NAME`. */
  createsDeployment?: string;
  /** `autoscale deployment NAME [--name=HPA]`. */
  createsHpa?: { name: string; deployment: string };
  /** `get … -w` / `--watch`: the words of the same command without the watch flag. */
  watch?: { resource: string; name?: string; line: string };
  /** get, describe, rollout status/history, top: commands whose output is the point. */
  reads: boolean;
  /** `apply -f FILE` (each -f / --filename, in order). */
  appliesFiles?: string[];
}

/** Positional words (flags and their values removed). Flags given as `--f v` are taken to take a value unless boolean-looking. */
function positionals(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === "--") break;
    if (w.startsWith("-")) {
      if (!w.includes("=") && VALUE_FLAGS.has(w) && i + 1 < words.length) i++;
      continue;
    }
    out.push(w);
  }
  return out;
}

/** Flags of the supported subset that take their value as the next word. */
const VALUE_FLAGS = new Set([
  "-o",
  "--output",
  "--image",
  "--replicas",
  "--min",
  "--max",
  "--cpu-percent",
  "--name",
  "-f",
  "--filename",
  "--to-revision",
  "-l",
  "--selector",
  "-p",
  "--patch",
  "--type",
  "--port",
  "-n",
  "--namespace",
]);

function flagValue(words: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < words.length; i++) {
    if (words[i] === "--") break;
    if (words[i].startsWith(`${flag}=`)) return words[i].slice(flag.length + 1);
    if (words[i] === flag && i + 1 < words.length) return words[i + 1];
  }
  return undefined;
}

/** `deployment NAME` or `deployment/NAME` from positional words, starting at index i. */
function resourceName(pos: readonly string[], i: number): { resource: string; name?: string } | undefined {
  const w = pos[i];
  if (w === undefined) return undefined;
  const slash = w.indexOf("/");
  if (slash > 0) return { resource: w.slice(0, slash), name: w.slice(slash + 1) };
  return { resource: w, name: pos[i + 1] };
}

export function kubectlFacts(args: string): KubectlFacts {
  const words = splitWords(args);
  const pos = positionals(words);
  const verb = pos[0];
  const facts: KubectlFacts = { verb, reads: false };
  if (verb === "create") {
    const r = resourceName(pos, 1);
    if (r && DEPLOYMENT_WORDS.has(r.resource) && r.name) facts.createsDeployment = r.name;
  } else if (verb === "apply") {
    const files: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (w === "-f" || w === "--filename") {
        if (i + 1 < words.length) files.push(words[++i]);
      } else if (w.startsWith("--filename=")) files.push(w.slice("--filename=".length));
      else if (w.startsWith("-f=")) files.push(w.slice(3));
      else if (w.startsWith("-f") && w.length > 2 && !w.startsWith("--")) files.push(w.slice(2));
    }
    if (files.length > 0) facts.appliesFiles = files;
  } else if (verb === "autoscale") {
    const r = resourceName(pos, 1);
    if (r && DEPLOYMENT_WORDS.has(r.resource) && r.name)
      facts.createsHpa = { name: flagValue(words, "--name") ?? r.name, deployment: r.name };
  } else if (verb === "get" || verb === "describe" || verb === "top") {
    facts.reads = true;
    if (verb === "get" && words.some((w) => w === "-w" || w === "--watch" || w === "--watch=true")) {
      const r = resourceName(pos, 1);
      const rest = words.filter((w) => w !== "-w" && w !== "--watch" && w !== "--watch=true");
      if (r) facts.watch = { resource: r.resource, name: r.name, line: rest.join(" ") };
    }
  } else if (verb === "rollout") {
    facts.reads = pos[1] === "status" || pos[1] === "history";
  }
  return facts;
}

export const isDeploymentWord = (w: string): boolean => DEPLOYMENT_WORDS.has(w);
export const isHpaWord = (w: string): boolean => HPA_WORDS.has(w);
