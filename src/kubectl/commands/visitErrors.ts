/**
 * The error create.go RunCreate and replace.go Run return from the resource builder's Visit
 * (cli-runtime builder.go Do, visitor.go ContinueOnErrorVisitor): the ContinueOnErrorVisitor
 * collects, in visit order, RequireNamespace's refusals and each error the command's own
 * function returns for an object (AddSourceToErr's `error when creating "FILE": …`), then adds
 * last what its inner visitor returned, the EagerVisitorList's aggregate of the RESTMapper's
 * refusals; one error is returned as it is, more as an aggregate. So `create -f` of two
 * objects of a kind not served prints both bare, after the objects' own errors, and one such
 * beside another error prints as `[…]` when there are two or more of it.
 */
import { builderError, type CommandError, type GoError } from "../goErrors.ts";
import type { BuilderRefusals } from "./fileTargets.ts";

export class VisitErrors {
  private readonly errs: GoError[] = [];
  private nextRefusal = 0;
  /** How many objects failed: refused by the builder or by the server. */
  failed = 0;

  constructor(private readonly refusals: BuilderRefusals) {}

  /** The builder is about to hand over the object at `index` (of those it mapped). */
  reach(index: number): void {
    const namespace = this.refusals.namespace;
    while (this.nextRefusal < namespace.length && namespace[this.nextRefusal].before <= index) {
      this.errs.push(builderError(namespace[this.nextRefusal++].error));
      this.failed++;
    }
  }

  /** The command's function returned `e` for the object it was handed. */
  add(e: CommandError): void {
    this.errs.push(e);
    this.failed++;
  }

  /** Visit's error, as a list for goErrors.ts printedErrors (empty: none). */
  end(): GoError[] {
    this.reach(Infinity);
    const mapping = this.refusals.mapping;
    if (mapping.length) {
      this.errs.push({ aggregate: mapping.map(builderError) });
      this.failed += mapping.length;
    }
    return this.errs;
  }
}
