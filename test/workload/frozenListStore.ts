// A MemStore that keeps the engine store's contract the load model's and metrics-server's
// caches rest on: the pods list is frozen and the same array until a pod is written.
import type { Pod } from "../../src/k8s/types.ts";
import { MemStore } from "../controllers/hpa/objects.ts";

export class FrozenListStore extends MemStore {
  private pods: readonly Pod[] | undefined;
  override listAll<K extends Parameters<MemStore["listAll"]>[0]>(kind: K) {
    if (kind !== "Pod") return super.listAll(kind);
    this.pods ??= Object.freeze(super.listAll("Pod") as Pod[]);
    return this.pods as never;
  }
  override put(o: Parameters<MemStore["put"]>[0]): void {
    this.pods = undefined;
    super.put(o);
  }
  override remove(...args: Parameters<MemStore["remove"]>): void {
    this.pods = undefined;
    super.remove(...args);
  }
}
