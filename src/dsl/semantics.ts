/**
 * Checks across statements that need no engine: time never goes backwards, a title and a
 * `run` at most once, each manifest name declared once. (Checks that need the manifests or
 * the cluster — an unknown target, a missing manifest — belong to the scenario plan.)
 */
import type { Span, Statement } from "./ast.ts";
import type { RelatedInfo } from "./diagnostic.ts";
import { messages, type MessageText } from "./messages.ts";
import { formatDuration } from "./units.ts";

export type Report = (m: MessageText, span: Span, related?: RelatedInfo[]) => void;

/**
 * Time runs forward. `at T` sets the time to T; `after D` adds D to the previous time; a
 * statement with neither happens at the previous time. Example: `at 20s …` then `at 10s …`
 * is an error at the second `at` (related: the first); `at 20s …` then `after 10s …` is 30s.
 */
export function checkTimeOrder(
  statements: readonly Statement[],
  source: string,
  file: string,
  report: Report,
): void {
  let now = 0;
  let setBy: Span | undefined;
  for (const statement of statements) {
    const mark = statement.time;
    if (mark === undefined) continue;
    if (mark.kind === "after") {
      now += mark.d;
      setBy = mark.span;
      continue;
    }
    if (mark.t < now && setBy !== undefined) {
      const written = source.slice(mark.span.offset, mark.span.offset + mark.span.length);
      report(messages.timeGoesBackwards(written, formatDuration(now)), mark.span, [
        { file, span: setBy, message: messages.timeSetHere(formatDuration(now)).message },
      ]);
      continue;
    }
    now = mark.t;
    setBy = mark.span;
  }
}

/** A title and a `run` at most once; each manifest name once. */
export function checkDeclarations(statements: readonly Statement[], file: string, report: Report): void {
  let title: Span | undefined;
  let run: Span | undefined;
  const manifests = new Map<string, Span>();
  for (const statement of statements) {
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
