/** A test vector as the fixtures hold it, and what a runner says of it. */
export interface Vector {
  id?: string;
  source: string;
  kind: string;
  inputs: unknown;
  expected: unknown;
  notes?: string;
}

export type Outcome = { pass: boolean; message?: string };
