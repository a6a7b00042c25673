/**
 * `kubectl describe secret` (k8s.io/kubectl/pkg/describe/describe.go describeSecret): Name,
 * Namespace, Labels, Annotations, the type, then each key of data in sorted order with the
 * length of its value in bytes — the value itself only for the `token` of a
 * kubernetes.io/service-account-token Secret. A Secret has no Events section.
 */
import { namespaceOf } from "../../printing/describe.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "../../printing/describeWriter.ts";
import type { KubeObject } from "../../types.ts";
import { obj, str } from "../stored/fields.ts";

/** SetDefaults_Secret: a Secret without a type is Opaque. */
export const secretType = (o: KubeObject): string =>
  str((o as unknown as Record<string, unknown>).type) || "Opaque";

/** The decoded length of base64 text (data values are base64 on the wire). */
export function base64DecodedLength(b64: string): number {
  const clean = b64.replace(/\s/g, "").replace(/=+$/, "");
  return Math.floor((clean.length * 3) / 4);
}

/** A value as the API server keeps it: data's base64 bytes, or stringData's UTF-8 bytes. */
export interface SecretValue {
  bytes: number;
  text: string;
}

/**
 * data as the API server holds it: stringData is merged into data on write, a stringData key
 * overriding the same data key (core/v1 conversion, Convert_v1_Secret_To_core_Secret).
 */
export function secretData(o: KubeObject): Map<string, SecretValue> {
  const raw = o as unknown as Record<string, unknown>;
  const out = new Map<string, SecretValue>();
  for (const [k, v] of Object.entries(obj(raw.data))) {
    const b64 = str(v);
    out.set(k, { bytes: base64DecodedLength(b64), text: decodeBase64(b64) });
  }
  for (const [k, v] of Object.entries(obj(raw.stringData))) {
    const text = str(v);
    out.set(k, { bytes: new TextEncoder().encode(text).length, text });
  }
  return out;
}

/** base64 text decoded as UTF-8 ("" when it does not decode). */
function decodeBase64(b64: string): string {
  try {
    const bin = atob(b64.replace(/\s/g, ""));
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return "";
  }
}

/** corev1.ServiceAccountTokenKey and SecretTypeServiceAccountToken. */
const TOKEN_KEY = "token";
const TOKEN_TYPE = "kubernetes.io/service-account-token";

export function describeSecret(secret: KubeObject): string {
  const type = secretType(secret);
  const data = secretData(secret);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${secret.metadata.name}\n`);
  w.write(0, `Namespace:\t${namespaceOf(secret)}\n`);
  printLabelsMultiline(w, "Labels", secret.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", secret.metadata.annotations);
  w.write(0, `\nType:\t${type}\n`);
  w.write(0, "\nData\n====\n");
  for (const k of [...data.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const v = data.get(k) as SecretValue;
    if (k === TOKEN_KEY && type === TOKEN_TYPE) w.write(0, `${k}:\t${v.text}\n`);
    else w.write(0, `${k}:\t${v.bytes} bytes\n`);
  }
  return w.toString();
}
