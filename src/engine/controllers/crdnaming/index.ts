/**
 * apiextensions-apiserver's NamingConditionController (pkg/controller/status/naming_controller.go
 * sync) with the EstablishingController's step (establish/establishing_controller.go), for a
 * CustomResourceDefinition's updates: when a CRD changes, its status.acceptedNames and its
 * NamesAccepted and Established conditions are computed again from its spec.names and the names
 * the group's other CRDs have accepted (k8s/kinds/stored/crdNames.ts), and written when they
 * differ (UpdateStatus). A change of one CRD wakes the others of its group, which may take a name
 * it let go of (requeueAllOtherGroupCRDs). A create's status is the API server's own
 * (stored/crd.ts establishedStatus), which this finds already right.
 */
import { toRFC3339 } from "../../../k8s/time.ts";
import { namingStatus } from "../../../k8s/kinds/stored/crdNames.ts";
import type { KubeObject } from "../../../k8s/types.ts";
import { sameJson } from "../../apiserver.ts";
import { emptyResult, type Controller, type Watch } from "../../controller.ts";

const CRD = "CustomResourceDefinition";

const groupOf = (o: KubeObject): string => String((o as { spec?: { group?: unknown } }).spec?.group ?? "");

/** A change of a CRD wakes the group's other CRDs. */
const groupChanged: Watch = {
  kind: CRD,
  route: (ev, store) =>
    store
      .listAll(CRD)
      .filter((c) => c.metadata.name !== ev.object.metadata.name && groupOf(c) === groupOf(ev.object))
      .map((c) => ({ key: c.metadata.name })),
};

export const crdNamingController: Controller = {
  name: "crd-naming",
  kind: CRD,
  watches: [groupChanged],
  reconcile(ctx, key) {
    const result = emptyResult();
    const crd = ctx.store.get(CRD, "", key);
    if (!crd || crd.metadata.deletionTimestamp !== undefined) return result;
    const status = (crd as { status?: unknown }).status;
    const next = namingStatus(crd, ctx.store.listAll(CRD), toRFC3339(ctx.now));
    if (!sameJson(next, status))
      result.writes.push({ op: "updateStatus", object: { ...crd, status: next } as KubeObject });
    return result;
  },
};
