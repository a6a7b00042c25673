/**
 * Every message kubectl prints that this package reproduces, as a function of its inputs,
 * worded as kubectl and the API server word them. The source each follows is named.
 */

/** cobra command.go: findSuggestions / `unknown command %q for %q`. */
export const unknownCommand = (word: string, parent: string) =>
  `error: unknown command "${word}" for "${parent}"`;
/** pflag flag.go: failf("unknown flag: --%s"). */
export const unknownFlag = (name: string) => `error: unknown flag: --${name}`;
/** pflag flag.go: failf("unknown shorthand flag: %q in -%s"). */
export const unknownShorthand = (c: string, token: string) =>
  `error: unknown shorthand flag: '${c}' in ${token}`;
/** pflag flag.go: failf("flag needs an argument: %s"). */
export const flagNeedsArgument = (name: string) => `error: flag needs an argument: --${name}`;
export const shorthandNeedsArgument = (c: string, token: string) =>
  `error: flag needs an argument: '${c}' in ${token}`;
/** pflag flag.go: `invalid argument %q for %q flag: %v` with strconv's error text. */
export const invalidFlagValue = (value: string, flagDisplay: string, type: "int" | "bool") =>
  `error: invalid argument "${value}" for "${flagDisplay}" flag: strconv.${type === "int" ? "ParseInt" : "ParseBool"}: parsing "${value}": invalid syntax`;
/** RESTMapper: the type word matched nothing the server serves. */
export const unknownResourceType = (word: string) =>
  `error: the server doesn't have a resource type "${word}"`;
/** get.go / describe.go: no TYPE given. */
export const requiredResourceNotSpecified = () => "error: Required resource not specified.";
/** resource builder: TYPE given without NAME where one is needed. */
export const resourceWithoutName = () => "error: resource(s) were provided, but no name was specified";
/** cobra: MarkFlagRequired. */
export const requiredFlagNotSet = (name: string) => `error: required flag(s) "${name}" not set`;
/** create_deployment.go. */
export const exactlyOneName = (n: number) => `error: exactly one NAME is required, got ${n}`;
/** get.go printer flags. */
export const unknownOutputFormat = (format: string) =>
  `error: unable to match a printer suitable for the output format "${format}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`;
/** set_image.go. */
export const imageUpdateRequired = () => "error: at least one image update is required";
/** annotate.go. */
export const annotationUpdateRequired = () => "error: at least one annotation update is required";
/** label.go. */
export const labelUpdateRequired = () => "error: at least one label update is required";
export const labelExists = (key: string, value: string) =>
  `error: '${key}' already has a value (${value}), and --overwrite is false`;
/** apply.go. */
export const mustSpecifyFilename = () => "error: must specify one of -f and -k";
/** `-f https://…`: a file kubectl would download. */
export const filenameIsURL = (url: string) =>
  `error: "${url}" is a URL, and the Replicast simulator downloads nothing`;
export const filenameIsURLHint = (url: string) => {
  const base =
    url
      .replace(/[?#].*$/, "")
      .split("/")
      .filter(Boolean)
      .pop() ?? "manifest.yaml";
  return `save the file beside the scenario (e.g. \`curl -LO ${url}\`) and write \`kubectl apply -f ${base}\``;
};
export const filenameIsStdin = () => 'error: "-f -" reads standard input, and a scenario has none';
export const filenameIsStdinHint = () =>
  "put the manifest in the scenario with a heredoc (`apply <<YAML` … `YAML`), or in a file beside it: `kubectl apply -f FILE`";
/** `-k` beside `-f` or `-R` (cli-runtime FilenameOptions.validate). */
export const kustomizeWithFilename = () => "error: only one of -f or -k can be specified";
export const kustomizeWithRecursive = () => "error: the -k flag can't be used with -f or -R";
/** patch.go. */
export const mustSpecifyPatch = () => "error: must specify -p to patch";
export const badPatchType = (t: string) => `error: --type must be one of [json merge strategic], not "${t}"`;
/** autoscale.go Validate. */
export const maxRequired = (max: number) =>
  `error: --max=MAXPODS is required and must be at least 1, max: ${max}`;
export const maxBelowMin = (max: number, min: number) =>
  `error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`;
export const cpuFlagsExclusive = () => "error: --cpu-percent and --cpu are mutually exclusive";
/** scale.go. */
export const replicasRequired = () =>
  "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0";
/** `$(kubectl …)` in a kubectl line: what to write instead. */
export const commandSubstitutionHint = (inner: string) =>
  `a scenario line is one command: run \`${inner}\` on a line of its own to see what it prints, and write that here`;
/** Something kubectl has that the simulator does not model. */
export const notSupported = (what: string) => `error: ${what} is not supported by the Replicast simulator`;
/** get.go when the list is empty. */
export const noResourcesFound = (namespace: string) => `No resources found in ${namespace} namespace.`;

/** rollback.go (polymorphichelpers). */
/** rollback.go DeploymentRollbacker.Rollback: the resume command to run names the Deployment. */
export const rollbackPaused = (name: string) =>
  `error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${name}' and try again`;
export const revisionNotFound = (n: number) => `error: unable to find specified revision ${n} in history`;
export const noRolloutHistory = (name: string) => `error: no rollout history found for deployment "${name}"`;
export const skippedRollback = (prefix: string, name: string, revision: number) =>
  `${prefix}/${name} skipped rollback (current template already matches revision ${revision})`;
/** objectrestarter.go, as kubectl prints the error for the object. */
export const cannotRestartPaused = (groupResource: string, name: string) =>
  `error: ${groupResource} "${name}" can't restart paused deployment (run rollout resume first)`;
/** history.go. */
export const historyRevisionNotFound = () => "error: unable to find the specified revision";
/** annotate.go. */
export const annotationExists = (key: string, value: string) =>
  `error: --overwrite is false but found the following declared annotation(s): '${key}' already has a value (${value})`;

/**
 * cli-runtime resource/mapper.go: a document whose kind the cluster does not serve (no
 * built-in kind, no CustomResourceDefinition for it), printed by kubectl apply per object.
 */
export const resourceMappingNotFound = (
  name: string,
  namespace: string,
  source: string,
  kind: string,
  apiVersion: string,
) =>
  `error: resource mapping not found for name: "${name}" namespace: "${namespace}" from "${source}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`;
/**
 * Replicast's note after `resource mapping not found` when the refused kinds' CRDs were in
 * the same command: kubectl mapped every object before it sent the CRDs.
 */
export const applyCrdsFirst = (kinds: readonly string[], crds: readonly string[]) =>
  `replicast: ${listed(kinds)} ${kinds.length === 1 ? "is" : "are"} defined by ${listed(crds)} in this same command, which kubectl maps before it sends any object: apply the CustomResourceDefinitions first (then \`kubectl wait --for condition=established ${crds.join(" ")}\`), or run the command again`;

const listed = (words: readonly string[]): string =>
  words.length < 2 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;

/** cli-runtime visitor.go RequireNamespace: `-n` given, and an object written for another namespace. */
export const namespaceMismatch = (objectNamespace: string, namespace: string) =>
  `error: the namespace from the provided object "${objectNamespace}" does not match the namespace "${namespace}". You must pass '--namespace=${objectNamespace}' to perform this operation.`;
