/**
 * What a kustomization build reports: each message a small function with its stable code
 * (RC4066–RC4072, in the scenario stage's range) and a hint saying what to write. The
 * wording follows kustomize's own errors where it has one (api/krusty, api/internal/target).
 */
export interface KustomizeMessage {
  code: string;
  message: string;
  hint?: string;
}

export const KUSTOMIZATION_FILE_NAMES: readonly string[] = [
  "kustomization.yaml",
  "kustomization.yml",
  "Kustomization",
];

export const kustomizeMessages = {
  /** api/konfig FindKustomization: none of the three names in the folder. */
  noKustomization: (dir: string, found: "file" | "nothing" | "folder"): KustomizeMessage => ({
    code: "RC4066",
    message:
      found === "file"
        ? `must build at directory: '${dir}': file is not directory`
        : found === "nothing"
          ? `must build at directory: not a valid directory: '${dir}': no such file or directory`
          : `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`,
    hint:
      found === "file"
        ? "kubectl apply -k takes the folder that holds kustomization.yaml; apply a file with -f"
        : found === "nothing"
          ? "name the folder that holds kustomization.yaml, relative to the scenario"
          : "put a kustomization.yaml in the folder, or apply its files with `kubectl apply -f`",
  }),
  /** types.Kustomization is read strictly (yaml.UnmarshalStrict): an unknown field is an error. */
  unknownField: (field: string, where: string, suggestion?: string): KustomizeMessage => ({
    code: "RC4067",
    message: `invalid ${where}: json: unknown field "${field}"`,
    hint:
      suggestion !== undefined
        ? `did you mean \`${suggestion}\`?`
        : "see the fields of a Kustomization: https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/",
  }),
  /** A resource, patch or generator file that cannot be read. */
  missingFile: (what: string, path: string, why?: string): KustomizeMessage => ({
    code: "RC4068",
    message: `${what} '${path}': ${why ?? "no such file or directory"}`,
    hint: "paths in a kustomization are relative to the folder that holds it",
  }),
  /** A remote base (a URL, a git repository): the simulation reaches no network. */
  remote: (entry: string): KustomizeMessage => ({
    code: "RC4069",
    message: `remote resource '${entry}': the Replicast simulator reaches no network`,
    hint: "copy the remote base into the repository and name its folder instead",
  }),
  /** api/internal/target: a kustomization that includes itself, directly or through others. */
  cycle: (dir: string, chain: readonly string[]): KustomizeMessage => ({
    code: "RC4070",
    message: `cycle detected: candidate root '${dir}' contains visited root '${chain[chain.length - 1]}'`,
    hint: `the kustomizations include one another: ${[...chain, dir].join(" → ")}`,
  }),
  /** A patch, replicas entry or merging generator whose target is not among the resources. */
  noTarget: (what: string, target: string): KustomizeMessage => ({
    code: "RC4071",
    message: `no resource matches ${what} ${target}`,
    hint: "check the kind and name against the resources the kustomization builds (`kubectl kustomize DIR` prints them)",
  }),
  /** Anything else the build refuses: a malformed value, a YAML error, a name taken twice. */
  invalid: (message: string, hint?: string): KustomizeMessage => ({
    code: "RC4072",
    message,
    ...(hint !== undefined ? { hint } : {}),
  }),
} as const;
