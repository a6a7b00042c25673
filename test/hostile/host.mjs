/* global process, Buffer, performance */
/**
 * A case host for the hostile corpus (harness.ts): a child process that imports the built
 * bin's `main` and runs the command lines it is sent, one at a time, each in its case's
 * folder, capturing what the bin writes. One host runs many cases (start-up costs ~0.4 s a
 * process), so state leaking from one case into the next — a polluted prototype — shows too.
 * The parent kills a host whose case overruns its time limit and starts another.
 */
import { pathToFileURL } from "node:url";

const { main } = await import(pathToFileURL(process.argv[2]).href);
/** Enough of each stream to judge it; `length` keeps the true size. */
const KEEP = 4 << 20;

const writes = {
  stdout: process.stdout.write.bind(process.stdout),
  stderr: process.stderr.write.bind(process.stderr),
};

process.on("message", async (req) => {
  const out = { stdout: "", stderr: "", stdoutLength: 0, stderrLength: 0 };
  const capture =
    (name) =>
    (chunk, ...rest) => {
      const s = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      out[`${name}Length`] += s.length;
      if (out[name].length < KEEP) out[name] += s.slice(0, KEEP - out[name].length);
      const cb = rest.find((r) => typeof r === "function");
      if (cb) cb();
      return true;
    };
  process.chdir(req.dir);
  process.stdout.write = capture("stdout");
  process.stderr.write = capture("stderr");
  const started = performance.now();
  // CPU time, not wall time, is what a case costs: the machine may be shared.
  const cpu0 = process.cpuUsage();
  let code;
  try {
    code = await main(req.argv);
  } catch (e) {
    out.stderr += `host: main rejected: ${e && e.stack ? e.stack : String(e)}`;
    code = -1;
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write = writes.stdout;
  process.stderr.write = writes.stderr;
  process.send({ id: req.id, code, ms, cpuMs, ...out });
});
process.send({ ready: true });
