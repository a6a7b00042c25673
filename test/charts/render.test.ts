import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hpaChart } from "../../src/charts/index.ts";
import { chartFormat, renderHtml, renderPng, renderSvg, writeChart } from "../../src/charts/render.ts";
import { hpaCpuTrace, rollingUpdateTrace } from "./fixtures/traces.ts";

const dir = mkdtempSync(join(tmpdir(), "replicast-charts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("chartFormat", () => {
  it.each([
    { path: "out.svg", want: "svg" },
    { path: "OUT.PNG", want: "png" },
    { path: "a/b.html", want: "html" },
    { path: "run.vl.json", want: "vega-lite" },
    { path: "run.json", want: undefined },
    { path: "chart", want: undefined },
  ])("$path → $want", ({ path, want }) => {
    expect(chartFormat(path)).toBe(want);
  });
});

describe("renderSvg", () => {
  it("draws the chart headless, with its title and clock-labelled axis", async () => {
    const svg = await renderSvg(hpaChart(hpaCpuTrace(), { title: "HPA on CPU" }));
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("HPA on CPU");
    expect(svg).toContain("10:00");
    expect(svg).toContain("replicas");
  });
});

describe("renderPng", () => {
  it("produces a PNG at twice the SVG's size", async () => {
    const spec = hpaChart(hpaCpuTrace());
    const png = await renderPng(spec);
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = new DataView(png.buffer, png.byteOffset).getUint32(16);
    const svgWidth = Number(/width="(\d+)"/.exec(await renderSvg(spec))![1]);
    expect(width).toBe(svgWidth * 2);
  });
});

describe("renderHtml", () => {
  it("is standalone: vega and vega-lite inlined, no remote script, the static SVG inside", async () => {
    const html = await renderHtml(hpaChart(hpaCpuTrace()), "HPA <demo>");
    expect(html).toContain("<title>HPA &lt;demo&gt;</title>");
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).toContain("vegaLite.compile(spec)");
    expect(html).toMatch(/<div id="chart"><svg/);
    // One opening and one closing tag per script element: inlined code cannot end one early.
    expect(html.match(/<script>/g)!.length).toBe(3);
    expect(html.match(/<\/script>/g)!.length).toBe(3);
  });
});

describe("writeChart", () => {
  const result = { trace: rollingUpdateTrace(), title: "Rolling update" };
  it.each([
    { file: "a.svg", check: (b: Buffer) => expect(b.toString("utf8")).toMatch(/^<svg/) },
    { file: "a.png", check: (b: Buffer) => expect(b.subarray(1, 4).toString("latin1")).toBe("PNG") },
    { file: "a.html", check: (b: Buffer) => expect(b.toString("utf8")).toMatch(/^<!DOCTYPE html>/) },
    {
      file: "nested/a.vl.json",
      check: (b: Buffer) => expect(JSON.parse(b.toString("utf8")).title.text).toBe("Rolling update"),
    },
  ])("writes $file by its extension", async ({ file, check }) => {
    const path = join(dir, file);
    await writeChart(result, path);
    check(readFileSync(path));
  });

  it("refuses an unknown extension, naming the known ones", async () => {
    await expect(writeChart(result, join(dir, "a.jpg"))).rejects.toThrow(
      'cannot tell the chart format of "' + join(dir, "a.jpg") + '": use one of .svg, .png, .html, .vl.json',
    );
  });
});
