/**
 * oneByte (src/scenario/oneByte.ts): the same characters, held one byte a character by V8
 * where they fit. V8's serializer writes a string's own width as its tag (value-serializer.cc
 * WriteString: kOneByteString `"`, kTwoByteString `c`), which is how the width is seen here.
 */
import fc from "fast-check";
import { serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import { oneByte } from "../../src/scenario/oneByte.ts";
import { memoryHost, runScenario } from "../../src/scenario/index.ts";

const twoByte = (s: string): boolean => serialize(s)[2] === "c".charCodeAt(0);

describe("oneByte", () => {
  it("keeps every string's characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(oneByte(s)).toBe(s);
      }),
      { seed: 21, numRuns: 500 },
    );
    for (const s of ["", "\u0000", "\ud800", "a\udfffb", "×", "–", '"\\\n']) expect(oneByte(s)).toBe(s);
  });

  it("makes a cut of a two-byte text one-byte when its characters fit, and leaves the rest", () => {
    const source = "title – 10×\nname: app-server-deployment\n";
    const cut = source.slice(source.indexOf("name"));
    expect(twoByte(cut)).toBe(true);
    expect(twoByte(oneByte(cut))).toBe(false);
    expect(twoByte(oneByte(source.slice(source.indexOf("10×"))))).toBe(false);
    expect(oneByte(source)).toBe(source);
    expect(twoByte(oneByte(source))).toBe(true);
  });

  it("gives a heredoc's names one byte a character in a scenario whose file needs two", async () => {
    const text = [
      'scenario "Scale – up"',
      "manifest web = <<YAML",
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata: { name: web }",
      "spec:",
      "  replicas: 2",
      "  selector: { matchLabels: { app: web } }",
      "  template:",
      "    metadata: { labels: { app: web } }",
      "    spec: { containers: [{ name: app, image: nginx }] }",
      "YAML",
      "at 0s apply web",
      "expect replicas == 2 at 1m",
    ].join("\n");
    const r = await runScenario({ text, file: "s.scn" }, { host: memoryHost({}) });
    expect(r.passed).toBe(true);
    const events = r.trace!.events;
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(twoByte(e.involvedObject.name)).toBe(false);
      expect(twoByte(e.message)).toBe(false);
    }
  });
});
