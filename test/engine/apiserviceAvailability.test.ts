/**
 * kube-aggregator's availability controller (src/engine/controllers/apiservice): each reason
 * remote_available_controller.go AvailableConditionController.sync gives, over a snapshot.
 */
import { describe, expect, it } from "vitest";
import type { StoreView } from "../../src/engine/controller.ts";
import { availableCondition, reconcileApiService } from "../../src/engine/controllers/apiservice/index.ts";
import type { ApiServiceObject } from "../../src/k8s/kinds/apiService/index.ts";
import type { KubeObject } from "../../src/k8s/types.ts";

const meta = (name: string, namespace?: string) => ({
  name,
  ...(namespace ? { namespace } : {}),
  uid: name,
  creationTimestamp: 0,
});

function storeOf(objects: (KubeObject & Record<string, unknown>)[]): StoreView {
  const of = (kind: string) => objects.filter((o) => o.kind === kind);
  return {
    get: (kind: string, namespace: string, name: string) =>
      of(kind).find((o) => (o.metadata.namespace ?? "") === namespace && o.metadata.name === name),
    list: (kind: string, namespace: string) =>
      of(kind).filter((o) => (o.metadata.namespace ?? "") === namespace),
    listAll: (kind: string) => of(kind),
  } as unknown as StoreView;
}

const apiService = (service?: object) =>
  ({
    apiVersion: "apiregistration.k8s.io/v1",
    kind: "APIService",
    metadata: meta("v1beta1.metrics.k8s.io"),
    spec: { group: "metrics.k8s.io", version: "v1beta1", ...(service ? { service } : {}) },
  }) as unknown as KubeObject & Record<string, unknown>;
const ref = { namespace: "kube-system", name: "metrics-server", port: 443 };
const service = (port: number) =>
  ({
    apiVersion: "v1",
    kind: "Service",
    metadata: meta("metrics-server", "kube-system"),
    spec: { ports: [{ name: "https", port }] },
  }) as unknown as KubeObject & Record<string, unknown>;
const endpoints = (addresses: object[]) =>
  ({
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: meta("metrics-server", "kube-system"),
    subsets: [{ addresses, ports: [{ name: "https", port: 10250 }] }],
  }) as unknown as KubeObject & Record<string, unknown>;

const reasonOf = (objects: (KubeObject & Record<string, unknown>)[]) => {
  const c = availableCondition(objects[0] as unknown as ApiServiceObject, storeOf(objects));
  return [c.status, c.reason, c.message];
};

describe("the APIService availability controller", () => {
  it("gives each of sync's reasons", () => {
    expect(reasonOf([apiService()])).toEqual(["True", "Local", "Local APIServices are always available"]);
    expect(reasonOf([apiService(ref)])).toEqual([
      "False",
      "ServiceNotFound",
      'service/metrics-server in "kube-system" is not present',
    ]);
    expect(reasonOf([apiService(ref), service(8443)])).toEqual([
      "False",
      "ServicePortError",
      'service/metrics-server in "kube-system" is not listening on port 443',
    ]);
    expect(reasonOf([apiService(ref), service(443)])).toEqual([
      "False",
      "EndpointsNotFound",
      'cannot find endpoints for service/metrics-server in "kube-system"',
    ]);
    expect(reasonOf([apiService(ref), service(443), endpoints([])])).toEqual([
      "False",
      "MissingEndpoints",
      'endpoints for service/metrics-server in "kube-system" have no addresses with port name "https"',
    ]);
    expect(reasonOf([apiService(ref), service(443), endpoints([{ ip: "10.244.1.7" }])])).toEqual([
      "True",
      "Passed",
      "all checks passed",
    ]);
  });

  it("writes the status only when it changes, keeping lastTransitionTime while the status holds", () => {
    const objects = [apiService(ref), service(443), endpoints([])];
    const first = reconcileApiService(
      { now: 5, store: storeOf(objects), settings: {} as never },
      "v1beta1.metrics.k8s.io",
    );
    expect(first.writes).toHaveLength(1);
    const written = (first.writes[0] as { object: KubeObject & Record<string, unknown> }).object;
    expect((written.status as { conditions: unknown[] }).conditions).toEqual([
      {
        type: "Available",
        status: "False",
        lastTransitionTime: "2024-01-01T00:00:05Z",
        reason: "MissingEndpoints",
        message:
          'endpoints for service/metrics-server in "kube-system" have no addresses with port name "https"',
      },
    ]);
    // The same answer again: nothing to write (updateAPIServiceStatus compares the statuses).
    const again = reconcileApiService(
      { now: 9, store: storeOf([written, service(443), endpoints([])]), settings: {} as never },
      "v1beta1.metrics.k8s.io",
    );
    expect(again.writes).toEqual([]);
    // Another reason with the same status keeps the transition time (SetAPIServiceCondition).
    const gone = reconcileApiService(
      { now: 12, store: storeOf([written]), settings: {} as never },
      "v1beta1.metrics.k8s.io",
    );
    const condition = (
      (gone.writes[0] as { object: Record<string, unknown> }).object.status as {
        conditions: { reason: string; lastTransitionTime: string }[];
      }
    ).conditions[0];
    expect([condition.reason, condition.lastTransitionTime]).toEqual([
      "ServiceNotFound",
      "2024-01-01T00:00:05Z",
    ]);
  });
});
