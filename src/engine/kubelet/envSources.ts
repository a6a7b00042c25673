/**
 * The part of the kubelet's container config that can refuse a start: the environment's
 * Secret and ConfigMap sources (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables, v1.28).
 * The `envFrom` entries come first, then `env` in order, and the first failure is the error:
 * - a Secret or ConfigMap that does not exist: the kubelet's object manager answers NotFound
 *   with its singular resource (pkg/kubelet/util/manager/watch_based_manager.go Get:
 *   apierrors.NewNotFound(c.groupResource, name), groupResource corev1.Resource("secret") /
 *   ("configmap")), so `secret "db" not found`, `configmap "app" not found`;
 * - a `secretKeyRef` / `configMapKeyRef` key the object lacks: `couldn't find key password in
 *   Secret default/db`, `couldn't find key mode in ConfigMap default/app` (a ConfigMap's key is
 *   looked up in its `data` only);
 * - `optional: true` skips a missing object or key instead.
 * startContainer (kuberuntime_container.go) then records Warning Failed "Error: <that error>"
 * and the container waits in CreateContainerConfigError with the error as its message.
 */
import { namespaceOf } from "../../k8s/namespaces.ts";
import { secretData } from "../../k8s/kinds/secret/describe.ts";
import { obj, str, list } from "../../k8s/kinds/stored/fields.ts";
import type { Container, KubeObject } from "../../k8s/types.ts";

/** kuberuntime_container.go ErrCreateContainerConfig: the reason the container waits with. */
export const CREATE_CONTAINER_CONFIG_ERROR = "CreateContainerConfigError";

/** The API server's look-up (its served objects, as the kubelet's watch-based cache holds them). */
export type GetObject = (kind: string, namespace: string, name: string) => KubeObject | undefined;

/** The error makeEnvironmentVariables returns for `c` of a pod in `namespace`, if any. */
export function containerConfigError(namespace: string, c: Container, get: GetObject): string | undefined {
  const envFrom = c.envFrom;
  const env = c.env;
  if (envFrom === undefined && env === undefined) return undefined;
  for (const e of list(envFrom)) {
    const from = obj(e);
    const secretRef = from.secretRef;
    const configMapRef = from.configMapRef;
    const ref = obj(secretRef ?? configMapRef);
    if (secretRef === undefined && configMapRef === undefined) continue;
    const kind = secretRef !== undefined ? "Secret" : "ConfigMap";
    if (get(kind, namespace, str(ref.name)) === undefined && ref.optional !== true)
      return notFound(kind, str(ref.name));
  }
  for (const e of list(env)) {
    const valueFrom = obj(e).valueFrom;
    if (valueFrom === undefined) continue;
    const { secretKeyRef, configMapKeyRef } = obj(valueFrom);
    if (secretKeyRef === undefined && configMapKeyRef === undefined) continue;
    const kind = secretKeyRef !== undefined ? "Secret" : "ConfigMap";
    const ref = obj(secretKeyRef ?? configMapKeyRef);
    const name = str(ref.name);
    const key = str(ref.key);
    const optional = ref.optional === true;
    const source = get(kind, namespace, name);
    if (source === undefined) {
      if (optional) continue;
      return notFound(kind, name);
    }
    if (!hasKey(kind, source, key) && !optional)
      return `couldn't find key ${key} in ${kind} ${namespace}/${name}`;
  }
  return undefined;
}

/** `containerConfigError` of a container of `pod`. */
export const podContainerConfigError = (
  pod: { metadata: { namespace?: string } },
  c: Container,
  get: GetObject,
): string | undefined =>
  c.env === undefined && c.envFrom === undefined ? undefined : containerConfigError(namespaceOf(pod), c, get);

/** The object manager's NotFound, with its singular resource: `secret "db" not found`. */
export const notFound = (kind: string, name: string): string =>
  `${kind === "Secret" ? "secret" : "configmap"} ${JSON.stringify(name)} not found`;

/** A Secret's data (stringData merged, as the API server stores it) or a ConfigMap's data holds `key`. */
function hasKey(kind: string, source: KubeObject, key: string): boolean {
  if (kind === "Secret") return secretData(source).has(key);
  return Object.hasOwn(obj((source as unknown as Record<string, unknown>).data), key);
}
