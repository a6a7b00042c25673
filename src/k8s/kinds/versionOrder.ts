/**
 * apimachinery's version.CompareKubeAwareVersionStrings: GA before beta before alpha, higher
 * numbers first, then any other version in lexical order. A CRD group's preferred version is
 * the first of its served versions in this order.
 */
export function compareKubeAwareVersions(a: string, b: string): number {
  const parse = (v: string): [number, number, number] | undefined => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return undefined;
    return [
      m[2] === undefined ? 2 : m[2] === "beta" ? 1 : 0,
      Number(m[1]),
      m[3] === undefined ? 0 : Number(m[3]),
    ];
  };
  const pa = parse(a);
  const pb = parse(b);
  if (pa && pb) {
    if (pa[0] !== pb[0]) return pb[0] - pa[0];
    if (pa[1] !== pb[1]) return pb[1] - pa[1];
    return pb[2] - pa[2];
  }
  if (pa) return -1;
  if (pb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
