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
    code: "RC4022",
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
  unknownObject: (ref: string): Message => ({
    code: "RC4012",
    message: `${ref} is not created by this scenario`,
    hint: "check the name; objects created outside the scenario's manifests and kubectl lines are not known before the run",
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
  runBeforeStatements: (end: string, latest: string): Message => ({
    code: "RC4017",
    message: `the run ends at ${end}, before the statement at ${latest}`,
  }),
  notInScenario: (what: string, kind: string): Message => ({
    code: "RC4018",
    message: `${what} cannot be about a ${kind}`,
  }),
  cannotExplain: (kind: string, explained: readonly string[]): Message => ({
    code: "RC4021",
    message: `\`explain\` cannot be about a ${kind}: it explains the decisions of ${list(explained)}`,
    hint: `name one, e.g. \`explain ${explained[0]}\``,
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
