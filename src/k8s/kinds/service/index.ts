/**
 * v1 Service: defaulted as pkg/apis/core/v1 SetDefaults_Service, named by DNS-1035 label
 * rules, given a ClusterIP and NodePorts on create (allocation.ts), and keeping them through
 * updates that leave them out (pkg/registry/core/service/strategy.go PrepareForUpdate: the
 * ClusterIP fields are immutable once allocated). Load sent to a Service reaches its endpoints.
 */
import { defaultService } from "../../defaults.ts";
import type { Service } from "../../types.ts";
import { isDNS1035Label, validateObjectMeta } from "../../validateMeta.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { allocateClusterIP, allocateNodePorts, clusterIPAllocationErrors } from "./allocation.ts";
import { describeService } from "./describe.ts";
import { serviceTable } from "./table.ts";
import { BUILTIN_FIELDS } from "../../knownFields.ts";

const CLUSTER_IP_FIELDS = [
  "clusterIP",
  "clusterIPs",
  "ipFamilies",
  "ipFamilyPolicy",
  "internalTrafficPolicy",
];

export const ServiceKind: KindDescriptor<Service> = {
  kind: "Service",
  group: "",
  versions: ["v1"],
  namespaced: true,
  plural: "services",
  singular: "service",
  shortNames: ["svc"],
  categories: ["all"],
  prose: "a Service",
  simulated: true,
  fields: BUILTIN_FIELDS.service,
  strategy: {
    tracksGeneration: false,
    // PrepareForCreate resets the status; its loadBalancer is a struct, so it always shows.
    initialStatus: () => ({ loadBalancer: {} }),
    admit(raw) {
      const object = defaultService(raw);
      return { object, errors: validateObjectMeta(object.metadata, isDNS1035Label) };
    },
    prepareForCreate(svc, stored) {
      allocateClusterIP(svc, new Set(stored.map((s) => String(s.spec.clusterIP ?? ""))));
      const ports = stored.flatMap((s) => (s.spec.ports ?? []) as { nodePort?: number }[]);
      allocateNodePorts(
        svc,
        new Set(ports.flatMap((p) => (typeof p.nodePort === "number" ? [p.nodePort] : []))),
      );
    },
    allocationErrors: (svc, stored) =>
      clusterIPAllocationErrors(svc, new Set(stored.map((s) => String(s.spec.clusterIP ?? "")))),
    prepareForUpdate(svc, old) {
      if (svc.spec.clusterIP || !old.spec.clusterIP) return;
      for (const f of CLUSTER_IP_FIELDS) svc.spec[f] ??= old.spec[f];
    },
  },
  language: { word: "service", words: ["service", "services", "svc"], bare: true },
  table: serviceTable,
  describe: describeService,
};
