/** picocolors when the stream is a terminal, plain text otherwise. */
import pc from "picocolors";
import { noColors, type Colors } from "../scenario/report.ts";

export function colorsFor(isTTY: boolean): Colors {
  if (!isTTY) return noColors;
  const p = pc.createColors(true);
  return { green: p.green, red: p.red, yellow: p.yellow, dim: p.dim, bold: p.bold, cyan: p.cyan };
}
