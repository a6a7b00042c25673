/**
 * v1 Secret, stored as written: `kubectl get secret` prints TYPE and DATA (printers.go
 * printSecret; stringData is merged into data on write and the type defaults to Opaque), and
 * `kubectl describe secret` the size of each value, never the value (describeSecret).
 */
import type { KubeObject } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { nameAgeTable, storedKind } from "../stored/storedKind.ts";
import { describeSecret, secretData, secretType } from "./describe.ts";

export const SecretKind: KindDescriptor<KubeObject> = {
  ...storedKind({
    kind: "Secret",
    group: "",
    versions: ["v1"],
    namespaced: true,
    plural: "secrets",
    table: nameAgeTable(["TYPE", "DATA"], (o) => {
      const s = o as unknown as KubeObject;
      return [secretType(s), String(secretData(s).size)];
    }),
  }),
  describe: describeSecret,
};
