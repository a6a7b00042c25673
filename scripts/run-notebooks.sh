#!/usr/bin/env bash
# Executes the tslab notebooks headless and writes their outputs back into them, so they read
# well on a code host. Notebooks are written as notebooks/src/NN-name.md (prose, with ```ts
# fences for code cells) and built into notebooks/NN-name.ipynb first.
#
#   scripts/run-notebooks.sh                 build, then execute every notebook in place
#   scripts/run-notebooks.sh 02-hpa-cpu      only the notebooks whose name starts so
#   scripts/run-notebooks.sh --prepare       only build the package, link it and register the kernel
#
# The kernel is registered in a private Jupyter path (node_modules/.cache/replicast-jupyter),
# never in the user's; notebooks import the built package as `replicast` through
# notebooks/node_modules/replicast (dist linked, typesVersions added for tslab's resolver).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PREPARE_ONLY=0
FILTERS=()
for arg in "$@"; do
  case "$arg" in
    --prepare) PREPARE_ONLY=1 ;;
    *) FILTERS+=("$arg") ;;
  esac
done

bash scripts/setup-notebooks.sh

# 1. The package, as `npm install replicast` would give it. tsc emits even when another part
#    of the tree has type errors; the notebooks only need dist/ to exist.
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  node node_modules/typescript/bin/tsc -p tsconfig.build.json >/tmp/replicast-build.log 2>&1 || {
    echo "run-notebooks: the build reported type errors (see /tmp/replicast-build.log); continuing with what it emitted" >&2
  }
fi
for f in dist/index.js dist/notebook/index.js; do
  [ -f "$f" ] || { echo "run-notebooks: $f is missing: run npm run build" >&2; exit 2; }
done
node scripts/run-notebooks.mjs link

# 2. The tslab kernel, in a private Jupyter path.
export JUPYTER_PATH="$ROOT/node_modules/.cache/replicast-jupyter"
mkdir -p "$JUPYTER_PATH/kernels/tslab"
cat >"$JUPYTER_PATH/kernels/tslab/kernel.json" <<JSON
{"argv": ["$ROOT/node_modules/.bin/tslab", "kernel", "--config-path", "{connection_file}"], "display_name": "TypeScript (tslab)", "language": "typescript"}
JSON

[ "$PREPARE_ONLY" = 1 ] && exit 0

# 3. The notebooks from their sources (outputs of unchanged cells are kept).
node scripts/run-notebooks.mjs build

# 4. Execute, all at once (each notebook is its own kernel process). nbconvert exits 1 when a
#    cell fails; every notebook is still tried, and the script fails if any did.
pids=()
names=()
for nb in notebooks/*.ipynb; do
  name="$(basename "$nb" .ipynb)"
  if [ "${#FILTERS[@]}" -gt 0 ]; then
    match=0
    for f in "${FILTERS[@]}"; do [[ "$name" == "$f"* ]] && match=1; done
    [ "$match" = 1 ] || continue
  fi
  (cd notebooks && /usr/bin/jupyter nbconvert --to notebook --execute --inplace \
    --ExecutePreprocessor.kernel_name=tslab --ExecutePreprocessor.timeout=180 "$name.ipynb" \
    >"/tmp/replicast-notebook-$name.log" 2>&1) &
  pids+=($!)
  names+=("$name")
done
status=0
for i in "${!pids[@]}"; do
  if wait "${pids[$i]}"; then
    node scripts/run-notebooks.mjs tidy "${names[$i]}"
    echo "run-notebooks: ${names[$i]} ok"
  else
    echo "run-notebooks: ${names[$i]} FAILED (see /tmp/replicast-notebook-${names[$i]}.log)" >&2
    status=1
  fi
done
exit $status
