/**
 * kubectl's `-o yaml` text: sigs.k8s.io/yaml.Marshal → go-yaml v2 (encode.go stringv,
 * resolve.go, sorted.go keyList.Less, emitterc.go yaml_emitter_analyze_scalar,
 * yaml_emitter_select_scalar_style and the write_*_scalar functions, best_width 80).
 */
import { describe, expect, it } from "vitest";
import { goYamlText, keyOrder } from "../../src/kubectl/goYaml.ts";

const line = (v: unknown): string => goYamlText({ k: v });

describe("go-yaml v2's scalar styles", () => {
  it("double-quotes a string that would read back as another type (stringv: resolve is not !!str)", () => {
    for (const s of ["123", "-1", "0x1F", "0o17", "017", "1_000", "1.5", ".5", "1e3", "12:30"])
      expect(line(s)).toBe(`k: "${s}"\n`);
    for (const s of [
      "true",
      "False",
      "yes",
      "on",
      "OFF",
      "y",
      "n",
      "~",
      "null",
      ".inf",
      "-.Inf",
      ".nan",
      "<<",
    ])
      expect(line(s)).toBe(`k: "${s}"\n`);
    // parseTimestamp: a date, or a date and time.
    expect(line("2024-01-01")).toBe('k: "2024-01-01"\n');
    expect(line("2024-01-01T00:00:30Z")).toBe('k: "2024-01-01T00:00:30Z"\n');
    // The empty string resolves to null: `resourceVersion: ""` as kubectl prints a List.
    expect(line("")).toBe('k: ""\n');
  });

  it("leaves plain what only looks numeric or boolean in part", () => {
    for (const s of [
      "25%",
      "1.2.3",
      "v1",
      "500m",
      "1Gi",
      "0x",
      "yesterday",
      "-x",
      "a-b",
      "nginx:1.27",
      "a:b",
      "x#y",
    ])
      expect(line(s)).toBe(`k: ${s}\n`);
  });

  it("single-quotes what the emitter's analysis refuses plain (indicators, `: `, ` #`, edge spaces)", () => {
    const cases: [string, string][] = [
      ["*", "'*'"],
      ["@x", "'@x'"],
      ["%x", "'%x'"],
      ["`x", "'`x'"],
      ["&a", "'&a'"],
      ["!x", "'!x'"],
      ["|x", "'|x'"],
      [">x", "'>x'"],
      ["[x", "'[x'"],
      ["{x}", "'{x}'"],
      ["#x", "'#x'"],
      ['"x', `'"x'`],
      ["- x", "'- x'"],
      ["-", "'-'"],
      ["? x", "'? x'"],
      [": x", "': x'"],
      ["a: b", "'a: b'"],
      ["a:", "'a:'"],
      ["x #y", "'x #y'"],
      [" x", "' x'"],
      ["x ", "'x '"],
      ["---", "'---'"],
      ["it's: ok", "'it''s: ok'"],
    ];
    for (const [s, want] of cases) expect(line(s)).toBe(`k: ${want}\n`);
  });

  it("double-quotes with escapes what single quotes cannot hold (a tab, a control character)", () => {
    expect(line("a\tb")).toBe('k: "a\\tb"\n');
    expect(line("bell\u0007")).toBe('k: "bell\\a"\n');
    expect(line("\u0001")).toBe('k: "\\x01"\n');
    expect(line('say "hi": now')).toBe("k: 'say \"hi\": now'\n");
  });

  it("writes a string with a line break as a literal block with its chomping and indent hints", () => {
    expect(line("a\nb\n")).toBe("k: |\n  a\n  b\n");
    expect(line("a\nb")).toBe("k: |-\n  a\n  b\n");
    expect(line("a\n\n")).toBe("k: |+\n  a\n\n");
    expect(line(" a\n")).toBe("k: |2\n   a\n");
    expect(line("a\n\nb\n")).toBe("k: |\n  a\n\n  b\n");
    // Trailing spaces cannot end a block line: double-quoted instead.
    expect(line("a \nb")).toBe('k: "a \\nb"\n');
  });

  it("folds at the first space past column 80, the continuation two past the key", () => {
    const message =
      "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.";
    expect(goYamlText({ message })).toBe(
      "message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available:\n" +
        "  3 No preemption victims found for incoming pod.'\n",
    );
    const plain = "word ".repeat(20) + "end";
    expect(goYamlText({ list: [plain] })).toBe(
      "list:\n- word word word word word word word word word word word word word word word word\n" +
        "  word word word word end\n",
    );
    // A key is never folded.
    const key = "k".repeat(40) + " " + "k".repeat(50);
    expect(goYamlText({ [key]: 1 })).toBe(`${key}: 1\n`);
  });
});

describe("go-yaml v2's block layout", () => {
  it("indents maps by two, lists under a key not at all, empty collections in flow style", () => {
    expect(goYamlText({ a: { b: { c: 1 } }, l: [{ x: 1, y: [1, 2] }, [3, 4]], e: {}, f: [], n: null })).toBe(
      [
        "a:",
        "  b:",
        "    c: 1",
        "e: {}",
        "f: []",
        "l:",
        "- x: 1",
        '  "y":',
        "  - 1",
        "  - 2",
        "- - 3",
        "  - 4",
        // resolve.go reads a plain `n` as false: the key is quoted.
        '"n": null',
        "",
      ].join("\n"),
    );
  });

  it("writes numbers as Go does: whole numbers in full, others with strconv's shortest 'g'", () => {
    expect(goYamlText({ a: 0.5, b: 1234567.5, c: 0.00001, d: 250, e: -3 })).toBe(
      "a: 0.5\nb: 1.2345675e+06\nc: 1e-05\nd: 250\ne: -3\n",
    );
  });
});

describe("go-yaml v2's key order (sorted.go keyList.Less)", () => {
  it("compares runs of digits as numbers and puts a non-letter before a letter", () => {
    const keys = ["item10", "item9", "aa", "a-b", "A", "_x", "b", "a.b", "item09"];
    expect([...keys].sort(keyOrder)).toEqual([
      "_x",
      "A",
      "a-b",
      "a.b",
      "aa",
      "b",
      "item9",
      "item09",
      "item10",
    ]);
  });
});
