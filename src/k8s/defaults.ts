/**
 * API defaulting, as the apiserver applies it before storing an object, so that
 * `kubectl get -o yaml` shows what a real cluster shows:
 * - pkg/apis/apps/v1/defaults.go (SetDefaults_Deployment, SetDefaults_ReplicaSet,
 *   SetDefaults_StatefulSet)
 * - pkg/apis/core/v1/defaults.go (SetDefaults_PodSpec, SetDefaults_Container, SetDefaults_Probe,
 *   SetDefaults_Pod, SetDefaults_Service)
 * Every function returns a new object; the input is never changed. Fields that are not
 * modelled pass through untouched.
 */
import { deepClone } from "./clone.ts";
import { isObj, type Obj } from "./jsonObject.ts";

const clone = <T>(v: T): T => deepClone(v);

/** The namespace kubectl sends when none is given. */
export const DEFAULT_NAMESPACE = "default";

export const DeploymentDefaults = {
  replicas: 1,
  maxSurge: "25%",
  maxUnavailable: "25%",
  revisionHistoryLimit: 10,
  progressDeadlineSeconds: 600,
  minReadySeconds: 0,
} as const;

export const PodDefaults = {
  terminationGracePeriodSeconds: 30,
  restartPolicy: "Always",
  dnsPolicy: "ClusterFirst",
  schedulerName: "default-scheduler",
  terminationMessagePath: "/dev/termination-log",
  terminationMessagePolicy: "File",
} as const;

/**
 * SetDefaults_Deployment (apps/v1): replicas 1; strategy RollingUpdate; maxSurge and
 * maxUnavailable "25%" — only when the type is RollingUpdate (a Recreate Deployment gets no
 * rollingUpdate block); revisionHistoryLimit 10; progressDeadlineSeconds 600;
 * minReadySeconds stays 0 (Go's zero value, shown here explicitly for the controllers).
 */
export function defaultDeployment(raw: Obj): Obj {
  const d = clone(raw);
  d.metadata = defaultMeta(d.metadata);
  const spec: Obj = isObj(d.spec) ? d.spec : {};
  d.spec = spec;
  spec.replicas ??= DeploymentDefaults.replicas;
  const strategy: Obj = isObj(spec.strategy) ? spec.strategy : {};
  spec.strategy = strategy;
  if (strategy.type === undefined || strategy.type === "") strategy.type = "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    const ru: Obj = isObj(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
    strategy.rollingUpdate = ru;
    ru.maxUnavailable ??= DeploymentDefaults.maxUnavailable;
    ru.maxSurge ??= DeploymentDefaults.maxSurge;
  }
  spec.revisionHistoryLimit ??= DeploymentDefaults.revisionHistoryLimit;
  spec.progressDeadlineSeconds ??= DeploymentDefaults.progressDeadlineSeconds;
  spec.minReadySeconds ??= DeploymentDefaults.minReadySeconds;
  spec.template = defaultPodTemplate(spec.template);
  d.status ??= {};
  return d;
}

/** SetDefaults_ReplicaSet: replicas 1; the template as a pod template. */
export function defaultReplicaSet(raw: Obj): Obj {
  const rs = clone(raw);
  rs.metadata = defaultMeta(rs.metadata);
  const spec: Obj = isObj(rs.spec) ? rs.spec : {};
  rs.spec = spec;
  spec.replicas ??= 1;
  spec.minReadySeconds ??= 0;
  spec.template = defaultPodTemplate(spec.template);
  rs.status ??= { replicas: 0 };
  return rs;
}

export const StatefulSetDefaults = {
  replicas: 1,
  podManagementPolicy: "OrderedReady",
  updateStrategy: "RollingUpdate",
  partition: 0,
  revisionHistoryLimit: 10,
  /** StatefulSetAutoDeletePVC (beta, on in 1.28): both policies Retain. */
  pvcRetention: "Retain",
} as const;

