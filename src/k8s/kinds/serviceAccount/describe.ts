/**
 * `kubectl describe serviceaccount` (k8s.io/kubectl/pkg/describe/describe.go
 * ServiceAccountDescriber and describeServiceAccount, kubectl 1.28–1.34; kubernetes#117160
 * dropped the last two sections in 1.35): three sections in the order of their headers —
 * "Image pull secrets:", "Mountable secrets: " (spec.secrets) and "Tokens:            " (the namespace's kubernetes.io/service-account-token
 * Secrets whose service-account name and UID annotations are this account's) — each name on
 * its own line under a blank header, `<none>` when empty, a pull or mountable secret the
 * namespace lacks marked "(not found)"; then the Events.
 */
import { eventsFor, namespaceOf } from "../../printing/describe.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "../../printing/describeWriter.ts";
import type { KubeObject } from "../../types.ts";
import type { DescribeContext } from "../descriptor.ts";
import { list, obj, str } from "../stored/fields.ts";

/** corev1.ServiceAccountNameKey, ServiceAccountUIDKey, SecretTypeServiceAccountToken. */
const SA_NAME = "kubernetes.io/service-account.name";
const SA_UID = "kubernetes.io/service-account.uid";
const TOKEN_TYPE = "kubernetes.io/service-account-token";

export function describeServiceAccount(sa: KubeObject, ctx: DescribeContext): string {
  const o = sa as unknown as Record<string, unknown>;
  const secrets = ctx.objects.list("Secret", namespaceOf(sa));
  const present = new Set(secrets.map((s) => s.metadata.name));
  const tokens = secrets
    .filter((s) => {
      const a = s.metadata.annotations ?? {};
      return (
        str((s as unknown as Record<string, unknown>).type) === TOKEN_TYPE &&
        a[SA_NAME] === sa.metadata.name &&
        a[SA_UID] === sa.metadata.uid
      );
    })
    .map((s) => s.metadata.name);
  const names = (v: unknown) => list(v).map((r) => str(obj(r).name));
  const sections: [string, string[], boolean][] = [
    ["Image pull secrets:", names(o.imagePullSecrets), true],
    ["Mountable secrets: ", names(o.secrets), true],
    ["Tokens:            ", tokens, false],
  ];

  const w = new PrefixWriter();
  w.write(0, `Name:\t${sa.metadata.name}\n`);
  w.write(0, `Namespace:\t${namespaceOf(sa)}\n`);
  printLabelsMultiline(w, "Labels", sa.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", sa.metadata.annotations);
  for (const [header, items, mayBeMissing] of sections) {
    if (items.length === 0) {
      w.write(0, `${header}\t<none>\n`);
      continue;
    }
    items.forEach((name, i) => {
      const missing = mayBeMissing && !present.has(name) ? " (not found)" : "";
      w.write(0, `${i === 0 ? header : " ".repeat(19)}\t${name}${missing}\n`);
    });
  }
  eventsFor(w, sa, ctx);
  return w.toString();
}
