/**
 * The fields each served kind and version defines, to catch typos the way the apiserver's
 * strict field validation does (`strict decoding error: unknown field "spec.replica"`).
 * Structures Replicast does not model (volumes, probes, affinity…) are listed by name and
 * not looked into, so anything valid inside them passes.
 */
import { suggest } from "../text/suggest.ts";

/** "any": not checked inside; an object: its known fields; a one-element array: a list of that. */
export type FieldSchema = "any" | { readonly [field: string]: FieldSchema } | readonly [FieldSchema];

const any = "any" as const;
const mapOf = (...names: string[]): Record<string, FieldSchema> =>
  Object.fromEntries(names.map((n) => [n, any]));

const objectMeta: FieldSchema = mapOf(
  "name",
  "generateName",
  "namespace",
  "selfLink",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "labels",
  "annotations",
  "ownerReferences",
  "finalizers",
  "managedFields",
);

const labelSelector: FieldSchema = {
  matchLabels: any,
  matchExpressions: [mapOf("key", "operator", "values")],
};

const container: FieldSchema = {
  ...mapOf(
    "name",
    "image",
    "command",
    "args",
    "workingDir",
    "ports",
    "envFrom",
    "env",
    "resizePolicy",
    "restartPolicy",
    "restartPolicyRules",
    "volumeMounts",
    "volumeDevices",
    "livenessProbe",
    "readinessProbe",
    "startupProbe",
    "lifecycle",
    "terminationMessagePath",
    "terminationMessagePolicy",
    "imagePullPolicy",
    "securityContext",
    "stdin",
    "stdinOnce",
    "tty",
  ),
  resources: mapOf("limits", "requests", "claims"),
};

const podSpec: FieldSchema = {
  ...mapOf(
    "volumes",
    "ephemeralContainers",
    "restartPolicy",
    "terminationGracePeriodSeconds",
    "activeDeadlineSeconds",
    "dnsPolicy",
    "nodeSelector",
    "serviceAccountName",
    "serviceAccount",
    "automountServiceAccountToken",
    "nodeName",
    "hostNetwork",
    "hostPID",
    "hostIPC",
    "shareProcessNamespace",
    "securityContext",
    "imagePullSecrets",
    "hostname",
    "subdomain",
    "affinity",
    "schedulerName",
    "tolerations",
    "hostAliases",
    "priorityClassName",
    "priority",
    "dnsConfig",
    "readinessGates",
    "runtimeClassName",
    "enableServiceLinks",
    "preemptionPolicy",
    "overhead",
    "topologySpreadConstraints",
    "setHostnameAsFQDN",
    "os",
    "hostUsers",
    "schedulingGates",
    "resourceClaims",
    "resources",
    "hostnameOverride",
  ),
  containers: [container],
  initContainers: [container],
};

const podTemplate: FieldSchema = { metadata: objectMeta, spec: podSpec };

const top = (spec: FieldSchema, extra: Record<string, FieldSchema> = {}): FieldSchema => ({
  apiVersion: any,
  kind: any,
  metadata: objectMeta,
  spec,
  status: any,
  ...extra,
});

const deployment = top({
  replicas: any,
  selector: labelSelector,
  template: podTemplate,
  strategy: { type: any, rollingUpdate: mapOf("maxUnavailable", "maxSurge") },
  minReadySeconds: any,
  revisionHistoryLimit: any,
  paused: any,
  progressDeadlineSeconds: any,
  rollbackTo: any,
});

const replicaSet = top({
  replicas: any,
  minReadySeconds: any,
  selector: labelSelector,
  template: podTemplate,
});

const crossVersionRef = mapOf("apiVersion", "kind", "name");
const target = mapOf("type", "value", "averageValue", "averageUtilization");
const metricId: FieldSchema = { name: any, selector: labelSelector };

const metricV2: FieldSchema = {
  type: any,
  resource: { name: any, target },
  containerResource: { name: any, container: any, target },
  pods: { metric: metricId, target },
  object: { describedObject: crossVersionRef, metric: metricId, target },
  external: { metric: metricId, target },
};

const rules: FieldSchema = {
  stabilizationWindowSeconds: any,
  selectPolicy: any,
  policies: [mapOf("type", "value", "periodSeconds")],
  tolerance: any,
};

const hpaV2 = top({
  scaleTargetRef: crossVersionRef,
  minReplicas: any,
  maxReplicas: any,
  metrics: [metricV2],
  behavior: { scaleUp: rules, scaleDown: rules },
});

const metricV2beta1: FieldSchema = {
  type: any,
  resource: mapOf("name", "targetAverageUtilization", "targetAverageValue"),
  containerResource: mapOf("name", "container", "targetAverageUtilization", "targetAverageValue"),
  pods: { metricName: any, targetAverageValue: any, selector: labelSelector },
  object: {
    target: crossVersionRef,
    metricName: any,
    targetValue: any,
    selector: labelSelector,
    averageValue: any,
  },
  external: { metricName: any, metricSelector: labelSelector, targetValue: any, targetAverageValue: any },
};

/**
 * The built-in kinds' schemas by served version; each kind's descriptor carries its own
 * (`KindDescriptor.fields`), which is what strict field validation reads.
 */
export const BUILTIN_FIELDS = {
  deployment: { v1: deployment },
  replicaSet: { v1: replicaSet },
  pod: { v1: top(podSpec) },
  service: { v1: top(any) },
  configMap: {
    v1: {
      apiVersion: any,
      kind: any,
      metadata: objectMeta,
      data: any,
      binaryData: any,
      immutable: any,
    },
  },
  hpa: {
    v2: hpaV2,
    v2beta2: hpaV2,
    v2beta1: top({
      scaleTargetRef: crossVersionRef,
      minReplicas: any,
      maxReplicas: any,
      metrics: [metricV2beta1],
    }),
    v1: top(mapOf("scaleTargetRef", "minReplicas", "maxReplicas", "targetCPUUtilizationPercentage")),
  },
} as const satisfies Record<string, Record<string, FieldSchema>>;

export interface UnknownField {
  /** As strict decoding prints it: "spec.template.spec.containers[0].imagePullPolicyy". */
  path: string;
  /** The known sibling field closest in spelling, when one is close. */
  suggestion?: string;
}

/** Every field of `raw` that its kind and version do not define, in document order. */
export function findUnknownFields(
  raw: Record<string, unknown>,
  apiVersion: string,
  kind: { fields?: Readonly<Record<string, FieldSchema>> } | undefined,
): UnknownField[] {
  const version = apiVersion.slice(apiVersion.indexOf("/") + 1);
  const schema = kind?.fields?.[version];
  if (schema === undefined) return [];
  const out: UnknownField[] = [];
  walk(raw, schema, "", out);
  return out;
}

function walk(value: unknown, schema: FieldSchema, path: string, out: UnknownField[]): void {
  if (schema === "any" || value === null || typeof value !== "object") return;
  if (Array.isArray(schema)) {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, schema[0], `${path}[${i}]`, out));
    return;
  }
  if (Array.isArray(value)) return;
  const fields = schema as Record<string, FieldSchema>;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const p = path === "" ? k : `${path}.${k}`;
    const child = Object.hasOwn(fields, k) ? fields[k] : undefined;
    if (child === undefined) {
      const suggestion = suggest(k, Object.keys(fields));
      out.push(suggestion === undefined ? { path: p } : { path: p, suggestion });
    } else {
      walk(v, child, p, out);
    }
  }
}
