import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isDNS1123Subdomain,
  TOTAL_ANNOTATION_SIZE_LIMIT_B,
  utf8Length,
  validateObjectMeta,
} from "../../src/k8s/validateMeta.ts";

// apimachinery objectmeta.go ValidateAnnotationsSize counts len(k)+len(v) of Go strings: UTF-8
// bytes. utf8Length must count exactly the bytes TextEncoder makes (a lone surrogate becomes
// U+FFFD, 3 bytes), without making them.
describe("utf8Length", () => {
  const bytes = (s: string) => new TextEncoder().encode(s).length;

  it("counts what TextEncoder makes, for ASCII, 2-, 3- and 4-byte characters", () => {
    for (const s of ["", "a", "app.kubernetes.io/name", "é", "ü-ß", "€", "日本語", "😀", "a😀b€é"])
      expect(utf8Length(s)).toBe(bytes(s));
  });

  it("counts a lone surrogate as its replacement character (3 bytes)", () => {
    for (const s of ["\ud800", "\udc00", "a\ud83d", "\ud83db", "\ude00\ud83d", "\ud83d\ud83d\ude00"])
      expect(utf8Length(s)).toBe(bytes(s));
  });

  it("agrees with TextEncoder on random strings of UTF-16 code units", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), (a, b) => {
        expect(utf8Length(a)).toBe(bytes(a));
        expect(utf8Length(b)).toBe(bytes(b));
      }),
      { numRuns: 500 },
    );
  });

  it("sizes annotations by bytes: 2-byte characters reach the limit at half the length", () => {
    const half = "é".repeat(TOTAL_ANNOTATION_SIZE_LIMIT_B / 2);
    const meta = (v: string) => ({ name: "x", annotations: { k: v } });
    // "k" is 1 byte: 131,072 two-byte characters make 262,145 bytes, one over.
    expect(
      validateObjectMeta(meta(half), isDNS1123Subdomain).some((e) => e.field === "metadata.annotations"),
    ).toBe(true);
    expect(
      validateObjectMeta(meta(half.slice(1)), isDNS1123Subdomain).some(
        (e) => e.field === "metadata.annotations",
      ),
    ).toBe(false);
  });
});
