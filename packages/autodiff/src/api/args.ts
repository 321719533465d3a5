import { type ArrayLike, isTracer, type PyTreeDef, shapeStr, type Tracer, tree } from "@jaxts/core";
import { asarrayWeak } from "@jaxts/ndarray";

/** Converts the leaves of a pytree of arguments to arrays (a JS number is a weak float32 scalar). */
export function asArrays(x: unknown): Tracer[] {
  return tree.leaves(x).map((leaf) => {
    if (isTracer(leaf)) return leaf;
    if (typeof leaf === "number" || typeof leaf === "boolean") return asarrayWeak(leaf as ArrayLike);
    throw new TypeError(`Argument '${String(leaf)}' of type ${typeof leaf} is not a valid JAX type.`);
  });
}

/**
 * A pytree function as a function of flat arrays. The output's main part comes first in the flat
 * outputs; with `hasAux`, the array leaves of the auxiliary output follow (so transformations carry
 * them through and give back their primal values), and its other leaves are kept aside.
 */
export class FlatFunction {
  outTree: PyTreeDef | undefined;
  numOut = 0;
  private auxTree: PyTreeDef | undefined;
  private auxLeaves: unknown[] = [];
  readonly fn: (...xs: Tracer[]) => Tracer[];

  constructor(
    f: (...args: never[]) => unknown,
    inTree: PyTreeDef,
    readonly hasAux: boolean,
  ) {
    this.fn = (...xs) => {
      const out = (f as (...a: unknown[]) => unknown)(...tree.unflatten<unknown[]>(inTree, xs));
      let main = out;
      if (hasAux) {
        if (!Array.isArray(out) || out.length !== 2) {
          throw new TypeError(
            `expected function with aux output to return a two-element tuple, but got type ${Array.isArray(out) ? "Array" : typeof out} with value ${String(out)}`,
          );
        }
        main = out[0];
        const [leaves, def] = tree.flatten(out[1]);
        this.auxTree = def;
        this.auxLeaves = leaves;
      }
      const mainLeaves = asArrays(main);
      this.outTree = tree.structure(main);
      this.numOut = mainLeaves.length;
      return [...mainLeaves, ...this.auxLeaves.filter(isTracer)];
    };
  }

  /** Rebuilds the auxiliary output, its arrays replaced by `auxArrays` (the flat outputs after the main ones). */
  aux(auxArrays: readonly Tracer[]): unknown {
    if (!this.auxTree) return undefined;
    let k = 0;
    return tree.unflatten(
      this.auxTree,
      this.auxLeaves.map((l) => (isTracer(l) ? auxArrays[k++] : l)),
    );
  }
}

export function checkPrimalsArray(name: string, primals: unknown): asserts primals is unknown[] {
  if (!Array.isArray(primals)) {
    throw new TypeError(
      `${name}: primal arguments must be passed as an array, as in ${name}(f, [x, y]); got ${typeof primals}`,
    );
  }
}

export function describe(x: Tracer): string {
  return `${x.dtype}${shapeStr(x.shape)}`;
}
