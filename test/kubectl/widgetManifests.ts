/**
 * Manifest text for the tests of a CustomResourceDefinition's kind in `kubectl apply/create/
 * replace -f` (crdSameCommand, fileVisitErrors) and of its names (scenario/crdAcceptedNames):
 * one CRD shape in the group example.com, its objects, and the RESTMapper's refusal of an
 * object whose kind is not served yet.
 */

/** A served, stored v1 CRD `PLURAL.example.com` of kind `kind`; `names` is more of spec.names (", singular: …"). */
export const crdYaml = (plural: string, kind: string, names = "") => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: ${plural}.example.com}
spec:
  group: example.com
  names: {kind: ${kind}, plural: ${plural}${names}}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
`;

/** An example.com/v1 Widget. */
export const widget = (name: string) =>
  `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: ${name}}\n`;

/** A Deployment the API server refuses (no selector). */
export const INVALID_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx}]
`;

/** cli-runtime resource/mapper.go infoForData's refusal of a cluster-less kind of example.com/v1. */
export const unmapped = (name: string, file: string, kind = "Widget") =>
  `resource mapping not found for name: "${name}" namespace: "" from "${file}": no matches for kind "${kind}" in version "example.com/v1"\nensure CRDs are installed first`;
