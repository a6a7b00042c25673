// `kubectl get pvc` and `get pv` print VOLUMEATTRIBUTESCLASS after STORAGECLASS from 1.29
// (pkg/printers/internalversion/printers.go persistentVolumeClaimColumnDefinitions and
// persistentVolumeColumnDefinitions, with VolumeAttributesClass; `<unset>` without
// spec.volumeAttributesClassName); a scenario printing as kubectl 1.28 has no such column.
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { runKubectl } from "../../src/kubectl/run.ts";

const FILES: Record<string, string> = {
  "storage.yaml": `apiVersion: v1
kind: PersistentVolume
metadata: {name: pv1}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: manual
  hostPath: {path: /data}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: manual
  resources: {requests: {storage: 1Gi}}
`,
};

function at(version: number | undefined) {
  const sim = new Simulation();
  const k = (line: string) => runKubectl(line, sim, { readFile: (p) => FILES[p], version });
  expect(k("apply -f storage.yaml").exitCode).toBe(0);
  return (line: string) =>
    k(line)
      .stdout.split("\n")
      .map((l) => l.replace(/ +/g, " "));
}

describe("VOLUMEATTRIBUTESCLASS by kubectl version", () => {
  it("1.29 and the current kubectl print it", () => {
    for (const version of [29, undefined]) {
      const get = at(version);
      expect(get("get pvc")[0]).toBe(
        "NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE",
      );
      expect(get("get pv")[0]).toBe(
        "NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE",
      );
      // Not yet bound: CLAIM and REASON empty.
      expect(get("get pv")[1]).toBe("pv1 1Gi RWO Retain Pending manual <unset> 0s");
      expect(get("get pvc")[1]).toBe("data Pending manual <unset> 0s");
    }
  });

  it("1.28 prints neither the header nor the cell", () => {
    const get = at(28);
    expect(get("get pvc")[0]).toBe("NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS AGE");
    expect(get("get pv")[0]).toBe(
      "NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS REASON AGE",
    );
    expect(get("get pv")[1]).toBe("pv1 1Gi RWO Retain Pending manual 0s");
    expect(get("get pvc")[1]).toBe("data Pending manual 0s");
  });
});
