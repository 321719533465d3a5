import { bind, isTracer, isTracing, type Tracer, stageFunction, tree } from "@jaxts/core";
import { asarrayWeak } from "../array/create.js";
import { fullLike } from "../lax/operands.js";

/** The leaves of a pytree as arrays (JS numbers become weak scalars). */
function asArrays(x: unknown): Tracer[] {
  return tree.leaves(x).map((l) => asarrayWeak(l as number));
}

type Fn<A extends unknown[], R> = (...args: A) => R;

/** Stages `fn` at the arguments' types, for the primitive's output types and jaxpr printing. */
function stage(fn: (...args: never[]) => unknown, args: readonly unknown[]) {
  return stageFunction(fn, args);
}

export interface CustomJvpFunction<A extends unknown[], R> {
  (...args: A): R;
  /** `rule(primals, tangents)` returns `[primalOut, tangentOut]`, each shaped like f's output. */
  defjvp(rule: (primals: A, tangents: A) => [R, R]): CustomJvpFunction<A, R>;
  /** One function per argument, `(tangent, primalOut, ...primals) => its contribution to the output tangent`; null for none. */
  defjvps(...rules: (((t: Tracer, ans: R, ...primals: A) => R) | null)[]): CustomJvpFunction<A, R>;
}

// These live in ndarray (not autodiff) so that numpy, nn and scipy functions can carry JAX's custom
// derivative rules; the rules themselves are applied by @jaxts/autodiff's JVP interpreter.

/**
 * `customJvp(fn)`, JAX's `@custom_jvp`: fn with a derivative rule of your own (set with `defjvp` or
 * `defjvps`), used by jvp, grad and every transformation above them.
 */
export function customJvp<A extends unknown[], R>(
  fn: Fn<A, R>,
  options: { name?: string } = {},
): CustomJvpFunction<A, R> {
  let rule: ((primals: A, tangents: A) => [R, R]) | undefined;
  const name = options.name ?? (fn.name || "custom_jvp");
  const call = ((...args: A): R => {
    if (!rule) throw new TypeError(`No JVP defined for custom_jvp function ${name} using defjvp.`);
    // Outside every transformation the rule cannot matter: evaluate directly, as JAX does.
    if (!isTracing()) return fn(...args);
    const staged = stage(fn as (...a: never[]) => unknown, args);
    const [leaves, inTree] = tree.flatten(args);
    const xs = asArrays(leaves);
    const r = rule;
    const outs = bind("custom_jvp_call", xs, {
      name,
      call_jaxpr: staged.closed,
      jvp: (primals, tangents) => {
        const [po, to] = r(tree.unflatten<A>(inTree, primals), tree.unflatten<A>(inTree, tangents));
        return [asArrays(po), asArrays(to)];
      },
      symbolic_zeros: false,
    });
    return tree.unflatten<R>(staged.outTree, outs);
  }) as CustomJvpFunction<A, R>;
  call.defjvp = (r) => {
    rule = r;
    return call;
  };
  call.defjvps = (...rules) => {
    rule = (primals, tangents) => {
      // The primal output comes from the custom function itself, so higher derivatives use the rule too.
      const ans = call(...primals);
      let total: unknown;
      rules.forEach((f, i) => {
        if (!f) return;
        const contribution = f(tangents[i] as Tracer, ans, ...primals);
        total =
          total === undefined
            ? contribution
            : tree.map((a: Tracer, b: Tracer) => a.add(b), total, contribution);
      });
      const zeros = tree.map((y: Tracer) => fullLike(0, y), ans);
      return [ans, (total ?? zeros) as R];
    };
    return call;
  };
  return call;
}

export interface CustomVjpFunction<A extends unknown[], R> {
  (...args: A): R;
  /**
   * `fwd(...args)` returns `[out, residuals]`; `bwd(residuals, cotangent)` returns one cotangent
   * per argument (as a JS array, like JAX's tuple).
   */
  defvjp<Res>(
    fwd: (...args: A) => [R, Res],
    bwd: (residuals: Res, cotangent: R) => unknown[],
  ): CustomVjpFunction<A, R>;
}

/**
 * `customVjp(fn)`, JAX's `@custom_vjp`: fn with a reverse-mode rule of your own, set with `defvjp`.
 * Forward mode (jvp) of such a function is an error, as in JAX.
 */
export function customVjp<A extends unknown[], R>(
  fn: Fn<A, R>,
  options: { name?: string } = {},
): CustomVjpFunction<A, R> {
  let fwdBwd: [(...args: A) => [R, unknown], (res: unknown, ct: R) => unknown[]] | undefined;
  const name = options.name ?? (fn.name || "custom_vjp");
  const call = ((...args: A): R => {
    if (!fwdBwd) throw new TypeError(`No VJP defined for custom_vjp function ${name} using defvjp.`);
    if (!isTracing()) return fn(...args);
    const [fwd, bwd] = fwdBwd;
    const staged = stage(fn as (...a: never[]) => unknown, args);
    const [leaves, inTree] = tree.flatten(args);
    const xs = asArrays(leaves);
    let resTree = tree.structure(null);
    const outs = bind("custom_vjp_call", xs, {
      name,
      call_jaxpr: staged.closed,
      fwd: (primals) => {
        const [out, res] = fwd(...tree.unflatten<A>(inTree, primals));
        const [resLeaves, rt] = tree.flatten(res);
        resTree = rt;
        return [asArrays(out), resLeaves.filter(isTracer)];
      },
      bwd: (residuals, cts) => {
        const res = tree.unflatten(resTree, residuals);
        const grads = bwd(res, tree.unflatten<R>(staged.outTree, cts));
        if (!Array.isArray(grads) || grads.length !== args.length) {
          throw new TypeError(
            `Custom VJP bwd rule must produce an output with the same container (pytree) structure as the args tuple of the primal function, and in particular must produce a tuple of length equal to the number of arguments to the primal function, but got bwd output structure ${tree.structure(grads)} for primal input structure ${inTree}.`,
          );
        }
        const primalsAsArrays = tree.unflatten<unknown[]>(inTree, xs);
        return asArrays(grads.map((g, i) => zerosForNull(g, primalsAsArrays[i])));
      },
      symbolic_zeros: false,
    });
    return tree.unflatten<R>(staged.outTree, outs);
  }) as CustomVjpFunction<A, R>;
  call.defvjp = (fwd, bwd) => {
    fwdBwd = [fwd, bwd as (res: unknown, ct: R) => unknown[]];
    return call;
  };
  return call;
}

/**
 * JAX reads `None` in a bwd rule's output (for an argument, or any subtree of one) as a zero
 * cotangent: it is replaced by zeros shaped like that part of the primal input, so the remaining
 * cotangents keep their positions.
 */
function zerosForNull(g: unknown, primal: unknown): unknown {
  if (g === null || g === undefined) return tree.map((p: unknown) => fullLike(0, p as Tracer), primal);
  if (Array.isArray(g) && Array.isArray(primal)) return g.map((gi, i) => zerosForNull(gi, primal[i]));
  if (isPlainObject(g) && isPlainObject(primal)) {
    return Object.fromEntries(Object.entries(g).map(([k, gk]) => [k, zerosForNull(gk, primal[k])]));
  }
  return g;
}

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && Object.getPrototypeOf(x) === Object.prototype;
