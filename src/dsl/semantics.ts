/**
 * Checks across statements that need no engine: time never goes backwards, a title and a
 * `run` at most once, each manifest name declared once. (Checks that need the manifests or
 * the cluster — an unknown target, a missing manifest — belong to the scenario plan.)
 */
import type { Span, Statement } from "./ast.ts";
import type { RelatedInfo } from "../text/diagnostic.ts";
import { messages, type MessageText } from "./messages.ts";
import { formatDuration } from "./units.ts";

export type Report = (m: MessageText, span: Span, related?: RelatedInfo[]) => void;

/**
 * When each statement happens (docs/language.md § Time). `at T` sets the time to T; `after D`
 * adds D to the previous time; a statement with neither happens at the previous time; a line
 * holding only `at`/`after` sets the time of what follows. Time never goes backwards: an `at`
 * earlier than the time so far is listed in `backwards` and leaves the time where it was.
 * Example: `at 10s apply a` · `kubectl get pods` · `after 5s load cpu 50%` · `at 1m` ·
 * `expect replicas 2` → 10s, 10s, 15s, 60s, 60s.
 */
export function resolveTimes(statements: readonly Statement[]): {
  times: number[];
  backwards: Backwards[];
} {
  // Sized once: pushing 10,000 times grew (and copied) the array a dozen times.
  const times = new Array<number>(statements.length);
  return { times, backwards: walkTimes(statements, times) };
}

/** An `at` that would take time backwards, with the time so far and where it was set. */
interface Backwards {
  statement: Statement;
  now: number;
  setBy: Span;
}

/** resolveTimes's walk: each statement's time into `times` when given, the backward `at`s returned. */
function walkTimes(statements: readonly Statement[], times: number[] | undefined): Backwards[] {
  const backwards: Backwards[] = [];
  let now = 0;
  let setBy: Span | undefined;
  // Indexed loops here and in the plan's passes: a for-of over an array runs the iterator
  // protocol, which costs about twice as much per statement before V8 has optimised the loop
  // (what a fresh `replicast check` of a long file pays).
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i];
    const mark = statement.time;
    if (mark?.kind === "after") {
      now += mark.d;
      setBy = mark.span;
    } else if (mark?.kind === "at") {
      if (mark.t < now && setBy !== undefined) backwards.push({ statement, now, setBy });
      else {
        now = mark.t;
        setBy = mark.span;
      }
    }
    if (times !== undefined) times[i] = now;
  }
  return backwards;
}

/** Reports each `at` that would take time backwards, with where the time was set. */
export function checkTimeOrder(
  statements: readonly Statement[],
  source: string,
  file: string,
  report: Report,
): void {
  // Only the backward `at`s: the parse needs no list of times.
  for (const { statement, now, setBy } of walkTimes(statements, undefined)) {
    const span = statement.time!.span;
    const written = source.slice(span.offset, span.offset + span.length);
    report(messages.timeGoesBackwards(written, formatDuration(now)), span, [
      { file, span: setBy, message: messages.timeSetHere(formatDuration(now)).message },
    ]);
  }
}

/** A title and a `run` at most once; each manifest name once. */
export function checkDeclarations(statements: readonly Statement[], file: string, report: Report): void {
  let title: Span | undefined;
  let run: Span | undefined;
  const manifests = new Map<string, Span>();
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i];
    switch (statement.kind) {
      case "title":
        if (title !== undefined) {
          report(messages.duplicateTitle(), statement.span, [
            { file, span: title, message: messages.firstDeclaredHere("the title").message },
          ]);
        } else title = statement.span;
        break;
      case "run":
        if (run !== undefined) {
          report(messages.duplicateRun(), statement.span, [
            { file, span: run, message: messages.firstDeclaredHere("`run`").message },
          ]);
        } else run = statement.span;
        break;
      case "manifest": {
        const earlier = manifests.get(statement.name);
        if (earlier !== undefined) {
          report(messages.duplicateManifest(statement.name), statement.nameSpan, [
            {
              file,
              span: earlier,
              message: messages.firstDeclaredHere(`manifest \`${statement.name}\``).message,
            },
          ]);
        } else manifests.set(statement.name, statement.nameSpan);
        break;
      }
      default:
        break;
    }
  }
}
