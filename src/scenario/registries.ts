/**
 * The registries one run reads against: the built-in kinds and kubectl commands, frozen, or —
 * when the run brings extensions — that run's own registries extending them, so nothing one
 * run registers is seen by another.
 */
import { builtinKinds } from "../k8s/kinds/builtin.ts";
import { builtinCommands } from "../kubectl/commands/index.ts";
import type { Extension, Registries } from "./services.ts";

/** The run's registries: the built-in kinds and commands, and what its extensions add. */
export function registriesOf(extensions: readonly Extension[] = []): Registries {
  if (extensions.length === 0) return { kinds: builtinKinds, commands: builtinCommands };
  const kinds = builtinKinds.extend();
  const commands = builtinCommands.extend();
  for (const e of extensions) {
    for (const k of e.kinds ?? []) kinds.register(k);
    for (const c of e.commands ?? []) commands.register(c);
  }
  return { kinds: kinds.freeze(), commands: commands.freeze() };
}