/**
 * SetDefaults_StatefulSet (apps/v1, 1.28): podManagementPolicy OrderedReady; an empty
 * updateStrategy becomes RollingUpdate with a rollingUpdate block, and a RollingUpdate block
 * gets partition 0 — but `type: RollingUpdate` written without a block keeps none (which is
 * why `kubectl rollout status` then reports "rolling update complete" instead of "partitioned
 * roll out complete"); persistentVolumeClaimRetentionPolicy Retain/Retain
 * (StatefulSetAutoDeletePVC, beta); replicas 1; revisionHistoryLimit 10. MaxUnavailableStatefulSet
 * is alpha (off), so maxUnavailable gets no default. minReadySeconds stays 0, shown explicitly
 * for the controller as for a Deployment.
 */
export function defaultStatefulSet(raw: Obj): Obj {
  const sts = clone(raw);
  sts.metadata = defaultMeta(sts.metadata);
  const spec: Obj = isObj(sts.spec) ? sts.spec : {};
  sts.spec = spec;
  if (spec.podManagementPolicy === undefined || spec.podManagementPolicy === "")
    spec.podManagementPolicy = StatefulSetDefaults.podManagementPolicy;
  const strategy: Obj = isObj(spec.updateStrategy) ? spec.updateStrategy : {};
  spec.updateStrategy = strategy;
  if (strategy.type === undefined || strategy.type === "") {
    strategy.type = StatefulSetDefaults.updateStrategy;
    if (!isObj(strategy.rollingUpdate)) strategy.rollingUpdate = {};
  }
  if (strategy.type === "RollingUpdate" && isObj(strategy.rollingUpdate))
    strategy.rollingUpdate.partition ??= StatefulSetDefaults.partition;
  const retention: Obj = isObj(spec.persistentVolumeClaimRetentionPolicy)
    ? spec.persistentVolumeClaimRetentionPolicy
    : {};
  spec.persistentVolumeClaimRetentionPolicy = retention;
  if (!retention.whenDeleted) retention.whenDeleted = StatefulSetDefaults.pvcRetention;
  if (!retention.whenScaled) retention.whenScaled = StatefulSetDefaults.pvcRetention;
  spec.replicas ??= StatefulSetDefaults.replicas;
  spec.revisionHistoryLimit ??= StatefulSetDefaults.revisionHistoryLimit;
  spec.minReadySeconds ??= 0;
  spec.serviceName ??= "";
  spec.template = defaultPodTemplate(spec.template);
  if (Array.isArray(spec.volumeClaimTemplates))
    spec.volumeClaimTemplates = spec.volumeClaimTemplates.map(defaultClaimTemplate);
  sts.status ??= { replicas: 0 };
  return sts;
}

/** SetDefaults_PersistentVolumeClaimSpec: volumeMode Filesystem. */
function defaultClaimTemplate(raw: unknown): unknown {
  if (!isObj(raw)) return raw;
  const t = clone(raw);
  const spec: Obj = isObj(t.spec) ? t.spec : {};
  t.spec = spec;
  spec.volumeMode ??= "Filesystem";
  return t;
}

/**
 * SetObjectDefaults_Pod's part for a generic ephemeral volume (zz_generated.defaults.go): its
 * claim template's spec defaulted as a claim's (SetDefaults_PersistentVolumeClaimSpec), in place
 * (the spec is a copy already).
 */
function defaultEphemeralVolumes(volumes: unknown[]): void {
  for (let i = 0; i < volumes.length; i++) {
    const v = volumes[i];
    if (!isObj(v) || !isObj(v.ephemeral) || !isObj(v.ephemeral.volumeClaimTemplate)) continue;
    v.ephemeral.volumeClaimTemplate = defaultClaimTemplate(v.ephemeral.volumeClaimTemplate);
  }
}

