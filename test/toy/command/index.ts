/**
 * A toy kubectl command, `kubectl count TYPE [-l SELECTOR]`: how many objects of a type there
 * are. One module — flags, argument rules, run, facts — registered with a run
 * (`extensions: [{ commands: [countCommand] }]`); the parser resolves TYPE against the
 * cluster's kinds, so `kubectl count podcounters` works once the kind is registered.
 */
import type { KubectlCommand } from "../../../src/kubectl/command.ts";
import { selectObjects } from "../../../src/kubectl/commands/get.ts";
import { selectorFlag } from "../../../src/kubectl/flags.ts";
import { fail, ok } from "../../../src/kubectl/result.ts";

export const countCommand: KubectlCommand = {
  verb: "count",
  flags: [selectorFlag],
  readOnly: true,
  args(cmd, pos, ctx) {
    if (pos.length !== 1)
      return ctx.usage(`error: exactly one TYPE is required, got ${pos.length}`, ctx.endTok);
    const kind = ctx.type(pos[0]);
    if (kind) cmd.resource = kind;
  },
  run(cmd, cluster) {
    const { objects, errors } = selectObjects(cmd, cluster);
    return errors.length ? fail(errors.join("\n"), true) : ok(`${objects.length}\n`, true);
  },
  facts: () => ({ reads: true }),
};
