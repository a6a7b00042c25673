/**
 * rbac.authorization.k8s.io/v1 RoleBinding and ClusterRoleBinding, stored as written: `kubectl
 * get` prints ROLE as Kind/name (printRoleBinding, printClusterRoleBinding), `kubectl describe`
 * the role reference and the subjects.
 */
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "../../printing/describeWriter.ts";
import type { KubeObject } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { list, obj, str } from "../stored/fields.ts";
import { age } from "../../printing/table.ts";
import { isPathSegmentName, storedKind } from "../stored/storedKind.ts";

/**
 * RoleBindingDescriber and ClusterRoleBindingDescriber (describe.go): Name, Labels, Annotations,
 * the Role (Kind, Name), then a Subjects table — Kind, Name, Namespace — with no Namespace line
 * and no Events section.
 */
export function describeRoleBinding(binding: KubeObject): string {
  const raw = binding as unknown as Record<string, unknown>;
  const ref = obj(raw.roleRef);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${binding.metadata.name}\n`);
  printLabelsMultiline(w, "Labels", binding.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", binding.metadata.annotations);
  w.write(0, "Role:\n");
  w.write(1, `Kind:\t${str(ref.kind)}\n`);
  w.write(1, `Name:\t${str(ref.name)}\n`);
  w.write(0, "Subjects:\n");
  w.write(1, "Kind\tName\tNamespace\n");
  w.write(1, "----\t----\t---------\n");
  for (const s of list(raw.subjects).map(obj))
    w.write(1, `${str(s.kind)}\t${str(s.name)}\t${str(s.namespace)}\n`);
  return w.toString();
}

export const [RoleBindingKind, ClusterRoleBindingKind]: KindDescriptor<KubeObject>[] = (
  ["RoleBinding", "ClusterRoleBinding"] as const
).map((kind) => ({
  ...storedKind({
    kind,
    group: "rbac.authorization.k8s.io",
    versions: ["v1"],
    namespaced: kind === "RoleBinding",
    plural: `${kind.toLowerCase()}s`,
    nameRule: isPathSegmentName,
  }),
  // printRoleBinding, printClusterRoleBinding: ROLE is Kind/name; -o wide adds the subjects by
  // kind (rbac.SubjectsStrings: users, groups, service accounts as namespace/name).
  table: {
    header: ["NAME", "ROLE", "AGE"],
    wide: ["USERS", "GROUPS", "SERVICEACCOUNTS"],
    cells: (o, { now, wide }) => {
      const raw = o as unknown as Record<string, unknown>;
      const ref = obj(raw.roleRef);
      const subjects = list(raw.subjects).map(obj);
      const of = (kind: string, text: (s: Record<string, unknown>) => string) =>
        subjects
          .filter((s) => s.kind === kind)
          .map(text)
          .join(", ");
      return [
        o.metadata.name,
        `${str(ref.kind)}/${str(ref.name)}`,
        age(now, o.metadata.creationTimestamp),
        ...(wide
          ? [
              of("User", (s) => str(s.name)),
              of("Group", (s) => str(s.name)),
              of("ServiceAccount", (s) => `${str(s.namespace)}/${str(s.name)}`),
            ]
          : []),
      ];
    },
  },
  describe: describeRoleBinding,
}));