/** A pod template: its spec defaulted as SetDefaults_PodSpec does. */
export function defaultPodTemplate(raw: unknown): Obj {
  const t: Obj = isObj(raw) ? clone(raw) : {};
  t.metadata = isObj(t.metadata) ? t.metadata : {};
  t.spec = defaultPodSpec(t.spec);
  return t;
}

/**
 * SetDefaults_PodSpec + SetDefaults_Container + SetDefaults_Probe:
 * restartPolicy Always, terminationGracePeriodSeconds 30, dnsPolicy ClusterFirst,
 * schedulerName default-scheduler, securityContext {}; per container imagePullPolicy
 * (see `defaultImagePullPolicy`), terminationMessagePath/Policy, port protocol TCP, and
 * probe timings (timeoutSeconds 1, periodSeconds 10, successThreshold 1, failureThreshold 3).
 */
export function defaultPodSpec(raw: unknown): Obj {
  const s: Obj = isObj(raw) ? clone(raw) : {};
  s.restartPolicy ??= PodDefaults.restartPolicy;
  s.terminationGracePeriodSeconds ??= PodDefaults.terminationGracePeriodSeconds;
  s.dnsPolicy ??= PodDefaults.dnsPolicy;
  s.securityContext ??= {};
  s.schedulerName ??= PodDefaults.schedulerName;
  for (const key of ["containers", "initContainers"] as const) {
    if (Array.isArray(s[key])) s[key] = (s[key] as unknown[]).map(defaultContainer);
  }
  if (Array.isArray(s.volumes)) defaultEphemeralVolumes(s.volumes as unknown[]);
  mirrorServiceAccount(s);
  return s;
}

/**
 * The deprecated spec.serviceAccount is an alias of serviceAccountName, in a pod and in every
 * template (pkg/apis/core/v1/conversion.go): read in, serviceAccountName wins when both are
 * set and serviceAccount stands in when it is not; written out, serviceAccount is
 * serviceAccountName again. So a template naming either shows both, with one value.
 */
function mirrorServiceAccount(s: Obj): void {
  const name = s.serviceAccountName;
  if (typeof name === "string" && name !== "") s.serviceAccount = name;
  else if (typeof s.serviceAccount === "string" && s.serviceAccount !== "")
    s.serviceAccountName = s.serviceAccount;
}

/**
 * SetDefaults_Pod on top of the pod spec: enableServiceLinks true, and for each container
 * requests copied from limits where only limits are given (so a container with
 * `limits: {cpu: 500m}` gets `requests: {cpu: 500m}` — which the HPA's utilization needs).
 */
export function defaultPod(raw: Obj, spec: Obj = defaultSpecOfPod(raw.spec)): Obj {
  // A copy of everything but the spec, which defaultPodSpec copies (once: every pod the
  // controllers create comes through here), each key at its place. `spec` is the spec's
  // defaulted form, when the caller has it already (kinds/pod/admittedSpecs.ts).
  const p: Obj = {};
  for (const k in raw) if (Object.hasOwn(raw, k)) p[k] = k === "spec" ? undefined : clone(raw[k]);
  p.metadata = defaultMeta(p.metadata);
  p.spec = spec;
  p.status ??= { phase: "Pending" };
  return p;
}

/** SetDefaults_Pod's part in the spec, on a copy of `raw`: defaultPodSpec, then enableServiceLinks and requests from limits. */
export function defaultSpecOfPod(raw: unknown): Obj {
  const spec = defaultPodSpec(raw);
  spec.enableServiceLinks ??= true;
  for (const key of ["containers", "initContainers"] as const) {
    if (Array.isArray(spec[key])) spec[key] = (spec[key] as Obj[]).map(defaultRequestsFromLimits);
  }
  return spec;
}

function defaultRequestsFromLimits(c: Obj): Obj {
  const r = c.resources;
  if (!isObj(r) || !isObj(r.limits)) return c;
  const requests: Obj = isObj(r.requests) ? { ...r.requests } : {};
  for (const [k, v] of Object.entries(r.limits)) if (!(k in requests)) requests[k] = v;
  return { ...c, resources: { ...r, requests } };
}

