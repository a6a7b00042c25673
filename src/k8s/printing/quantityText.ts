/**
 * Quantities as kubectl prints them: resource.Quantity.String(), the canonical form
 * ("0.5" → "500m", "1000m" → "1", "52428800" stays "52428800", "50Mi" stays "50Mi").
 * Text that does not parse is printed as written.
 */
import { isQuantityError, parseQuantity } from "../quantity.ts";

export function quantityText(s: string | number): string {
  const q = parseQuantity(s);
  return isQuantityError(q) ? String(s) : q.toString();
}
