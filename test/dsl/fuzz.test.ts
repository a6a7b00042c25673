// Whatever the input, parseScenario never throws, reports no internal error, and every
// diagnostic points at a real place in the text. Inputs are seeded, so failures replay.
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/text/diagnostic.ts";
import { formatDiagnostic, LineMap, parseScenario } from "../../src/dsl/index.ts";
import { messages } from "../../src/dsl/messages.ts";
import { mulberry32 } from "../../src/engine/rng.ts";

/** The engine's seeded PRNG (mulberry32), as a function. */
function prng(seed: number): () => number {
  const rng = mulberry32(seed);
  return () => rng.next();
}

const knownCodes = new Set(Object.values(messages).map((m) => m.code));

function checkWellFormed(text: string): Diagnostic[] {
  const result = parseScenario(text, "fuzz.scn");
  const lines = new LineMap(text);
  for (const d of result.diagnostics) {
    expect(knownCodes.has(d.code), d.code).toBe(true);
    expect(d.code, d.message).not.toBe(messages.internalError.code);
    const { offset, length, line, col, endLine, endCol } = d.span;
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset + length).toBeLessThanOrEqual(text.length);
    expect(lines.position(offset)).toEqual({ line, col });
    expect(lines.position(offset + length)).toEqual({ line: endLine, col: endCol });
    expect(typeof formatDiagnostic(d, text, { color: true })).toBe("string");
  }
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  expect(result.scenario === undefined).toBe(errors.length > 0);
  return result.diagnostics;
}

const valid = [
  'scenario "HPA on CPU"',
  "manifest deploy = <<YAML\napiVersion: apps/v1\nkind: Deployment\nYAML",
  "set hpa.sync-period = 15s",
  "at 0s apply deploy; at 60s load cpu 180%; expect replicas 3 within 30s",
  "kubectl set image deployment/demo-rollout busybox=busybox:v2 --record=true",
  "after 30s\nload cpu 100% ramp to 400% over 5m",
  "load cpu steps 100% 300% 50% every 2m",
  "load memory 50Mi per pod on 2 pods for 10m",
  "expect hpa condition ScalingLimited == True reason TooManyReplicas",
  "expect image busybox=busybox:v2 at 5m",
  "expect hpa scale-events <= 4 per 10m",
  'expect event "New size: 3" never',
  "expect pod-minutes <= 120 from 0s to 1h",
  "run for 20m",
].join("\n");

const alphabet = ' \n\t;#"\\<>=!%/.:-_0123456789abcdefmsyMiKGe@$\u0000\ud800\u00e9YAML';

describe("parseScenario never throws", () => {
  it("accepts the valid corpus without diagnostics", () => {
    expect(checkWellFormed(valid)).toEqual([]);
  });

  it("survives random characters", () => {
    const random = prng(1);
    for (let n = 0; n < 400; n++) {
      const length = Math.floor(random() * 120);
      let text = "";
      for (let i = 0; i < length; i++) {
        text +=
          random() < 0.2
            ? String.fromCharCode(Math.floor(random() * 0x10000))
            : alphabet[Math.floor(random() * alphabet.length)];
      }
      checkWellFormed(text);
    }
  });

  it("survives mutations of a valid scenario, and reports something for most", () => {
    const random = prng(2);
    let reported = 0;
    const rounds = 400;
    for (let n = 0; n < rounds; n++) {
      let text = valid;
      const edits = 1 + Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * text.length);
        const kind = random();
        const ch = alphabet[Math.floor(random() * alphabet.length)];
        if (kind < 0.33) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 6));
        else if (kind < 0.66) text = text.slice(0, at) + ch + text.slice(at);
        else text = text.slice(0, at) + ch + text.slice(at + 1);
      }
      if (checkWellFormed(text).length > 0) reported++;
    }
    expect(reported).toBeGreaterThan(rounds / 3);
  });

  it.each([
    ["a megabyte of (", "(".repeat(1 << 20)],
    ["100,000 of <", "<".repeat(100_000)],
    ["20,000 lines of garbage statements", "foo bar\n".repeat(20_000)],
    ["NUL bytes", "\u0000".repeat(1000)],
    ["a lone surrogate", 'scenario "\ud800"\n\udc00'],
    ["an unterminated heredoc at the end", "apply <<YAML"],
    ["an unterminated heredoc with a body", "apply <<YAML\nkind: x\n"],
    ["an unterminated string", 'scenario "abc'],
    ["a string ending in a backslash", 'scenario "abc\\'],
    ["only separators", ";;;\n\n;"],
    ["a byte-order mark", "\ufeffapply deploy"],
    ["CR line endings only", "apply a\rapply b\r"],
    ["a huge number", `expect replicas ${"9".repeat(400)}`],
    ["a huge exponent", "load memory 1e999999 per pod"],
    ["deep kubectl quoting", `kubectl get pods ${'"'.repeat(9999)}`],
  ])("%s", (_name, text) => {
    const started = performance.now();
    const diagnostics = checkWellFormed(text);
    // Generous: these machines are shared; the point is no blow-up (linear, not quadratic).
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(diagnostics.length).toBeLessThanOrEqual(101);
  });

  it("reports garbage statements all at once, capped with a summary", () => {
    const diagnostics = checkWellFormed("foo bar\n".repeat(500));
    expect(diagnostics).toHaveLength(101);
    expect(diagnostics[100]).toMatchObject({
      code: messages.tooManyErrors.code,
      message: "400 more errors not shown (the first 100 are)",
    });
  });
});