function defaultContainer(raw: unknown): unknown {
  if (!isObj(raw)) return raw;
  const c = { ...raw };
  if (c.imagePullPolicy === undefined || c.imagePullPolicy === "") {
    c.imagePullPolicy = defaultImagePullPolicy(typeof c.image === "string" ? c.image : "");
  }
  c.terminationMessagePath ??= PodDefaults.terminationMessagePath;
  c.terminationMessagePolicy ??= PodDefaults.terminationMessagePolicy;
  c.resources ??= {};
  if (Array.isArray(c.ports))
    c.ports = c.ports.map((p) => (isObj(p) ? { ...p, protocol: p.protocol ?? "TCP" } : p));
  for (const probe of ["readinessProbe", "livenessProbe", "startupProbe"] as const) {
    if (isObj(c[probe])) c[probe] = defaultProbe(c[probe] as Obj);
  }
  return c;
}

/** SetDefaults_Probe (+ SetDefaults_HTTPGetAction: path "/", scheme HTTP). */
function defaultProbe(p: Obj): Obj {
  const out: Obj = { ...p };
  out.timeoutSeconds ??= 1;
  out.periodSeconds ??= 10;
  out.successThreshold ??= 1;
  out.failureThreshold ??= 3;
  if (isObj(out.httpGet)) out.httpGet = { path: "/", scheme: "HTTP", ...out.httpGet };
  return out;
}

/**
 * SetDefaults_Container's pull policy: "Always" when the tag is `latest` — including no tag
 * at all, which parsers.ParseImageName treats as `latest` — else "IfNotPresent". A digest
 * reference (`image@sha256:…`) has no tag and gets "IfNotPresent".
 * Examples: "nginx" → Always, "busybox:latest" → Always, "busybox:v1" → IfNotPresent,
 * "localhost:5000/app" → Always (the ':' belongs to the registry), "app@sha256:ab…" → IfNotPresent.
 */
export function defaultImagePullPolicy(image: string): "Always" | "IfNotPresent" {
  return imageTag(image) === "latest" ? "Always" : "IfNotPresent";
}

/** The tag of an image reference: text after ':' in the last path component; "latest" if none; "" for a digest. */
export function imageTag(image: string): string {
  const at = image.indexOf("@");
  if (at >= 0) return "";
  const lastSlash = image.lastIndexOf("/");
  const last = image.slice(lastSlash + 1);
  const colon = last.lastIndexOf(":");
  return colon >= 0 ? last.slice(colon + 1) : "latest";
}

/**
 * SetDefaults_Service (the modelled part): type ClusterIP, sessionAffinity None, each port's
 * protocol TCP and targetPort = port when unset.
 */
export function defaultService(raw: Obj): Obj {
  const s = clone(raw);
  s.metadata = defaultMeta(s.metadata);
  const spec: Obj = isObj(s.spec) ? s.spec : {};
  s.spec = spec;
  spec.type ??= "ClusterIP";
  spec.sessionAffinity ??= "None";
  if (Array.isArray(spec.ports)) {
    spec.ports = spec.ports.map((p) =>
      isObj(p) ? { ...p, protocol: p.protocol ?? "TCP", targetPort: p.targetPort ?? p.port } : p,
    );
  }
  return s;
}

/** ConfigMaps are stored as written (plus the namespace). */
export function defaultConfigMap(raw: Obj): Obj {
  const c = clone(raw);
  c.metadata = defaultMeta(c.metadata);
  return c;
}

/** The request's namespace, as kubectl fills it in. */
export function defaultMeta(raw: unknown): Obj {
  const m: Obj = isObj(raw) ? { ...raw } : {};
  if (m.namespace === undefined || m.namespace === "") m.namespace = DEFAULT_NAMESPACE;
  return m;
}
