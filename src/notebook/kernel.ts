/**
 * Sending a MIME bundle to the notebook frontend from whichever kernel runs us.
 *
 * - tslab: its public `display.raw(type, data)` sends one MIME type per display_data
 *   message. The kernel's own path, `lastWriteDisplayData({data, metadata, transient})` in
 *   tslab/dist/jupyter.js (set per execute request, see JupyterHandlerImpl.handleExecute), sends
 *   a whole bundle; it is the same module instance the kernel loaded, since both resolve to
 *   this project's node_modules/tslab.
 * - Deno: `Deno.jupyter.display(bundle, { raw: true })`.
 * - Anywhere else (plain Node, tests): nothing to send to; the caller falls back to text.
 */
import { createRequire } from "node:module";

export type Bundle = Record<string, unknown>;

/** Where display data goes: a function that sends one bundle, or undefined outside a kernel. */
export type DisplaySink = (bundle: Bundle) => Promise<void> | void;

interface TslabJupyter {
  lastWriteDisplayData:
    | ((
        data: { data: Bundle; metadata: Record<string, unknown>; transient: Record<string, unknown> },
        update: boolean,
      ) => void)
    | null;
}

interface DenoJupyter {
  jupyter?: { display(obj: Bundle, opts: { raw: boolean }): Promise<void> };
}

function tslabSink(): DisplaySink | undefined {
  let jupyter: TslabJupyter;
  try {
    jupyter = createRequire(import.meta.url)("tslab/dist/jupyter.js") as TslabJupyter;
  } catch {
    return undefined;
  }
  const write = jupyter.lastWriteDisplayData;
  if (typeof write !== "function") return undefined;
  return (bundle) => write({ data: bundle, metadata: {}, transient: {} }, false);
}

function denoSink(): DisplaySink | undefined {
  const deno = (globalThis as { Deno?: DenoJupyter }).Deno;
  const jupyter = deno?.jupyter;
  return jupyter ? (bundle) => jupyter.display(bundle, { raw: true }) : undefined;
}

/** The sink of the kernel we run in, if any (tslab first, then Deno). */
export function kernelSink(): DisplaySink | undefined {
  return denoSink() ?? tslabSink();
}
