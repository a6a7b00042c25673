/**
 * LimitRanger on PersistentVolumeClaims as the API server runs it
 * (plugin/pkg/admission/limitranger/admission.go): SupportsAttributes takes claims on create
 * and on update (only pod updates are left out), runLimitFunc skips an object being deleted,
 * and ValidateLimit sends claims to PersistentVolumeClaimValidateLimitFunc. The validating
 * plug-in runs before ResourceQuota, so a refused claim charges no quota.
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { runKubectl } from "../../src/kubectl/run.ts";

const limitRange = `apiVersion: v1
kind: LimitRange
metadata:
  name: storage
spec:
  limits:
  - type: PersistentVolumeClaim
    min:
      storage: 1Gi
    max:
      storage: 10Gi
`;

const claim = (name: string, storage: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: ${storage}
`;

function cluster() {
  const sim = new Simulation();
  const k = (line: string, input?: string) =>
    runKubectl(line, sim, input ? { readFile: () => input, listDir: () => undefined } : undefined);
  expect(k("apply -f lr.yaml", limitRange).exitCode).toBe(0);
  return { sim, k };
}

describe("LimitRanger on a claim's create and update", () => {
  it("refuses a claim over max or under min and stores the one inside", () => {
    const { k } = cluster();
    // kubectl create -f names the file (cmdutil.AddSourceToErr "creating").
    expect(k("create -f pvc.yaml", claim("big", "20Gi")).stderr).toBe(
      'Error from server (Forbidden): error when creating "pvc.yaml": persistentvolumeclaims "big" is forbidden: maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi\n',
    );
    expect(k("create -f pvc.yaml", claim("tiny", "500Mi")).stderr).toContain(
      'persistentvolumeclaims "tiny" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi\n',
    );
    expect(k("create -f pvc.yaml", claim("ok", "5Gi")).stdout).toBe("persistentvolumeclaim/ok created\n");
    expect(k("get pvc -o name").stdout).toBe("persistentvolumeclaim/ok\n");
  });

  it("checks an update: a claim grown past max is refused, and so is any update once the range is tighter", () => {
    const { k } = cluster();
    k("apply -f pvc.yaml", claim("data", "5Gi"));
    expect(k(`patch pvc data -p '{"spec":{"resources":{"requests":{"storage":"20Gi"}}}}'`).stderr).toBe(
      'Error from server (Forbidden): persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi\n',
    );
    expect(k("get pvc data -o jsonpath={.spec.resources.requests.storage}").stdout).toBe("5Gi");
    k("apply -f lr.yaml", limitRange.replace("10Gi", "2Gi"));
    expect(k("label pvc data tier=db").stderr).toBe(
      'Error from server (Forbidden): persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi\n',
    );
  });
});
