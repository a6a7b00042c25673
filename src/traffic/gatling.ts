/**
 * Gatling's simulation.log as Gatling 3 before 3.12 writes it (LogFileDataWriter: a
 * tab-separated record per line, its type first) —
 *
 *     RUN	shop.CheckoutSimulation	checkoutsimulation	1717596000000	 	3.9.5
 *     USER	Checkout	START	1717596000512	1717596000512
 *     REQUEST		GET /api/cart	1717596000600	1717596000705	OK
 *     REQUEST		POST /api/checkout	1717596001800	1717596001903	KO	status.find.is(200), but actually found 500
 *
 * Every REQUEST record is one request, counted in the second it started (perSecond.ts). The
 * fields before its name changed between versions (3.0–3.3 wrote the user's id first), so the
 * start is found from the end: the two epoch-millisecond times before the OK/KO status. Other
 * records (RUN, USER, GROUP, ERROR, ASSERTION) are not requests. Gatling 3.12 and later write a
 * binary log, told by its NUL bytes (index.ts).
 */
import { trafficMessages, type ValueUnit } from "./messages.ts";
import { MAX_ROW_ERRORS, errorAt, type ReadProblem, type ReadResult } from "./problems.ts";
import { PerSecond, refusedOption } from "./perSecond.ts";

const RECORD = /^(?:RUN|USER|REQUEST|GROUP|ERROR|ASSERTION)\t/;
const MILLIS = /^\d{12,}$/;

/** Whether the text is a simulation.log: its first line is one of Gatling's records. */
export function isGatlingLog(text: string): boolean {
  const start = /[^\s\uFEFF]/.exec(text)?.index ?? 0;
  return RECORD.test(text.slice(start, start + 16));
}

export function readGatling(
  text: string,
  opts: { unit: ValueUnit; series?: readonly unknown[]; column?: string; sum?: boolean },
): ReadResult {
  if (opts.unit !== "requests")
    return { problems: [errorAt(trafficMessages.countedNotRequests("gatling", opts.unit), 0, 0)] };
  const refused = refusedOption("gatling", opts);
  if (refused) return refused;
  const perSecond = new PerSecond();
  const problems: ReadProblem[] = [];
  let errors = 0;
  let start = 0;
  for (let line = 1; start <= text.length; line++) {
    const nl = text.indexOf("\n", start);
    let end = nl < 0 ? text.length : nl;
    if (end > start && text[end - 1] === "\r") end--;
    const body = text.slice(start, end);
    if (body.startsWith("REQUEST\t")) {
      const fields = body.split("\t");
      const status = fields.findIndex((f, i) => i >= 3 && (f === "OK" || f === "KO"));
      if (status < 0 || !MILLIS.test(fields[status - 2]) || !MILLIS.test(fields[status - 1])) {
        errors++;
        if (errors <= MAX_ROW_ERRORS)
          problems.push(errorAt(trafficMessages.badTime(fields[status - 2] ?? body), start, end - start));
      } else perSecond.add(Number(fields[status - 2]) / 1000);
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  if (errors > MAX_ROW_ERRORS)
    problems.push(errorAt(trafficMessages.moreRowErrors(errors - MAX_ROW_ERRORS), 0, 0));
  if (problems.length > 0) return { problems };
  if (perSecond.size === 0) return { problems: [errorAt(trafficMessages.noSamples(), 0, 0)] };
  return { signal: perSecond.signal(), problems };
}
