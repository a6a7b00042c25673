/**
 * A reader's row errors: the first MAX_ROW_ERRORS said where they stand, the rest counted and
 * said once at the end, so an export of a million bad rows gives eleven problems, not a million.
 */
import { trafficMessages } from "./messages.ts";
import { MAX_ROW_ERRORS, errorAt, type ReadProblem } from "./problems.ts";

export class RowErrors {
  private count = 0;

  constructor(private readonly problems: ReadProblem[]) {}

  /** One row's error (an arrow, so a reader can hand it on as a plain function). */
  readonly fail = (p: ReadProblem): void => {
    if (++this.count <= MAX_ROW_ERRORS) this.problems.push(p);
  };

  /** Once reading is done: how many more there were, if the cap was passed. */
  close(): void {
    if (this.count > MAX_ROW_ERRORS)
      this.problems.push(errorAt(trafficMessages.moreRowErrors(this.count - MAX_ROW_ERRORS), 0, 0));
  }
}
