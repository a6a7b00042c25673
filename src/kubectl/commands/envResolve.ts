/**
 * How `kubectl set env --list` shows a variable that comes from elsewhere, and what
 * `--resolve` finds there (kubectl/pkg/cmd/set/env/env_resolve.go GetEnvVarRefString and
 * GetEnvVarRefValue): a ConfigMap or Secret key, a field of the object, or a container's
 * resource.
 */
import type { ApiServer } from "../../engine/cluster.ts";
import { secretData } from "../../k8s/kinds/secret/describe.ts";
import { parseQuantity, QuantityError } from "../../k8s/quantity.ts";
import type { Container, KubeObject } from "../../k8s/types.ts";

/** core/v1 EnvVarSource, as far as env_resolve.go reads it. */
export interface EnvVarSource {
  configMapKeyRef?: { name?: string; key?: string };
  secretKeyRef?: { name?: string; key?: string };
  fieldRef?: { fieldPath?: string };
  resourceFieldRef?: { containerName?: string; resource?: string; divisor?: string | number };
}

/** GetEnvVarRefString: `configmap NAME, key KEY`, `secret …`, `field path …`, `resource field …`. */
export function envVarRefString(from: EnvVarSource): string {
  if (from.configMapKeyRef) return `configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`;
  if (from.secretKeyRef) return `secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`;
  if (from.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef) {
    const prefix = from.resourceFieldRef.containerName ? `${from.resourceFieldRef.containerName}/` : "";
    return `resource field ${prefix}${from.resourceFieldRef.resource}`;
  }
  return "invalid valueFrom";
}

/** GetEnvVarRefValue: the value, or the error kubectl prints for the variable. */
export function envVarRefValue(
  api: ApiServer,
  namespace: string,
  from: EnvVarSource,
  obj: KubeObject,
  container: Container,
): { value: string } | { error: string } {
  if (from.secretKeyRef) {
    const { name = "", key = "" } = from.secretKeyRef;
    const secret = api.get("Secret", namespace, name);
    if (!secret) return { error: `secrets "${name}" not found` };
    const v = secretData(secret).get(key);
    return v ? { value: v.text } : { error: `key ${key} not found in secret ${name}` };
  }
  if (from.configMapKeyRef) {
    const { name = "", key = "" } = from.configMapKeyRef;
    const cm = api.get("ConfigMap", namespace, name) as
      (KubeObject & { data?: Record<string, string> }) | undefined;
    if (!cm) return { error: `configmaps "${name}" not found` };
    const v = cm.data?.[key];
    return v !== undefined ? { value: v } : { error: `key ${key} not found in config map ${name}` };
  }
  if (from.fieldRef) return fieldPathValue(obj, from.fieldRef.fieldPath ?? "");
  if (from.resourceFieldRef) return resourceFieldValue(from.resourceFieldRef, container);
  return { error: "invalid valueFrom" };
}

/** fieldpath.ExtractFieldPathAsString on the object that holds the template. */
function fieldPathValue(obj: KubeObject, path: string): { value: string } | { error: string } {
  const meta = obj.metadata;
  const subscript = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (subscript) {
    const map = subscript[1] === "labels" ? meta.labels : meta.annotations;
    return { value: map?.[subscript[2]] ?? "" };
  }
  switch (path) {
    case "metadata.name":
      return { value: meta.name };
    case "metadata.namespace":
      return { value: meta.namespace ?? "" };
    case "metadata.uid":
      return { value: meta.uid ?? "" };
    case "metadata.labels":
      return { value: formatMap(meta.labels) };
    case "metadata.annotations":
      return { value: formatMap(meta.annotations) };
  }
  return { error: `unsupported fieldPath: ${path}` };
}

/** fieldpath.FormatMap: `key="value"` lines in key order. */
function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify(m![k])}`)
    .join("\n");
}

/**
 * resource.ExtractContainerResourceValue: a request or limit in units of the divisor, rounded
 * up (convertResourceCPUToString, convertResourceMemoryToString); one the container does not
 * set is 0 here, as kubectl has no node to default a limit from.
 */
function resourceFieldValue(
  ref: NonNullable<EnvVarSource["resourceFieldRef"]>,
  container: Container,
): { value: string } | { error: string } {
  const resource = ref.resource ?? "";
  const [kind, name] = resource.split(".", 2) as [string, string | undefined];
  const list =
    kind === "limits"
      ? container.resources?.limits
      : kind === "requests"
        ? container.resources?.requests
        : undefined;
  if (!list || (name !== "cpu" && name !== "memory" && name !== "ephemeral-storage"))
    return { error: `unsupported container resource : ${resource}` };
  const amount = parseQuantity(list[name] ?? "0");
  const divisor = parseQuantity(ref.divisor ?? "1");
  if (amount instanceof QuantityError || divisor instanceof QuantityError || divisor.isZero())
    return { error: `unsupported container resource : ${resource}` };
  const ratio =
    name === "cpu" ? amount.milliValue() / divisor.milliValue() : amount.value() / divisor.value();
  return { value: String(Math.ceil(ratio)) };
}
