/**
 * The KEDA trigger types whose value the simulated cluster computes (engine/controllers/keda
 * scalers.ts), and what loading a ScaledObject says of the others: such a trigger is stored and
 * put in the HPA KEDA makes, but its metric reads no value (docs/autoscaling.md §5).
 */

/** Trigger types KEDA's operator reads a value for here (kedacore/keda pkg/scalers: cpu_memory, prometheus, cron). */
export const KEDA_SUPPORTED_TRIGGERS: readonly string[] = ["cpu", "memory", "prometheus", "cron"];

/** A ScaledObject's triggers no scaler here reads: each one's index and type. */
export function unreadKedaTriggers(raw: Record<string, unknown>): { index: number; type: string }[] {
  const spec = raw.spec;
  if (typeof spec !== "object" || spec === null) return [];
  const triggers = (spec as Record<string, unknown>).triggers;
  if (!Array.isArray(triggers)) return [];
  const out: { index: number; type: string }[] = [];
  triggers.forEach((t: unknown, index) => {
    const type = typeof t === "object" && t !== null ? (t as Record<string, unknown>).type : undefined;
    if (typeof type === "string" && !KEDA_SUPPORTED_TRIGGERS.includes(type)) out.push({ index, type });
  });
  return out;
}
