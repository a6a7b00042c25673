/**
 * The plan's message catalogue: every diagnostic the scenario stage can report, as a small
 * function of its inputs, with a stable code (RC4xxx; the DSL, manifest and kubectl stages
 * own the other ranges). test/scenario/messages.test.ts keeps the codes unique.
 */
import { MANIFEST_MESSAGE_CODES } from "../k8s/messages.ts";
import { trafficMessages } from "../traffic/messages.ts";

export interface Message {
  code: string;
  message: string;
  hint?: string;
}

const list = (names: readonly string[]): string => names.join(", ");

/** 20 → "20m", 2.5 → "2.5m". */
const formatMilliText = (milli: number): string => `${Number(milli.toFixed(3))}m`;

export const messages = {
  unknownManifest: (name: string, tried: readonly string[]): Message => ({
    code: "RC4002",
    message: `no manifest named "${name}": it is not declared in this scenario and there is no ${list(tried)} beside it`,
    hint: `declare it with \`manifest ${name} = <<YAML\`, or put ${tried[0]} next to the scenario`,
  }),
  fileNotFound: (path: string, why?: string): Message => ({
    code: "RC4003",
    message: `cannot read file "${path}"${why === undefined ? "" : `: ${why}`}`,
  }),
  emptyFolder: (path: string): Message => ({
    code: "RC4026",
    message: `no objects passed to apply: folder "${path}" holds no .json, .yaml or .yml file`,
    hint: "kubectl apply -f reads a folder's own files; its subfolders only with -R",
  }),
  pathOutside: (path: string): Message => ({
    code: "RC4004",
    message: `"${path}" is outside the scenario's folder`,
    hint: "files a scenario reads must sit in its folder; pass --allow-outside to allow this",
  }),
  noDeployment: (what: string): Message => ({
    code: "RC4008",
    message: `${what} needs a target, and this scenario creates no Deployment`,
    hint: "write the target, e.g. deployment/web",
  }),
  ambiguousDeployment: (what: string, choices: readonly string[]): Message => ({
    code: "RC4009",
    message: `${what} needs a target: this scenario has ${choices.length} Deployments (${list(choices)})`,
    hint: `write one of them, e.g. ${choices[0]}`,
  }),
  noHpa: (deployment: string): Message => ({
    code: "RC4010",
    message: `no HorizontalPodAutoscaler in this scenario targets ${deployment}`,
    hint: "create one (an autoscaling manifest or `kubectl autoscale`), or name it: hpa/NAME",
  }),
  ambiguousHpa: (deployment: string, choices: readonly string[]): Message => ({
    code: "RC4011",
    message: `${choices.length} HorizontalPodAutoscalers target ${deployment} (${list(choices)})`,
    hint: `write one of them, e.g. ${choices[0]}`,
  }),
  unknownObject: (ref: string, elsewhere: readonly string[] = []): Message => ({
    code: "RC4012",
    message: `${ref} is not created by this scenario`,
    hint: elsewhere.length
      ? `it is made in another namespace: write ${list(elsewhere)} (a name without a namespace is in default)`
      : "check the name; objects created outside the scenario's manifests and kubectl lines are not known before the run",
  }),
  kubectl: (message: string): Message => ({ code: "RC4013", message }),
  expectsNothing: (): Message => ({
    code: "RC4020",
    message: "the scenario expects nothing: as a test it would pass whatever happened",
    hint: "add an `expect` line, e.g. `expect rollout complete within 5m`",
  }),
  serviceWithoutDeployment: (service: string): Message => ({
    code: "RC4014",
    message: `no Deployment in this scenario has pods selected by service/${service}`,
  }),
  percentOverWorkloads: (service: string, workloads: readonly string[]): Message => ({
    code: "RC4025",
    message: `service/${service} selects the pods of ${workloads.length} workloads (${workloads.join(", ")}): a % of one pod's request would not say whose`,
    hint: "give the load in cores or millicores (`load service/NAME cpu 1500m`), or as requests (`load service/NAME requests 300/s`)",
  }),
  runBeforeStatements: (end: string, latest: string): Message => ({
    code: "RC4017",
    message: `the run ends at ${end}, before the statement at ${latest}`,
  }),
  hpaOnStoredKind: (hpa: string, target: string, what: string): Message => ({
    code: "RC4132",
    message: `${hpa} scales ${target}, and ${what} reaches only the pods of a Deployment or StatefulSet`,
    hint: "name the Deployment or StatefulSet whose pods serve the traffic; an add-on's workload (an Argo Rollout) is stored, not run: model it with a Deployment of the same template",
  }),
  notInScenario: (what: string, kind: string): Message => ({
    code: "RC4018",
    message: `${what} cannot be about a ${kind}`,
  }),
  cpuPercentWithoutRequest: (amount: string, deployment: string): Message => ({
    code: "RC4022",
    message: `\`${amount}\` is a percentage of one pod's CPU request, and the pods of deployment/${deployment} request no CPU: this load is 0`,
    hint: "give the containers `resources.requests.cpu`, or write the CPU itself, e.g. `load cpu 900m`",
  }),
  bareCpuCores: (amount: string): Message => ({
    code: "RC4023",
    message: `\`${amount}\` is ${amount} cores (${Number(amount) * 1000}m): a CPU amount without a unit counts cores, as Kubernetes quantities do`,
    hint: `write \`${amount}%\` for a percentage of one pod's CPU request, or \`${amount}m\` for millicores`,
  }),
  unservedPercent: (value: string, requestMilli: number | undefined, deployment: string): Message => {
    const milli = ((Number(value.replace("%", "")) || 0) / 100) * (requestMilli ?? 0);
    return {
      code: "RC4024",
      message:
        requestMilli === undefined || requestMilli === 0
          ? `\`unserved\` in % is a share of one pod's CPU request, and the pods of deployment/${deployment} request no CPU: \`${value}\` reads as 0m`
          : `\`unserved\` in % is a share of one pod's CPU request (${requestMilli}m), not of the demand: \`${value}\` bounds the unserved CPU at ${formatMilliText(milli)}`,
      hint: `write the millicores to say it plainly, e.g. \`${formatMilliText(milli)}\``,
    };
  },
  duplicatePool: (pool: string): Message => ({
    code: "RC4040",
    message: `node pool "${pool}" is declared twice`,
    hint: "give each `nodes` statement its own pool: `nodes 2 with cpu 4 memory 16Gi named pool-b`",
  }),
  unknownPool: (pool: string, pools: readonly string[]): Message => ({
    code: "RC4041",
    message:
      pools.length === 0
        ? `no node pool "${pool}": this scenario declares no nodes`
        : `no node pool "${pool}": this scenario declares ${list(pools)}`,
    hint: "declare it first: `nodes 3 with cpu 4 memory 16Gi named " + pool + "`",
  }),
  whichPool: (form: string, pools: readonly string[]): Message => ({
    code: "RC4042",
    message:
      pools.length === 0
        ? `\`${form}\` needs a pool, and this scenario declares no nodes`
        : `\`${form}\` needs a pool: this scenario has ${pools.length} (${list(pools)})`,
    hint:
      pools.length === 0
        ? "declare one first: `nodes 3 with cpu 4 memory 16Gi`"
        : `name it: \`${form} ${pools[0]} from 1 to 10\``,
  }),
  tooManyNodes: (what: string, n: string): Message => ({
    code: "RC4044",
    message: `${what} asks for ${n} nodes, more than one Kubernetes cluster supports (5000)`,
    hint: "Kubernetes is tested up to 5000 nodes (Considerations for large clusters); use fewer, larger nodes",
  }),
  clusterQuantity: (quantity: string): Message => ({
    code: "RC4043",
    message: `\`${quantity}\` counts the cluster's nodes: it takes no target`,
    hint: "write `expect nodes >= 3` or, for one pool, `expect nodes pool-a >= 3`",
  }),
  cannotExplain: (kind: string, explained: readonly string[]): Message => ({
    code: "RC4021",
    message: `\`explain\` cannot be about a ${kind}: it explains the decisions of ${list(explained)}`,
    hint: `name one, e.g. \`explain ${explained[0]}\``,
  }),
  faultWithoutPods: (ref: string): Message => ({
    code: "RC4050",
    message: `${ref} has no pods of its own for this fault to hit`,
    hint: "name the workload whose pods fail, e.g. deployment/web",
  }),
  noScale: (ref: string): Message => ({
    code: "RC4051",
    message: `${ref} has no /scale subresource for the HPA to write`,
    hint: "name the HPA's scale target, e.g. deployment/web, or leave the target out to refuse every scale write",
  }),
  noNodes: (node: string): Message => ({
    code: "RC4053",
    message: `\`fault node ${node} down\` needs nodes, and this scenario declares none`,
    hint: "declare them, e.g. `nodes 3 with cpu 4 memory 16Gi`, or apply kind: Node manifests",
  }),
  /** An empty image reference names no container: the fault would silently hit nothing. */
  faultWithoutImage: (verb: "crash" | "pull"): Message => ({
    code: "RC4059",
    message: `\`fault ${verb} image\` needs an image reference, and this one is empty`,
    hint: `name the image as the pods' spec writes it: \`fault ${verb} image ${verb === "crash" ? "web:2" : "nginx:1.161"}\``,
  }),
  /** A kubectl command the run ended under (a wait, a drain): it never returned. */
  stillRunning: (at: string): Message => ({
    code: "RC4060",
    message: `still running when the run ended at ${at}: kubectl had not returned yet`,
    hint: "end the run later (`run for 10m`) or give the command a shorter --timeout",
  }),
  /** A Deployment of cluster-autoscaler's image in a scenario that gives it no pool (clusterAutoscalerPods.ts). */
  clusterAutoscalerPod: (name: string, image: string, unneededTime: string | undefined): Message => ({
    code: "RC4142",
    message: `${name} runs ${image}, which has no cloud to add nodes from here: it runs as a pod, and no node is added or removed`,
    hint: `give a node pool to the simulated cluster autoscaler instead: \`autoscale nodes from 2 to 10${unneededTime === undefined ? "" : ` scale-down after ${unneededTime}`}\` after its \`nodes\` statement (it expands a pool at random, whatever --expander says)`,
  }),
  claimRefusedByLimitRange: (refusal: string, range: string): Message => ({
    code: "RC4091",
    message: refusal,
    hint: `limitrange/${range}, applied before this claim in its namespace, refuses it: the API server's LimitRanger answers \`Error from server (Forbidden)\` when it is applied`,
  }),
  /**
   * `check`: a manifest in a version the API server of the scenario's kubectl.version deprecates
   * (src/k8s/deprecations.ts): every kubectl request to it prints this warning.
   */
  deprecatedApi: (warning: string, version: string, use: string | undefined): Message => ({
    code: "RC4120",
    message: `${warning} (the API server of kubectl.version ${version} sends this warning with every request to it)`,
    ...(use === undefined ? {} : { hint: `use ${use}` }),
  }),
  /**
   * `check`: a manifest in a version Kubernetes no longer serves at the scenario's
   * kubectl.version, which Replicast keeps serving (converted) as the product contract asks.
   */
  removedApi: (
    apiVersion: string,
    kind: string,
    version: string,
    removed: string,
    use: string | undefined,
  ): Message => ({
    code: "RC4121",
    message: `${apiVersion} ${kind} is not served by Kubernetes ${removed}+ (kubectl.version ${version}): a real cluster refuses it (no matches for kind "${kind}" in version "${apiVersion}"); Replicast still applies it`,
    ...(use === undefined ? {} : { hint: `use ${use}` }),
  }),
} as const;

const standaloneCodes = new Set([
  messages.fileNotFound("").code,
  messages.emptyFolder("").code,
  messages.pathOutside("").code,
  messages.kubectl("").code,
]);

const manifestCodes: ReadonlySet<string> = new Set(MANIFEST_MESSAGE_CODES);

/** A diagnostic of manifest loading (src/k8s/messages.ts's catalogue). */
export const isManifestCode = (code: string): boolean => manifestCodes.has(code);

const trafficCodes: ReadonlySet<string> = new Set(Object.values(trafficMessages).map((m) => m.code));

/**
 * Whether a diagnostic is about one statement on its own — its kubectl line, the file it
 * reads, its manifest (src/k8s/messages.ts), its traffic file (src/traffic/messages.ts) — and
 * so holds whatever else in the file is wrong.
 * With other errors in the file (syntax, a manifest that did not load), only these are
 * reported alongside: the rest (targets, "no manifest named") may be mere consequences.
 */
export const standsAlone = (code: string): boolean =>
  standaloneCodes.has(code) || isManifestCode(code) || trafficCodes.has(code);
