/**
 * The kubeconfig a scenario's kubectl reads: its contexts, each with a cluster, a user and
 * perhaps a namespace, and the current one. The namespace a command works in is `-n`, else
 * the namespace of its context (`--context NAME`, else the current one), else `default`
 * (client-go clientcmd DirectClientConfig.Namespace).
 *
 * A run starts with the context a kubeadm cluster writes into admin.conf,
 * `kubernetes-admin@kubernetes` (cluster `kubernetes`, user `kubernetes-admin`), with no
 * namespace. `kubectl config set-context` and `use-context` change it from their line on:
 * the plan reads the kubectl lines in order with the kubeconfig as it stands at each
 * (src/scenario/plan.ts), as a shell runs a walk-through's lines in order. Only kubectl lines
 * read it: the scenario language names an object outside `default` with its namespace
 * (`dev/deployment/web`).
 *
 * A value, never changed in place: a command that changes it returns a new one.
 */

export interface KubeContext {
  readonly name: string;
  readonly cluster: string;
  readonly user: string;
  readonly namespace?: string;
}

export interface Kubeconfig {
  /** The current context's name; "" when none is set (`config unset current-context`). */
  readonly current: string;
  /** In the order they were made (kubectl config view lists them by name). */
  readonly contexts: readonly KubeContext[];
}

/** kubeadm's admin.conf (cmd/kubeadm/app/phases/kubeconfig: "%s@%s" of user and cluster). */
export const DEFAULT_KUBECONFIG: Kubeconfig = {
  current: "kubernetes-admin@kubernetes",
  contexts: [{ name: "kubernetes-admin@kubernetes", cluster: "kubernetes", user: "kubernetes-admin" }],
};

export function contextNamed(kc: Kubeconfig, name: string): KubeContext | undefined {
  return kc.contexts.find((c) => c.name === name);
}

/**
 * The namespace of the context a command uses: `--context NAME` when given, else the
 * current one; undefined when it sets none. A context that does not exist is kubectl's error
 * (clientcmd validation), given back as a string.
 */
export function contextNamespace(
  kc: Kubeconfig,
  contextFlag: string | undefined,
): string | undefined | { error: string } {
  const name = contextFlag !== undefined && contextFlag !== "" ? contextFlag : kc.current;
  if (name === "") return undefined;
  const context = contextNamed(kc, name);
  if (!context) return { error: `error: context was not found for specified context: ${name}` };
  return context.namespace === "" ? undefined : context.namespace;
}

/** The kubeconfig with `context` put in place of the one of its name, or added after the others. */
export function withContext(kc: Kubeconfig, context: KubeContext): Kubeconfig {
  const i = kc.contexts.findIndex((c) => c.name === context.name);
  const contexts = i < 0 ? [...kc.contexts, context] : kc.contexts.map((c, j) => (j === i ? context : c));
  return { current: kc.current, contexts };
}
