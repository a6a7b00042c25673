/**
 * v1 Secret, stored as written but for what the API server does on every write: stringData is
 * merged into data, base64-encoded, a stringData key overriding the same data key (core/v1
 * conversion, Convert_v1_Secret_To_core_Secret), and the type defaults to Opaque
 * (SetDefaults_Secret). `kubectl get secret` prints TYPE and DATA (printers.go printSecret),
 * and `kubectl describe secret` the size of each value, never the value (describeSecret).
 */
import type { KubeObject } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { nameAgeTable, storedKind } from "../stored/storedKind.ts";
import { describeSecret, secretData, secretType } from "./describe.ts";

const stored = storedKind({
  kind: "Secret",
  group: "",
  versions: ["v1"],
  namespaced: true,
  plural: "secrets",
  table: nameAgeTable(["TYPE", "DATA"], (o) => {
    const s = o as unknown as KubeObject;
    return [secretType(s), String(secretData(s).size)];
  }),
});

/** A value as `data` holds it: its UTF-8 bytes in base64. */
export function base64Text(text: string): string {
  let bin = "";
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** The Secret as the API server stores it: stringData in data, a type. */
function secretAsStored(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  const stringData = raw.stringData;
  if (stringData && typeof stringData === "object") {
    const data: Record<string, unknown> = { ...((raw.data as Record<string, unknown> | undefined) ?? {}) };
    for (const [k, v] of Object.entries(stringData)) data[k] = base64Text(String(v));
    out.data = data;
    delete out.stringData;
  }
  if (typeof out.type !== "string" || out.type === "") out.type = "Opaque";
  return out;
}

export const SecretKind: KindDescriptor<KubeObject> = {
  ...stored,
  strategy: {
    ...stored.strategy,
    admit: (raw, apiVersion, old, opts) => stored.strategy.admit(secretAsStored(raw), apiVersion, old, opts),
  },
  describe: describeSecret,
};
