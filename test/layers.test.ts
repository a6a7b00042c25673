/**
 * Layers point one way (docs/architecture.md, "Layers"): every relative import of a file
 * under src/ goes to its own folder or to a layer below it. src/text is the bottom; src/k8s
 * (the object model, the kind registry) sits on it; the engine imports only src/k8s; the
 * language (src/dsl) never imports the engine; kubectl never reaches into the controllers.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";

const src = join(import.meta.dirname, "../src");

/** Which layers each layer may import (its own folder always). */
const ALLOWED: Record<string, readonly string[]> = {
  text: [],
  k8s: ["text"],
  engine: ["k8s"],
  dsl: ["k8s", "text"],
  kustomize: ["k8s", "text"],
  kubectl: ["kustomize", "engine", "k8s", "text"],
  explain: ["engine", "k8s", "text"],
  traffic: ["dsl", "engine", "k8s", "text"],
  charts: ["explain", "engine", "k8s", "text"],
  scenario: ["traffic", "explain", "dsl", "engine", "k8s", "kubectl", "kustomize", "text"],
  fidelity: ["engine", "k8s", "kubectl", "kustomize", "text"],
  testing: [
    "scenario",
    "traffic",
    "explain",
    "dsl",
    "engine",
    "k8s",
    "kubectl",
    "kustomize",
    "charts",
    "text",
  ],
  notebook: [
    "scenario",
    "traffic",
    "explain",
    "charts",
    "dsl",
    "engine",
    "k8s",
    "kubectl",
    "kustomize",
    "text",
  ],
  cli: [
    "scenario",
    "testing",
    "fidelity",
    "traffic",
    "explain",
    "charts",
    "dsl",
    "engine",
    "k8s",
    "kubectl",
    "kustomize",
    "text",
  ],
};

/** Folders of a layer that another layer must not reach into, whatever the layers allow. */
const PRIVATE: { from: string; folder: string; why: string }[] = [
  { from: "kubectl", folder: "engine/controllers", why: "kubectl-only helpers live in src/kubectl" },
];

const files = readdirSync(src, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
  .map((f) => f.split(sep).join("/"));

const layerOf = (file: string): string => (file.includes("/") ? file.slice(0, file.indexOf("/")) : "(root)");

function importsOf(file: string): string[] {
  const text = readFileSync(join(src, file), "utf8");
  return [...text.matchAll(/(?:from|import)\s+"(\.{1,2}\/[^"]+)"/g)].map((m) =>
    relative(src, normalize(join(dirname(join(src, file)), m[1])))
      .split(sep)
      .join("/"),
  );
}

describe("layers point one way", () => {
  it("knows every layer under src/", () => {
    const layers = new Set(files.map(layerOf));
    layers.delete("(root)");
    expect([...layers].sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it.each(files.filter((f) => layerOf(f) !== "(root)"))("%s imports only layers below it", (file) => {
    const layer = layerOf(file);
    const wrong = importsOf(file).filter((target) => {
      const to = layerOf(target);
      return to !== layer && !ALLOWED[layer].includes(to);
    });
    expect(wrong).toEqual([]);
    const reaching = importsOf(file).flatMap((target) =>
      PRIVATE.filter((p) => p.from === layer && target.startsWith(`${p.folder}/`)).map(
        (p) => `${target}: ${p.why}`,
      ),
    );
    expect(reaching).toEqual([]);
  });
});
