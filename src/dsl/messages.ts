/**
 * The one catalogue of what the scenario reader says (after TypeScript's
 * diagnosticMessages.json and Vega-Lite's log/message.ts): each message is a small function of
 * its inputs with a stable code. Codes: RC1xxx lexical, RC2xxx syntax, RC3xxx meaning,
 * RC9xxx internal. test/dsl/messages.test.ts checks that codes are unique.
 * Wording: lower-case, no final period, names in backticks, as Kubernetes and kubectl write
 * their errors; a hint says what to write instead.
 */

export interface MessageText {
  code: string;
  message: string;
  hint?: string;
}

export type MessageTemplate<A extends unknown[]> = ((...args: A) => MessageText) & { readonly code: string };

function def<A extends unknown[]>(
  code: string,
  build: (...args: A) => { message: string; hint?: string },
): MessageTemplate<A> {
  const template = (...args: A): MessageText => {
    const { message, hint } = build(...args);
    return hint === undefined ? { code, message } : { code, message, hint };
  };
  return Object.assign(template, { code });
}

/** `text` in backticks, shortened and with invisible characters made visible. */
export function quote(text: string, max = 40): string {
  const visible = [...text]
    .map((ch) => {
      const c = ch.codePointAt(0)!;
      if (c < 0x20 || c === 0x7f || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffd) {
        return `\\u{${c.toString(16).toUpperCase().padStart(4, "0")}}`;
      }
      return ch;
    })
    .join("");
  const short = visible.length > max ? `${visible.slice(0, max - 1)}…` : visible;
  return `\`${short}\``;
}

/** "a, b or c". */
export function oneOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

const didYouMean = (suggestion: string | undefined, otherwise?: string): string | undefined =>
  suggestion !== undefined ? `did you mean \`${suggestion}\`?` : otherwise;

const durationHint = "durations carry a unit: 500ms, 15s, 5m, 2h, 1d or 1m30s";

