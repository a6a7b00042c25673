/** An in-memory CliIO for running `main(argv, io)` in-process. */
import type { CliIO } from "../../src/cli/io.ts";
import { memoryHost } from "../../src/scenario/host.ts";

export interface CapturedIO extends CliIO {
  out: string[];
  err: string[];
  readonly stdoutText: string;
  readonly stderrText: string;
}

export function memoryIO(files: Record<string, string>): CapturedIO {
  const out: string[] = [];
  const err: string[] = [];
  const host = memoryHost(files);
  const names = Object.keys(files);
  return {
    out,
    err,
    get stdoutText() {
      return out.join("");
    },
    get stderrText() {
      return err.join("");
    },
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    clock: () => 0,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    host,
    findScenarios(paths) {
      const files: string[] = [];
      const missing: string[] = [];
      for (const p of paths) {
        const dir = p.replace(/\/$/, "");
        const exact = names.filter((n) => n === p);
        const under = names.filter((n) => n.endsWith(".scn") && (dir === "." || n.startsWith(`${dir}/`)));
        if (exact.length > 0) files.push(...exact);
        else if (under.length > 0) files.push(...under.sort());
        else missing.push(p);
      }
      return { files, missing };
    },
  };
}
