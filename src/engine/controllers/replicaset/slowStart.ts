/**
 * How many pods one ReplicaSet sync may create or delete, and in which batches:
 * pkg/controller/replicaset/replica_set.go (BurstReplicas, slowStartBatch) and
 * controller_utils.go (SlowStartInitialBatchSize).
 */

/** kube-controller-manager's burstReplicas for the ReplicaSet controller: at most 500 creations or deletions per sync. */
export const BURST_REPLICAS = 500;

/** SlowStartInitialBatchSize: the first batch of creations has one call. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

export interface SlowStartResult {
  successes: number;
  /** The first error of the first failing batch, if any. */
  error?: string;
  /** How many calls were made in all. */
  calls: number;
}

/**
 * slowStartBatch: calls `fn` in batches of 1, 2, 4, 8, … (each capped by what is left);
 * once any call of a batch fails, no further batch is started, so a quota error costs one
 * call rather than `count`. Examples: count 10, all fail → 1 call; count 10 with the first 5
 * succeeding → batches 1 + 2 + 4 = 7 calls, 5 successes. Calls of one batch run in parallel
 * in Kubernetes; here they run in order, which gives the same counts.
 */
export function slowStartBatch(
  count: number,
  initialBatchSize: number,
  fn: () => string | undefined,
): SlowStartResult {
  let remaining = count;
  let successes = 0;
  let calls = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let firstError: string | undefined;
    let failures = 0;
    for (let i = 0; i < batch; i++) {
      calls++;
      const err = fn();
      if (err !== undefined) {
        failures++;
        firstError ??= err;
      }
    }
    successes += batch - failures;
    if (firstError !== undefined) return { successes, error: firstError, calls };
    remaining -= batch;
  }
  return { successes, calls };
}
