/** printNode (pkg/printers/internalversion/printers.go): STATUS, ROLES, AGE, VERSION; -o wide adds addresses and versions. */
import { age } from "../../printing/table.ts";
import type { Node } from "../../types.ts";
import type { TablePrinter } from "../descriptor.ts";

const LABEL_NODE_ROLE_PREFIX = "node-role.kubernetes.io/";
const NODE_LABEL_ROLE = "kubernetes.io/role";

/**
 * findNodeRoles: every `node-role.kubernetes.io/ROLE` label, and the value of
 * `kubernetes.io/role`, as a sorted set. Example: {node-role.kubernetes.io/control-plane: ""}
 * → ["control-plane"].
 */
export function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = k.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === NODE_LABEL_ROLE && v !== "") roles.add(v);
  }
  return [...roles].sort();
}

/**
 * STATUS: "Ready" or "Not"+"Ready" from the Ready condition (any status but True is NotReady),
 * "Unknown" without one, then ",SchedulingDisabled" for a cordoned node.
 */
export function nodeStatusText(node: Node): string {
  const status: string[] = [];
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  if (ready) status.push(ready.status === "True" ? "Ready" : "NotReady");
  if (status.length === 0) status.push("Unknown");
  if (node.spec?.unschedulable) status.push("SchedulingDisabled");
  return status.join(",");
}

const address = (node: Node, type: string): string =>
  node.status?.addresses?.find((a) => a.type === type)?.address ?? "<none>";

export const nodeTable: TablePrinter<Node> = {
  header: ["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
  wide: ["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"],
  cells(node, { now, wide }) {
    const roles = findNodeRoles(node).join(",");
    const info = node.status?.nodeInfo ?? {};
    const cells = [
      node.metadata.name,
      nodeStatusText(node),
      roles || "<none>",
      age(now, node.metadata.creationTimestamp),
      info.kubeletVersion ?? "",
    ];
    if (wide)
      cells.push(
        address(node, "InternalIP"),
        address(node, "ExternalIP"),
        info.osImage || "<unknown>",
        info.kernelVersion || "<unknown>",
        info.containerRuntimeVersion || "<unknown>",
      );
    return cells;
  },
};
