// pod-template-hash: ComputeHash (pkg/controller/controller_utils.go), SafeEncodeString
// (apimachinery/pkg/util/rand/rand.go), EqualIgnoreHash (deployment/util/deployment_util.go).
import { describe, expect, it } from "vitest";
import {
  POD_TEMPLATE_HASH_LABEL,
  canonicalJSON,
  computeHash,
  fnv32a,
  safeEncodeString,
  templateEqualIgnoringHash,
  utf8,
} from "../../src/k8s/hash.ts";
import type { PodTemplateSpec } from "../../src/k8s/types.ts";

const template = (image: string, labels: Record<string, string> = { app: "web" }): PodTemplateSpec => ({
  metadata: { labels },
  spec: { containers: [{ name: "web", image, resources: { requests: { cpu: "500m" } } }] },
});

describe("FNV-32a (hash/fnv)", () => {
  // Published FNV-1a 32-bit test vectors.
  it.each([
    ["", 0x811c9dc5],
    ["a", 0xe40c292c],
    ["foobar", 0xbf9cf968],
  ])("fnv32a(%j) = %i", (s, want) => {
    expect(fnv32a(new TextEncoder().encode(s))).toBe(want);
  });
});

describe("safeEncodeString (util/rand)", () => {
  it("maps each digit's character code modulo 27", () => {
    expect(safeEncodeString("1234567890")).toBe("56789bcdf4");
  });
  it("only ever yields the ten characters real pod-template-hashes use", () => {
    expect(safeEncodeString("4294967295")).toMatch(/^[456789bcdf]+$/);
  });
});

describe("computeHash", () => {
  it("is stable for the same template and independent of key order", () => {
    const a = template("nginx:1.25");
    const b: PodTemplateSpec = {
      spec: { containers: [{ image: "nginx:1.25", name: "web", resources: { requests: { cpu: "500m" } } }] },
      metadata: { labels: { app: "web" } },
    };
    expect(computeHash(a)).toBe(computeHash(b));
    expect(computeHash(a)).toMatch(/^[456789bcdf]{1,10}$/);
  });

  it("changes with the template and with the collision count", () => {
    const base = computeHash(template("nginx:1.25"));
    expect(computeHash(template("nginx:1.26"))).not.toBe(base);
    expect(computeHash(template("nginx:1.25"), 1)).not.toBe(base);
    expect(computeHash(template("nginx:1.25"), 1)).not.toBe(computeHash(template("nginx:1.25"), 2));
    expect(computeHash(template("nginx:1.25"), 0)).not.toBe(base);
  });

  it("is the encoded decimal FNV-32a of the sorted-key JSON", () => {
    const t = template("busybox:v1");
    const h = fnv32a(new TextEncoder().encode(canonicalJSON(t)));
    expect(computeHash(t)).toBe(safeEncodeString(String(h)));
  });
});

describe("canonicalJSON", () => {
  it("sorts keys at every level and drops undefined fields", () => {
    expect(canonicalJSON({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe("templateEqualIgnoringHash (EqualIgnoreHash)", () => {
  it("ignores the pod-template-hash label", () => {
    const rsTemplate = template("nginx:1.25", { app: "web", [POD_TEMPLATE_HASH_LABEL]: "5d59d67564" });
    expect(templateEqualIgnoringHash(template("nginx:1.25"), rsTemplate)).toBe(true);
  });
  it("sees any other difference", () => {
    expect(templateEqualIgnoringHash(template("nginx:1.25"), template("nginx:1.26"))).toBe(false);
    expect(
      templateEqualIgnoringHash(template("nginx:1.25", { app: "a" }), template("nginx:1.25", { app: "b" })),
    ).toBe(false);
  });
  it("treats missing and empty maps alike, and quantities by value (Semantic.DeepEqual)", () => {
    const a: PodTemplateSpec = {
      metadata: {},
      spec: { containers: [{ name: "c", image: "i", resources: { requests: { cpu: "0.5" } } }] },
    };
    const b: PodTemplateSpec = {
      metadata: { labels: {} },
      spec: { containers: [{ name: "c", image: "i", resources: { requests: { cpu: "500m" } } }] },
    };
    expect(templateEqualIgnoringHash(a, b)).toBe(true);
  });
});

describe("utf8 (host-independent encoding for the hash)", () => {
  it.each(["", "plain ascii", "é", "日本語", "emoji 🚀", "mixed: ä€𝄞"])("%j matches TextEncoder", (s) => {
    expect(Array.from(utf8(s))).toEqual(Array.from(new TextEncoder().encode(s)));
  });
});
