// `| base64 -d` after a kubectl command (src/kubectl/pipelineBase64.ts), as every Helm chart's
// NOTES.txt writes it to read a generated password:
//   kubectl get secret my-redis -o jsonpath="{.data.redis-password}" | base64 -d
// Each case is what GNU coreutils 9's base64 (basenc.c, gnulib base64.c) does reading a pipe.
import { describe, expect, it } from "vitest";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { runPipeline } from "../../src/kubectl/pipeline.ts";
import { runKubectl } from "../../src/kubectl/index.ts";
import { FakeCluster } from "./fakeCluster.ts";

function pipe(line: string, text: string) {
  const parsed = parseKubectl(`get secrets | ${line}`);
  expect(parsed.diagnostics).toEqual([]);
  return runPipeline(text, parsed.command!.pipeline!);
}

describe("base64", () => {
  it("-d and --decode write the decoded bytes and nothing more (no newline is added)", () => {
    expect(pipe("base64 -d", "cjNkMXMtcGFzc3cwcmQ=")).toEqual({ stdout: "r3d1s-passw0rd", status: 0 });
    expect(pipe("base64 --decode", "YWRtaW4=")).toEqual({ stdout: "admin", status: 0 });
    // Newlines (a wrapped encoding, kubectl's trailing one) are skipped.
    expect(pipe("base64 -d", "YWJj\nZGVm\n")).toEqual({ stdout: "abcdef", status: 0 });
    // Text after a padded group decodes on (decode_4 is per group of four).
    expect(pipe("base64 -d", "YQ==Yg==")).toEqual({ stdout: "ab", status: 0 });
    expect(pipe("base64 -d", "4pyTIMOp")).toEqual({ stdout: "\u2713 \u00e9", status: 0 });
  });

  it("stops at input it cannot decode: what it decoded, `base64: invalid input`, status 1", () => {
    // decode_4 writes a bad group's leading bytes before it fails.
    expect(pipe("base64 -d", "YWI")).toEqual({ stdout: "ab", status: 1, stderr: "base64: invalid input\n" });
    expect(pipe("base64 -d", "YWJj*ZGVm")).toEqual({
      stdout: "abc",
      status: 1,
      stderr: "base64: invalid input\n",
    });
    // -i skips what is not in the alphabet.
    expect(pipe("base64 -di", "YWJj*ZGVm")).toEqual({ stdout: "abcdef", status: 0 });
  });

  it("encodes with lines of 76 columns (-w COLS, -w 0 for one line without a newline)", () => {
    expect(pipe("base64", "admin")).toEqual({ stdout: "YWRtaW4=\n", status: 0 });
    expect(pipe("base64 -w 0", "admin")).toEqual({ stdout: "YWRtaW4=", status: 0 });
    expect(pipe("base64 --wrap=4", "admin")).toEqual({ stdout: "YWRt\naW4=\n", status: 0 });
    expect(
      pipe("base64", "x".repeat(60))
        .stdout.split("\n")
        .map((l) => l.length),
    ).toEqual([76, 4, 0]);
    expect(pipe("base64", "")).toEqual({ stdout: "", status: 0 });
  });

  it("refuses a file operand and a bad wrap as coreutils do", () => {
    expect(parseKubectl("get secrets | base64 -d secret.txt").diagnostics[0].message).toBe(
      "base64: secret.txt: only standard input can be read here",
    );
    expect(parseKubectl("get secrets | base64 -w x").diagnostics[0].message).toBe(
      "base64: invalid wrap size: 'x'",
    );
  });

  it("after kubectl, its invalid-input complaint goes to stderr and the line's status is 1", () => {
    const c = new FakeCluster();
    c.put({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "db", namespace: "default", creationTimestamp: 0 },
      data: { password: "c2VjcmV0", broken: "c2Vj*" },
    } as never);
    const good = runKubectl(`get secret db -o jsonpath="{.data.password}" | base64 -d`, c);
    expect([good.stdout, good.exitCode]).toEqual(["secret", 0]);
    const bad = runKubectl(`get secret db -o jsonpath="{.data.broken}" | base64 --decode`, c);
    expect([bad.stdout, bad.stderr, bad.exitCode]).toEqual(["sec", "base64: invalid input\n", 1]);
  });
});
