/** `replicast check FILE…`: parse and plan without running. Exit 0 when all are usable, 2 otherwise. */
import { checkWith } from "../scenario/api.ts";
import type { ScenarioServices } from "../scenario/services.ts";
import { colorsFor } from "./colors.ts";
import { renderDiagnostics } from "./diagnostics.ts";
import type { CliIO } from "./io.ts";
import { cannotRead } from "../scenario/host.ts";

export function checkCommand(
  files: readonly string[],
  flags: { allowOutside?: boolean },
  io: CliIO,
  services: ScenarioServices,
): number {
  const c = colorsFor(io.stderrIsTTY);
  let bad = 0;
  for (const file of files) {
    const text = io.host.readFile(file);
    if (text === undefined) {
      io.stderr(`${cannotRead(file, io.host)}\n`);
      bad++;
      continue;
    }
    // Only the diagnostics are printed: no plan is built (plan.ts, diagnosticsOnly).
    const r = checkWith(services, text, file, {
      host: io.host,
      allowOutside: flags.allowOutside,
      diagnosticsOnly: true,
    });
    if (r.diagnostics.length > 0) io.stderr(renderDiagnostics(r.diagnostics, (f) => io.host.readFile(f), c));
    if (r.ok) io.stdout(`${file}: ok\n`);
    else bad++;
  }
  return bad > 0 ? 2 : 0;
}
