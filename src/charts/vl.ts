/**
 * The slice of Vega-Lite's own types the builders use. Type-only imports from the package's
 * declaration files: nothing here exists at run time, so the core still runs under Deno and in
 * a browser without vega-lite loaded.
 */
export type { TopLevelSpec } from "vega-lite";
import type { Field } from "vega-lite/build/src/channeldef.js";
import type { LayerSpec, UnitSpec, NonNormalizedSpec } from "vega-lite/build/src/spec/index.js";

/** One layer of a layered chart: a unit (a mark with its encoding) or a nested layer. */
export type Layer = UnitSpec<Field> | LayerSpec<Field>;
/** A panel of a dashboard (any non-top-level spec). */
export type Panel = NonNormalizedSpec;
/** A row of inline data: plain JSON values only, so a spec serialises as is. */
export type Row = Record<string, string | number | boolean | null>;
