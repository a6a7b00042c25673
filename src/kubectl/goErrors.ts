/**
 * The errors of a kubectl command that sends the objects of `-f` files, as Go holds them and as
 * checkErr prints them (kubectl/pkg/cmd/util/helpers.go): one error, or a utilerrors aggregate
 * of several, which may hold aggregates itself (the resource builder's). checkErr unwraps an
 * aggregate of one and prints a lone error in its own words (a lone Invalid from its status
 * details, `The Deployment "web" is invalid: …`; any other text after `error: `), while
 * MultipleErrors prints each error of an aggregate by StandardErrorMessage — a status as
 * `Error from server (REASON): ` and its message — or, for anything else, its Error() alone, an
 * aggregate among them as `[a, b]` (apimachinery pkg/util/errors aggregate.Error).
 * Used by apply, create -f and replace -f.
 */
import type { ApiError } from "../engine/cluster.ts";
import { formatApiError } from "./apiErrors.ts";

/** A refused object or request: its text when it is the command's only error, and among several. */
export interface CommandError {
  error: string;
  /** The text among several errors, where it differs. */
  amongSeveral?: string;
}

/** An error as Go returns it: one, or a utilerrors aggregate of several. */
export type GoError = CommandError | { aggregate: GoError[] };

/**
 * An API refusal as cmdutil.AddSourceToErr words it (`error when VERB "FILE": ` before the
 * status message, on any reason); a lone Invalid keeps checkErr's wording.
 */
export function refusal(res: ApiError, kind: string, name: string, verb?: string, source = ""): CommandError {
  const sourced =
    verb === undefined || !source
      ? res
      : { ...res, message: `error when ${verb} "${source}": ${res.message}` };
  return res.reason === "Invalid"
    ? {
        error: formatApiError(res, kind, name),
        amongSeveral: `Error from server (Invalid): ${sourced.message}`,
      }
    : { error: formatApiError(sourced, kind, name) };
}

/** The errors of one command, one or several, none of them an aggregate. */
export const errorLines = (errs: readonly CommandError[]): string[] =>
  errs.map((e) => (errs.length > 1 ? (e.amongSeveral ?? e.error) : e.error));

/** A refusal made before any request (a mapping, a namespace): `error: ` alone, bare among several. */
export const builderError = (text: string): CommandError => ({
  error: text,
  amongSeveral: text.replace(/^error: /, ""),
});

/** utilerrors aggregate.Error(): the leaves' texts, nested aggregates visited, each text once, `[a, b]`. */
function aggregateText(e: GoError): string {
  const seen: string[] = [];
  const visit = (x: GoError): void => {
    if ("aggregate" in x) x.aggregate.forEach(visit);
    else {
      const text = x.amongSeveral ?? x.error;
      if (!seen.includes(text)) seen.push(text);
    }
  };
  visit(e);
  return seen.length === 1 ? seen[0] : `[${seen.join(", ")}]`;
}

/**
 * What checkErr prints for the errors a command collected (one returned as it is, more as an
 * aggregate): an aggregate of one unwrapped, one error alone as itself, and each error of an
 * aggregate by MultipleErrors (an aggregate among them by its Error()).
 */
export function printedErrors(errs: readonly GoError[]): string[] {
  if (errs.length === 0) return [];
  let top: GoError = errs.length === 1 ? errs[0] : { aggregate: [...errs] };
  if ("aggregate" in top && top.aggregate.length === 1) top = top.aggregate[0];
  if (!("aggregate" in top)) return [top.error];
  return top.aggregate.map((e) => ("aggregate" in e ? aggregateText(e) : (e.amongSeveral ?? e.error)));
}
