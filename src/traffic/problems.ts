/**
 * What a reader reports: a catalogue message, its severity, and where — a range of the data
 * file itself (so the error shows the file's own line and a caret), or the scenario option
 * it is about (`column`, `series`, `sum`), which the plan places on the statement.
 */
import type { MessageText } from "../dsl/messages.ts";
import type { Signal } from "../engine/workload/signal.ts";

/** `file`: the statement's file itself (a problem with the whole file, shown at the statement). */
export type ReadOption = "column" | "series" | "sum" | "file";

export interface ReadProblem {
  message: MessageText;
  severity: "error" | "warning";
  at: { offset: number; length: number } | { option: ReadOption };
}

export interface ReadResult {
  /** Present when the file could be read (warnings may come with it). */
  signal?: Signal;
  problems: ReadProblem[];
}

/** At most this many bad rows are reported per file: a systematic mistake shows in the first few. */
export const MAX_ROW_ERRORS = 10;

export const errorAt = (message: MessageText, offset: number, length: number): ReadProblem => ({
  message,
  severity: "error",
  at: { offset, length },
});

/** The refusal of a statement option (`column`, `series`, `sum`) the file's format has no use for. */
export const optionRefusal = (message: MessageText, option: ReadOption): ReadResult => ({
  problems: [{ message, severity: "error", at: { option } }],
});
