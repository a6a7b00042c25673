/**
 * ValidatePersistentVolumeClaimUpdate's size rule (pkg/apis/core/validation/validation.go). With
 * RecoverVolumeExpansionFailure (on from 1.32, GA in 1.34) a bound claim's requested storage may
 * go down only while it stays above status.capacity, so a failed expansion can be taken back but
 * the volume never shrinks — `spec.resources.requests.storage: Forbidden: field can not be less
 * than status.capacity`; without it (1.31 and older, `set kubectl.version = 1.28`) the request
 * never goes down — `… Forbidden: field can not be less than previous value`. The rule that the
 * rest of the spec is immutable (answered with a cmp.Diff of the spec) is not modelled.
 */
import { forbidden, type FieldError } from "../../fieldErrors.ts";
import { isQuantityError, parseQuantity, type Quantity } from "../../quantity.ts";
import { obj, str } from "../stored/fields.ts";

function quantity(raw: unknown): Quantity | undefined {
  if (raw === undefined) return undefined;
  const q = parseQuantity(typeof raw === "number" ? raw : str(raw));
  return isQuantityError(q) ? undefined : q;
}

const requested = (claim: Record<string, unknown>) =>
  quantity(obj(obj(obj(claim.spec).resources).requests).storage);

/** The size rule's error for an update of `old` to `claim`, if any. */
export function claimShrinkErrors(
  claim: Record<string, unknown>,
  old: Record<string, unknown>,
  recoverVolumeExpansionFailure = true,
): FieldError[] {
  const newSize = requested(claim);
  const oldSize = requested(old);
  if (!newSize || !oldSize || newSize.cmp(oldSize) >= 0) return [];
  if (!recoverVolumeExpansionFailure)
    return [forbidden("spec.resources.requests.storage", "field can not be less than previous value")];
  const capacity = quantity(obj(obj(old.status).capacity).storage) ?? (parseQuantity("0") as Quantity);
  if (newSize.cmp(capacity) > 0) return [];
  return [forbidden("spec.resources.requests.storage", "field can not be less than status.capacity")];
}
