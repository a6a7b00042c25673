// Helpers for run-notebooks.sh (plain Node, no dependencies):
//   node scripts/run-notebooks.mjs link    make notebooks/node_modules/replicast
//   node scripts/run-notebooks.mjs build   notebooks/src/*.md → notebooks/*.ipynb (outputs kept
//                                          when a cell's source is unchanged)
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * tslab type-checks with TypeScript's old "node10" resolution, which ignores package.json
 * `exports`: `replicast/notebook` resolves only through `typesVersions`. So the notebooks get
 * the package as an installed copy would look, with typesVersions derived from `exports`.
 */
function link() {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const typesVersions = { "*": {} };
  for (const [sub, target] of Object.entries(pkg.exports ?? {})) {
    if (sub === "." || typeof target !== "object" || !target.types) continue;
    typesVersions["*"][sub.replace(/^\.\//, "")] = [target.types.replace(/^\.\//, "")];
  }
  const dir = join(root, "notebooks", "node_modules", pkg.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ ...pkg, typesVersions: pkg.typesVersions ?? typesVersions }, null, 2) + "\n",
  );
  symlinkSync(join("..", "..", "..", "dist"), join(dir, "dist"));
  if (!lstatSync(join(dir, "dist")).isSymbolicLink()) throw new Error("could not link dist");
}

/** One source file → the cells: ```ts fences are code cells, the prose between them markdown. */
export function parseSource(text) {
  const cells = [];
  let prose = [];
  let code = null;
  const flushProse = () => {
    const body = prose.join("\n").trim();
    if (body) cells.push({ cell_type: "markdown", source: body });
    prose = [];
  };
  for (const line of text.split("\n")) {
    if (code === null && /^```ts\s*$/.test(line)) {
      flushProse();
      code = [];
    } else if (code !== null && /^```\s*$/.test(line)) {
      cells.push({ cell_type: "code", source: code.join("\n") });
      code = null;
    } else if (code !== null) code.push(line);
    else prose.push(line);
  }
  if (code !== null) throw new Error("unclosed ```ts fence");
  flushProse();
  return cells;
}

const lines = (s) => s.split(/(?<=\n)/);

function build() {
  const srcDir = join(root, "notebooks", "src");
  for (const file of readdirSync(srcDir)
    .filter((f) => f.endsWith(".md"))
    .sort()) {
    const out = join(root, "notebooks", file.replace(/\.md$/, ".ipynb"));
    const old = existsSync(out) ? JSON.parse(readFileSync(out, "utf8")) : { cells: [] };
    const parsed = parseSource(readFileSync(join(srcDir, file), "utf8"));
    // Up to date already: leave the file as Jupyter last wrote it (no churn in git).
    const same =
      old.cells.length === parsed.length &&
      old.cells.every(
        (c, i) => c.cell_type === parsed[i].cell_type && [].concat(c.source).join("") === parsed[i].source,
      );
    if (same) continue;
    const previous = new Map(
      old.cells.filter((c) => c.cell_type === "code").map((c) => [[].concat(c.source).join(""), c]),
    );
    const cells = parsed.map((c, i) => {
      const id = `c${String(i).padStart(2, "0")}`;
      if (c.cell_type === "markdown")
        return { cell_type: "markdown", id, metadata: {}, source: lines(c.source) };
      const kept = previous.get(c.source);
      return {
        cell_type: "code",
        id,
        metadata: {},
        execution_count: kept?.execution_count ?? null,
        outputs: kept?.outputs ?? [],
        source: lines(c.source),
      };
    });
    const nb = {
      cells,
      metadata: {
        kernelspec: { name: "tslab", display_name: "TypeScript (tslab)", language: "typescript" },
        language_info: {
          name: "typescript",
          file_extension: ".ts",
          mimetype: "text/typescript",
          codemirror_mode: { name: "javascript", typescript: true },
        },
      },
      nbformat: 4,
      nbformat_minor: 5,
    };
    writeFileSync(out, JSON.stringify(nb, null, 1) + "\n");
  }
}

/**
 * Drops what nbconvert records about the execution itself (each cell's `metadata.execution`
 * timestamps), so that re-running unchanged notebooks changes nothing in them.
 */
function tidy(names) {
  for (const name of names) {
    const path = join(root, "notebooks", `${name}.ipynb`);
    const nb = JSON.parse(readFileSync(path, "utf8"));
    for (const cell of nb.cells) delete cell.metadata?.execution;
    writeFileSync(path, JSON.stringify(nb, null, 1) + "\n");
  }
}

// Only when run as a script: the notebook test imports parseSource from here.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const command = process.argv[2];
  if (command === "link") link();
  else if (command === "build") build();
  else if (command === "tidy") tidy(process.argv.slice(3));
  else {
    console.error("usage: node scripts/run-notebooks.mjs link|build|tidy NAME…");
    process.exit(2);
  }
}
