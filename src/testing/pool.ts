/**
 * A pool of worker threads running scenarios (worker.ts): min(cores, scenarios) threads by
 * default, each given the next file as soon as it is free. Node only (the CLI's adapter).
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { ScenarioExecutor } from "./executor.ts";
import { unreadableOutcome, type TestOutcome } from "./outcome.ts";
import type { WorkerRequest } from "./worker.ts";

/** The threads a suite of `n` scenarios gets: one per core, never more than there are scenarios. */
export const poolSize = (n: number, cores = availableParallelism()): number =>
  Math.max(1, Math.min(cores, n));

const fromSource = import.meta.url.endsWith(".ts");

/**
 * The worker's module beside this one: worker.js from dist; worker.ts when running from
 * source, with tsx's loader imported into the thread (on Node 20 a worker does not inherit
 * the loader `tsx` registered in the main thread).
 */
const newWorker = (): Worker =>
  fromSource
    ? new Worker(
        `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("./worker.ts", import.meta.url).href)}); });`,
        { eval: true },
      )
    : new Worker(new URL("./worker.js", import.meta.url));

interface Slot {
  worker: Worker;
  busy?: { id: number; file: string; resolve(o: TestOutcome): void };
}

export function workerPool(size: number, opts: { allowOutside?: boolean } = {}): ScenarioExecutor {
  const slots: Slot[] = [];
  const waiting: { file: string; resolve(o: TestOutcome): void }[] = [];
  let nextId = 0;

  const spawn = (): Slot => {
    const slot: Slot = { worker: newWorker() };
    slot.worker.on("message", (m: { id: number; outcome: TestOutcome }) => {
      const job = slot.busy;
      slot.busy = undefined;
      if (job && job.id === m.id) job.resolve(m.outcome);
      dispatch();
    });
    slot.worker.on("error", (e: Error) => {
      // A crash is a bug in the simulator: the scenario fails with the error and a fresh
      // thread takes the slot. A thread that cannot even start is not replaced; when none
      // is left, every waiting scenario fails with the same error.
      const job = slot.busy;
      slot.busy = undefined;
      const fail = (file: string): TestOutcome =>
        unreadableOutcome(file, `replicast: internal error in ${file}: ${e.name}: ${e.message}`);
      if (job) {
        slots.splice(slots.indexOf(slot), 1, spawn());
        job.resolve(fail(job.file));
      } else {
        slots.splice(slots.indexOf(slot), 1);
        if (slots.length === 0) for (const w of waiting.splice(0)) w.resolve(fail(w.file));
      }
      dispatch();
    });
    return slot;
  };

  const dispatch = (): void => {
    for (const slot of slots) {
      if (slot.busy || waiting.length === 0) continue;
      const job = waiting.shift()!;
      const id = nextId++;
      slot.busy = { id, ...job };
      const req: WorkerRequest = { id, file: job.file, allowOutside: opts.allowOutside };
      slot.worker.postMessage(req);
    }
  };

  for (let i = 0; i < size; i++) slots.push(spawn());
  return {
    concurrency: size,
    run(file) {
      return new Promise<TestOutcome>((resolve) => {
        waiting.push({ file, resolve });
        dispatch();
      });
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
