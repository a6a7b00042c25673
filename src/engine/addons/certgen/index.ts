/**
 * kube-webhook-certgen's `create` (kubernetes/ingress-nginx images/kube-webhook-certgen,
 * cmd/create.go createCommand): the program the admission Jobs of the ingress-nginx chart (and
 * of kube-prometheus-stack, and others) run before the controller starts. It looks for the
 * Secret `--secret-name` in `--namespace` and, when there is none, makes a CA and a serving
 * certificate for `--host` and stores them in it under `ca`, `cert` and `key` (the names
 * `--ca-name`, `--cert-name` and `--key-name` change; k8s.SaveCertsToSecret). The controller
 * Deployment mounts that Secret; without it its pod waits in ContainerCreating (FailedMount)
 * for ever.
 *
 * Replicast runs the Job's pod for its run time and does not run its program; this stands for
 * the program's one effect that others wait on: when a Job whose pod template runs the certgen
 * image with `create` has finished with Complete, the Secret is created if it is missing (the
 * program makes it while its pod runs, a moment before the Job completes). The certificate is a
 * placeholder: nothing here reads it. `patch` (the webhook's caBundle) is not modelled.
 *
 * Cost: a look at each changed Job's template, nothing for a cluster without Jobs.
 */
import { isJobFinished, type Job } from "../../../k8s/kinds/job/types.ts";
import { base64Text } from "../../../k8s/kinds/secret/index.ts";
import { parseQualifiedName } from "../../../k8s/namespaces.ts";
import type { KubeObject } from "../../../k8s/types.ts";
import {
  emptyResult,
  type Controller,
  type ControllerContext,
  type ReconcileResult,
} from "../../controller.ts";
import { mulberry32 } from "../../rng.ts";

/** The image the certgen program ships in, whatever its registry, tag or digest. */
const CERTGEN_IMAGE = /(^|\/)kube-webhook-certgen(:|@|$)/;

interface Container {
  image?: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath?: string } } }[];
}

/** What a certgen `create` asks for, or undefined when the container runs something else. */
export function certgenCreate(
  container: Container,
  podNamespace: string,
): { secret: string; namespace: string; names: [string, string, string] } | undefined {
  if (!CERTGEN_IMAGE.test(container.image ?? "")) return undefined;
  const argv = [...(container.command ?? []), ...(container.args ?? [])].map((a) =>
    expand(a, container, podNamespace),
  );
  if (!argv.includes("create")) return undefined;
  const flag = (name: string): string | undefined => {
    for (let i = 0; i < argv.length; i++) {
      if (argv[i].startsWith(`--${name}=`)) return argv[i].slice(name.length + 3);
      if (argv[i] === `--${name}`) return argv[i + 1];
    }
    return undefined;
  };
  const secret = flag("secret-name");
  if (!secret) return undefined;
  return {
    secret,
    namespace: flag("namespace") || podNamespace,
    names: [flag("ca-name") ?? "ca", flag("cert-name") ?? "cert", flag("key-name") ?? "key"],
  };
}

/**
 * The kubelet's `$(VAR)` expansion of a container's arguments (third_party/forked/golang/expansion):
 * a variable the container's env defines by value, or by the pod's namespace or name through
 * the downward API; `$$` is a literal `$`; anything else stays as written.
 */
function expand(arg: string, c: Container, podNamespace: string): string {
  return arg.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string | undefined) => {
    if (name === undefined) return "$";
    const e = c.env?.find((v) => v.name === name);
    if (e?.value !== undefined) return e.value;
    if (e?.valueFrom?.fieldRef?.fieldPath === "metadata.namespace") return podNamespace;
    return whole;
  });
}

/** A PEM block's placeholder body, as base64 Secret data (the program's real one is random). */
const placeholder = (what: string) =>
  base64Text(`-----BEGIN ${what}-----\nreplicast placeholder\n-----END ${what}-----\n`);

export const certgenController: Controller = {
  name: "kube-webhook-certgen",
  kind: "Job",
  reconcile: (ctx, key) => reconcileCertgen(ctx, key),
};

function reconcileCertgen(ctx: ControllerContext, key: string): ReconcileResult {
  const result = emptyResult();
  const { namespace, name } = parseQualifiedName(key);
  const job = ctx.store.get("Job", namespace, name) as unknown as Job | undefined;
  if (job === undefined || !isJobFinished(job)) return result;
  const complete = job.status?.conditions?.some((c) => c.type === "Complete" && c.status === "True");
  if (!complete) return result;
  const containers = (job.spec.template as { spec?: { containers?: Container[] } }).spec?.containers ?? [];
  for (const c of containers) {
    const create = certgenCreate(c, namespace);
    if (create === undefined || ctx.store.get("Secret", create.namespace, create.secret) !== undefined)
      continue;
    const [ca, cert, keyName] = create.names;
    const secret = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: create.secret, namespace: create.namespace },
      type: "Opaque",
      data: {
        [ca]: placeholder("CERTIFICATE"),
        [cert]: placeholder("CERTIFICATE"),
        [keyName]: placeholder("EC PRIVATE KEY"),
      },
    } as unknown as KubeObject;
    // Its uid from a stream of its own: the run's generator names the pods created after it.
    result.writes.push({ op: "create", object: secret, uids: mulberry32(hash(`${key}/${create.secret}`)) });
    result.decisions.push({
      controller: "kube-webhook-certgen",
      object: `Job/${key}`,
      action: "create",
      summary: `create Secret ${create.namespace}/${create.secret}: the Job ran kube-webhook-certgen create and completed`,
      inputs: { secret: create.secret, namespace: create.namespace },
    });
  }
  return result;
}

/** FNV-1a of a string: the seed of the Secret's uid stream. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