export const messages = {
  // ── Lexical ──
  unexpectedCharacters: def("RC1001", (text: string) => ({
    message: `unexpected character${[...text].length > 1 ? "s" : ""} ${quote(text)}`,
    hint: text.startsWith("'") ? "strings are written in double quotes" : undefined,
  })),
  badLiteral: def("RC1002", (text: string) => ({
    message: `${quote(text)} is not a number, a duration or a quantity`,
    hint: `${durationHint}; amounts look like 500m, 1.5, 80%, 50Mi, 1Gi or 1e6`,
  })),
  unterminatedString: def("RC1003", () => ({
    message: 'unterminated string: the line ends before the closing `"`',
  })),
  unknownEscape: def("RC1004", (sequence: string) => ({
    message: `unknown escape ${quote(sequence)} in a string`,
    hint: 'a string knows \\" (a quote), \\\\ (a backslash), \\n and \\t',
  })),
  unterminatedHeredoc: def("RC1005", (tag: string) => ({
    message: `heredoc \`<<${tag}\` is never closed`,
    hint: `end it with a line holding only \`${tag}\``,
  })),
  textAfterHeredoc: def("RC1006", (tag: string, text: string) => ({
    message: `unexpected ${quote(text.trim())} after \`<<${tag}\``,
    hint: "the heredoc body starts on the next line; only a comment may follow on this one",
  })),
  unclosedKubectlQuote: def("RC1007", (q: string) => ({
    message: `unclosed ${quote(q)} in the kubectl command line`,
  })),
  emptyKubectl: def("RC1008", () => ({
    message: "expected a kubectl command after `kubectl`",
    hint: "for example `kubectl get pods` or `kubectl rollout status deployment/web`",
  })),

  // ── Syntax ──
  /** `expectsDuration`: what was expected first is a duration (the hint shows how one is written). */
  expectedToken: def(
    "RC2001",
    (expected: string, previous: string | undefined, found: string, expectsDuration = false) => ({
      message: `expected ${expected}${previous === undefined ? "" : ` after ${previous}`}, found ${found}`,
      hint: expectsDuration ? durationHint : undefined,
    }),
  ),
  expectedStatement: def("RC2002", (found: string, suggestion: string | undefined, after?: string) => ({
    message: `expected a statement${after === undefined ? "" : ` after ${after}`}, found ${found}`,
    hint: didYouMean(
      suggestion,
      "a statement starts with scenario, manifest, set, apply, kubectl, load, watch, nodes, autoscale, explain, run, expect, at or after",
    ),
  })),
  expectedEndOfStatement: def("RC2003", (previous: string, found: string) => ({
    message: `expected a new line or \`;\` after ${previous}, found ${found}`,
    hint: "each statement ends at the end of its line or at `;`",
  })),
  tooManyErrors: def("RC2004", (shown: number, more: number) => ({
    message: `${more} more error${more === 1 ? "" : "s"} not shown (the first ${shown} are)`,
  })),

  // ── Meaning ──
  unknownSetting: def("RC3001", (key: string, suggestion: string | undefined, known: readonly string[]) => ({
    message: `unknown setting ${quote(key)}`,
    hint: didYouMean(suggestion, `settings: ${known.join(", ")}`),
  })),
  badSettingValue: def("RC3002", (key: string, type: string, raw: string) => ({
    message: `setting \`${key}\` takes ${settingTypeWords[type] ?? type}, not ${quote(raw)}`,
    hint: settingTypeHints[type],
  })),
  timeGoesBackwards: def("RC3003", (written: string, previous: string) => ({
    message: `time goes backwards: ${quote(written)} comes after a statement at ${previous}`,
    hint: "order statements by time, or use `after D` for a time relative to the previous statement",
  })),
  timeSetHere: def("RC3004", (previous: string) => ({ message: `the time was ${previous} here` })),
  duplicateManifest: def("RC3005", (name: string) => ({
    message: `manifest \`${name}\` is declared twice`,
    hint: "give each manifest its own name",
  })),
  firstDeclaredHere: def("RC3006", (what: string) => ({ message: `${what} first declared here` })),
  duplicateTitle: def("RC3007", () => ({ message: "the scenario has a title already" })),
  duplicateRun: def("RC3008", () => ({
    message: "`run` appears twice; a scenario ends once",
  })),
  unknownQuantity: def(
    "RC3009",
    (word: string, suggestion: string | undefined, known: readonly string[]) => ({
      message: `unknown quantity ${quote(word)}`,
      hint: didYouMean(suggestion, `quantities: ${known.join(", ")}`),
    }),
  ),
  /** `known`: the kinds' words, e.g. "deployment (deploy), rs, pod (po), service (svc), hpa". */
  unknownKind: def("RC3010", (kind: string, suggestion: string | undefined, known: string) => ({
    message: `unknown kind ${quote(kind)}`,
    hint: didYouMean(suggestion, `kinds: ${known}`),
  })),
  badExpectValue: def("RC3011", (quantity: string, wanted: string, raw: string) => ({
    message: `\`${quantity}\` compares with ${wanted}, not ${quote(raw)}`,
  })),
  notAWholeNumber: def("RC3012", (what: string, raw: string) => ({
    message: `${what} must be a whole number, not ${quote(raw)}`,
  })),
  windowEndsBeforeStart: def("RC3013", (from: string, to: string) => ({
    message: `the window ends before it starts: from ${from} to ${to}`,
  })),
  notPositive: def("RC3014", (what: string, raw: string) => ({
    message: `${what} must be greater than zero, not ${quote(raw)}`,
  })),

  optionNotHere: def("RC3015", (option: string, why: string) => ({
    message: `\`${option}\` does not fit here: ${why}`,
  })),
  duplicateOption: def("RC3016", (option: string) => ({
    message: `\`${option}\` is given twice`,
    hint: "keep one",
  })),
  unknownLatencyStatistic: def("RC3017", (word: string | undefined, suggestion: string | undefined) => ({
    message:
      word === undefined
        ? "say which latency to compare: a percentile such as p95, or mean"
        : `unknown latency statistic ${quote(word)}`,
    hint: didYouMean(
      suggestion,
      "write p50, p90, p95, p99, p99.9 (any pNN) or mean, e.g. `expect latency p95 <= 200ms`",
    ),
  })),

  badPoolName: def("RC3018", (name: string, problem: string) => ({
    message: `node pool name ${quote(name)} ${problem}`,
    hint: "a pool names its nodes POOL-1, POOL-2, …: use lower-case letters, digits and `-`, e.g. `pool-a`",
  })),
  badZone: def("RC3020", (zone: string, problem: string) => ({
    message: `zone ${quote(zone)} is not a valid label value: ${problem}`,
    hint: "the zone becomes the nodes' topology.kubernetes.io/zone label, e.g. `zone eu-west-1a`",
  })),
  badNodeBounds: def("RC3019", (min: number, max: number) => ({
    message: `\`from ${min} to ${max}\` asks for at least ${min} nodes and at most ${max}`,
    hint: "the first bound is the pool's minimum size, the second its maximum: `from 1 to 10`",
  })),

  // ── Internal ──
  internalError: def("RC9001", (detail: string) => ({
    message: `internal error while reading the scenario: ${detail}`,
    hint: "this is a bug in replicast; please report it with the scenario that caused it",
  })),
};

const settingTypeWords: Record<string, string> = {
  duration: "a duration",
  number: "a number",
  integer: "a whole number",
  boolean: "true or false",
  version: "a Kubernetes version",
};

const settingTypeHints: Record<string, string> = {
  duration: durationHint,
  number: "for example 0.1, 10% or 50Mi",
  integer: "for example 3",
  boolean: "write true or false",
  version: "for example 1.22 (kubectl 1.22) or 1.34",
};

export type MessageKey = keyof typeof messages;
