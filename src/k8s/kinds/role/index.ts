/**
 * rbac.authorization.k8s.io/v1 Role and ClusterRole, stored as written (nothing is
 * authorized here): `kubectl get` prints NAME and CREATED AT (printRole, printClusterRole),
 * `kubectl describe` the policy rules as kubectl breaks them down and compacts them.
 */
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "../../printing/describeWriter.ts";
import type { KubeObject } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { createdAtTable, isPathSegmentName, storedKind } from "../stored/storedKind.ts";
import { combineResourceGroup, describedRules } from "./rules.ts";

const goSlice = (v: readonly string[]) => `[${v.join(" ")}]`;

/**
 * RoleDescriber and ClusterRoleDescriber (describe.go): Name, Labels, Annotations and a
 * PolicyRule table — Resources, Non-Resource URLs, Resource Names, Verbs — with no Namespace
 * line and no Events section.
 */
export function describeRole(role: KubeObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${role.metadata.name}\n`);
  printLabelsMultiline(w, "Labels", role.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", role.metadata.annotations);
  w.write(0, "PolicyRule:\n");
  w.write(1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n");
  w.write(1, "---------\t-----------------\t--------------\t-----\n");
  for (const r of describedRules((role as unknown as Record<string, unknown>).rules))
    w.write(
      1,
      `${combineResourceGroup(r.resources, r.apiGroups)}\t${goSlice(r.nonResourceURLs)}\t${goSlice(r.resourceNames)}\t${goSlice(r.verbs)}\n`,
    );
  return w.toString();
}

export const [RoleKind, ClusterRoleKind]: KindDescriptor<KubeObject>[] = (
  ["Role", "ClusterRole"] as const
).map((kind) => ({
  ...storedKind({
    kind,
    group: "rbac.authorization.k8s.io",
    versions: ["v1"],
    namespaced: kind === "Role",
    plural: `${kind.toLowerCase()}s`,
    nameRule: isPathSegmentName,
    table: createdAtTable,
  }),
  describe: describeRole,
}));
