/**
 * `--sort-by=FIELD` as kubectl get sorts (kubectl/pkg/cmd/get/sorter.go): FIELD is a JSONPath
 * over each item's wire form, written with or without braces (`.metadata.creationTimestamp`
 * or `{.metadata.creationTimestamp}`); numbers compare as numbers, text in natural order
 * (sortorder.NaturalLess: digit runs by value, so RFC 3339 timestamps sort in time order);
 * items without the field come first; a field no item has is an error, as kubectl's.
 * Example: `kubectl get events --sort-by=.lastTimestamp`.
 */
import { executeJsonPath, JsonPathError } from "../jsonpath.ts";

/** RelaxedJSONPathExpression: `.a.b` and `a.b` become `{.a.b}`; `{…}` stays. */
function relaxed(field: string): string {
  const f = field.trim();
  if (f.startsWith("{")) return f;
  return `{${f.startsWith(".") ? f : `.${f}`}}`;
}

const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

/** sortorder.NaturalLess: runs of digits compare by value, everything else by code unit. */
export function naturalLess(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a[i];
    const cb = b[j];
    const da = ca >= "0" && ca <= "9";
    const db = cb >= "0" && cb <= "9";
    if (da && db) {
      let ie = i;
      let je = j;
      while (ie < a.length && a[ie] >= "0" && a[ie] <= "9") ie++;
      while (je < b.length && b[je] >= "0" && b[je] <= "9") je++;
      const na = a.slice(i, ie).replace(/^0+(?=\d)/, "");
      const nb = b.slice(j, je).replace(/^0+(?=\d)/, "");
      if (na.length !== nb.length) return na.length < nb.length;
      if (na !== nb) return na < nb;
      i = ie;
      j = je;
    } else {
      if (ca !== cb) return ca < cb;
      i++;
      j++;
    }
  }
  return a.length - i < b.length - j;
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  if (a === "") return -1;
  if (b === "") return 1;
  if (NUMBER.test(a) && NUMBER.test(b)) return Number(a) - Number(b);
  return naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0;
}

/** `items` sorted by FIELD of their wire form (stably), or kubectl's error text. */
export function sortByField<T>(items: readonly T[], wire: (item: T) => unknown, field: string): T[] | string {
  const template = relaxed(field);
  let keyed: { item: T; key: string }[];
  try {
    keyed = items.map((item) => ({ item, key: executeJsonPath(template, wire(item)) }));
  } catch (e) {
    if (e instanceof JsonPathError) return `error: error parsing jsonpath ${template}, ${e.message}`;
    throw e;
  }
  if (keyed.length > 0 && keyed.every((k) => k.key === ""))
    return `error: couldn't find any field with path "${template}" in the list of objects`;
  return keyed.sort((a, b) => compare(a.key, b.key)).map((k) => k.item);
}
