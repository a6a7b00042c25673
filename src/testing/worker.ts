/**
 * The worker-thread side of `replicast test`'s pool (pool.ts): runs each scenario file it is
 * sent with the real simulator against the disk, and posts back the outcome. The result goes
 * back without its trace (structured clone of a whole trace is the bulk of the cost and no
 * reporter reads it).
 */
import { parentPort } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import { runWith } from "../scenario/api.ts";
import { defaultServices } from "../scenario/defaultServices.ts";
import { nodeHost } from "../scenario/nodeHost.ts";
import { resultToJson } from "../scenario/result.ts";
import { cannotRead } from "../scenario/host.ts";
import { outcomeOf, unreadableOutcome } from "./outcome.ts";
import { wallClockDeadline } from "./deadline.ts";

export interface WorkerRequest {
  id: number;
  file: string;
  allowOutside?: boolean;
  /** Wall-clock budget of this scenario, ms (the pool stops a worker that overruns it anyway). */
  timeoutMs?: number;
}

const host = nodeHost();

parentPort?.on("message", (req: WorkerRequest) => {
  const started = performance.now();
  const text = host.readFile(req.file);
  if (text === undefined) {
    parentPort!.postMessage({
      id: req.id,
      outcome: unreadableOutcome(req.file, cannotRead(req.file, host)),
    });
    return;
  }
  const deadline =
    req.timeoutMs === undefined ? undefined : wallClockDeadline(() => performance.now(), req.timeoutMs);
  const r = runWith(defaultServices, text, req.file, { host, allowOutside: req.allowOutside, deadline });
  const o = outcomeOf(req.file, { ...resultToJson(r) }, performance.now() - started);
  parentPort!.postMessage({ id: req.id, outcome: o });
});
