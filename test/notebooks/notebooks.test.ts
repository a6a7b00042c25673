/**
 * Every notebook runs headless with the tslab kernel (into a temporary copy: the committed
 * notebooks are not touched) and every cell runs without error; every chart cell sends one
 * display_data bundle with the Vega-Lite spec and its SVG. Also: the committed notebooks match
 * their sources in notebooks/src and carry their outputs, so they read well on a code host.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs helper without types
import { parseSource } from "../../scripts/run-notebooks.mjs";

const run = promisify(execFile);
const root = join(import.meta.dirname, "..", "..");
const nbDir = join(root, "notebooks");
const outDir = mkdtempSync(join(tmpdir(), "replicast-notebooks-"));
const names = readdirSync(nbDir)
  .filter((f) => f.endsWith(".ipynb"))
  .map((f) => f.replace(/\.ipynb$/, ""))
  .sort();

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  metadata?: { execution?: Record<string, string> };
  outputs?: Output[];
}
const text = (s: string | string[] | undefined) => ([] as string[]).concat(s ?? []).join("");
const readNotebook = (path: string): Cell[] => JSON.parse(readFileSync(path, "utf8")).cells;
const isChartCell = (c: Cell) => c.cell_type === "code" && /\bdisplay\(/.test(text(c.source));

const executed = new Map<string, { cells?: Cell[]; stderr: string }>();

beforeAll(async () => {
  await run("bash", [join(root, "scripts", "run-notebooks.sh"), "--prepare"], { cwd: root, maxBuffer: 1 << 26 });
  const env = { ...process.env, JUPYTER_PATH: join(root, "node_modules", ".cache", "replicast-jupyter") };
  const execute = async (name: string): Promise<{ cells?: Cell[]; stderr: string }> => {
    let stderr = "";
    try {
      await run(
        "/usr/bin/jupyter",
        ["nbconvert", "--to", "notebook", "--execute", "--allow-errors", "--ExecutePreprocessor.kernel_name=tslab", "--ExecutePreprocessor.timeout=300", `--output-dir=${outDir}`, `${name}.ipynb`],
        { cwd: nbDir, env, maxBuffer: 1 << 26 },
      );
    } catch (e) {
      stderr = String((e as { stderr?: string }).stderr ?? e);
    }
    try {
      return { cells: readNotebook(join(outDir, `${name}.ipynb`)), stderr };
    } catch {
      return { cells: undefined, stderr };
    }
  };
  await Promise.all(
    names.map(async (name) => {
      let result = await execute(name);
      // jupyter_client picks the kernel's ports by binding and releasing them, so kernels
      // started side by side can race for one port (jupyter/jupyter_client#487): the kernel
      // dies with EADDRINUSE before any cell runs. Only that start-up failure is retried; a
      // notebook that ran and failed is reported as it is.
      for (let attempt = 1; attempt < 3 && !result.cells && /EADDRINUSE|Kernel didn't respond|Kernel died/.test(result.stderr); attempt++) {
        result = await execute(name);
      }
      executed.set(name, result);
    }),
  );
  // 07 replays a week twice: about a minute of its own.
}, 420_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("notebooks", () => {
  it("there is one per seed walk-through, the exploration, the explanation and the traffic replay", () => {
    expect(names).toEqual([
      "01-rolling-update-and-rollback",
      "02-hpa-cpu",
      "03-hpa-memory",
      "04-behavior-policies-and-stabilization",
      "05-reapply-under-hpa",
      "06-exploration",
      "07-why-did-it-scale",
      "08-traffic-replay",
    ]);
  });

  describe.each(names)("%s", (name) => {
    it("matches its source in notebooks/src", () => {
      const source = parseSource(readFileSync(join(nbDir, "src", `${name}.md`), "utf8")) as { cell_type: string; source: string }[];
      const committed = readNotebook(join(nbDir, `${name}.ipynb`));
      expect(committed.map((c) => [c.cell_type, text(c.source)])).toEqual(source.map((c) => [c.cell_type, c.source]));
    });

    it("is committed with its outputs: every chart cell carries the Vega-Lite spec and the SVG", () => {
      const charts = readNotebook(join(nbDir, `${name}.ipynb`)).filter(isChartCell);
      expect(charts.length).toBeGreaterThan(0);
      for (const c of charts) {
        const bundle = c.outputs?.find((o) => o.output_type === "display_data")?.data ?? {};
        expect(Object.keys(bundle)).toEqual(expect.arrayContaining(["application/vnd.vegalite.v5+json", "image/svg+xml"]));
      }
    });

    it("runs headless: every cell without error", () => {
      const { cells, stderr } = executed.get(name)!;
      expect(cells, `nbconvert wrote no notebook:\n${stderr}`).toBeDefined();
      const problems: string[] = [];
      cells!.forEach((c, i) => {
        if (c.cell_type !== "code") return;
        // tslab sends no execution_count; nbclient records when the kernel replied.
        if (!c.metadata?.execution?.["shell.execute_reply"]) problems.push(`cell ${i} did not run`);
        for (const o of c.outputs ?? []) {
          if (o.output_type === "error") problems.push(`cell ${i}: ${o.ename}: ${o.evalue}`);
          if (o.output_type === "stream" && o.name === "stderr") problems.push(`cell ${i} (stderr): ${text(o.text)}`);
        }
      });
      expect(problems).toEqual([]);
    });

    it("every chart cell sends one bundle with the Vega-Lite spec and its SVG", () => {
      const charts = executed.get(name)!.cells?.filter(isChartCell) ?? [];
      expect(charts.length).toBeGreaterThan(0);
      for (const c of charts) {
        const displays = (c.outputs ?? []).filter((o) => o.output_type === "display_data");
        expect(displays.length).toBeGreaterThan(0);
        for (const d of displays) {
          expect(d.data?.["application/vnd.vegalite.v5+json"]).toMatchObject({ $schema: "https://vega.github.io/schema/vega-lite/v5.json" });
          expect(String(d.data?.["image/svg+xml"])).toMatch(/^<svg/);
          // nbformat stores text as a list of lines.
          expect(text(d.data?.["text/plain"] as string | string[])).toMatch(/\S/);
        }
      }
    });
  });
});
