/**
 * apiregistration.k8s.io/v1 APIService: how kube-aggregator puts an extension API server
 * (metrics-server's v1beta1.metrics.k8s.io) behind kube-apiserver. Stored as written; its
 * Available condition is kept by the availability controller
 * (engine/controllers/apiservice), so it is not a kind the report lists as "stored, not
 * simulated". The API server's own groups (v1., v1.apps, … "Local") are not listed.
 *
 * `kubectl get apiservice` is kube-aggregator's table (pkg/registry/apiservice/etcd/etcd.go
 * ConvertToTable): NAME, SERVICE (namespace/name, or `Local` without a service), AVAILABLE
 * (the Available condition's status, with its reason in parentheses unless True; `Unknown`
 * without one), AGE.
 *
 * Admission as the aggregator's: the name must be `spec.version + "." + spec.group`
 * (pkg/apis/apiregistration/validation/validation.go ValidateAPIService, after
 * IsValidPathSegmentName), and spec.service.port defaults to 443 (apiregistration/v1
 * defaults.go SetDefaults_ServiceReference).
 */
import { defaultMeta } from "../../defaults.ts";
import { age } from "../../printing/table.ts";
import type { KubeObject } from "../../types.ts";
import { validateObjectMeta } from "../../validateMeta.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { isPathSegmentName, storedKind } from "../stored/storedKind.ts";

/** spec.service, as the aggregator reads it. */
export interface ApiServiceReference {
  namespace?: string;
  name?: string;
  port?: number;
}

export interface ApiServiceCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export type ApiServiceObject = KubeObject & {
  spec?: { service?: ApiServiceReference | null; group?: string; version?: string };
  status?: { conditions?: ApiServiceCondition[] };
};

/** SetDefaults_ServiceReference's port. */
export const DEFAULT_SERVICE_PORT = 443;

/** ValidateAPIService's name rule for an object whose spec names `version.group`. */
const nameRuleFor =
  (spec: ApiServiceObject["spec"]) =>
  (name: string): string[] => {
    const segment = isPathSegmentName(name);
    if (segment.length > 0) return segment;
    const required = `${spec?.version ?? ""}.${spec?.group ?? ""}`;
    return name === required ? [] : [`must be \`spec.version+"."+spec.group\`: "${required}"`];
  };

/** The AVAILABLE cell: ConvertToTable's status. */
export function availableCell(o: ApiServiceObject): string {
  const condition = o.status?.conditions?.find((c) => c.type === "Available");
  if (condition === undefined) return "Unknown";
  if (condition.status === "True") return condition.status;
  return condition.reason ? `${condition.status} (${condition.reason})` : condition.status;
}

export const ApiServiceKind: KindDescriptor<KubeObject> = {
  ...storedKind({
    kind: "APIService",
    group: "apiregistration.k8s.io",
    versions: ["v1"],
    namespaced: false,
    plural: "apiservices",
    categories: ["api-extensions"],
    table: {
      header: ["NAME", "SERVICE", "AVAILABLE", "AGE"],
      wide: [],
      cells: (o, { now }) => {
        const service = (o as ApiServiceObject).spec?.service;
        return [
          o.metadata.name,
          service ? `${service.namespace ?? ""}/${service.name ?? ""}` : "Local",
          availableCell(o as ApiServiceObject),
          age(now, o.metadata.creationTimestamp),
        ];
      },
    },
  }),
  strategy: {
    tracksGeneration: false,
    admit(raw) {
      const meta = defaultMeta(raw.metadata);
      delete meta.namespace;
      const spec = raw.spec as ApiServiceObject["spec"];
      const service = spec?.service;
      const defaulted =
        service && service.port === undefined
          ? { ...spec, service: { ...service, port: DEFAULT_SERVICE_PORT } }
          : spec;
      return {
        object: { ...raw, metadata: meta, ...(defaulted ? { spec: defaulted } : {}) },
        errors: validateObjectMeta(meta, nameRuleFor(spec)),
      };
    },
  },
  storedOnly: false,
};
