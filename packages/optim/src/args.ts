// Calling convention: optax's parameters positionally in optax's order and any of them by name in
// one trailing options object with camelCase keys (DESIGN.md section 6), parsed by @jaxts/ndarray's
// parseArgs so that every jaxts namespace reads them the same way.
import { parseArgs } from "@jaxts/ndarray";

/** The prefixes of a tuple: `[]`, `[A]`, `[A, B]`, ... */
type Prefixes<T extends readonly unknown[]> = T extends readonly [...infer Init, unknown]
  ? Prefixes<Init> | T
  : [];

type WithOptions<T extends readonly unknown[], O> = T extends unknown ? [...T, O?] : never;

/**
 * The arguments of a function with positional parameters `P` (in optax's order) and options `O`:
 * any prefix of `P`, then optionally one options object, e.g. `adam(1e-3)`, `adam(1e-3, 0.8)`,
 * `adam(1e-3, { b1: 0.8 })` or `adam({ learningRate: 1e-3 })`.
 */
export type Args<P extends readonly unknown[], O> = WithOptions<Prefixes<P>, O>;

/**
 * Parses `args` by `names` (camelCase, optax's order), filling `defaults` for what is not given,
 * and checking that `required` names are present, as Python does.
 */
export function parse<T extends object>(
  fn: string,
  names: readonly (keyof T & string)[],
  args: readonly unknown[],
  defaults: Partial<T>,
  required: readonly (keyof T & string)[] = [],
): T {
  const given = parseArgs<T>(fn, names, args);
  for (const r of required) {
    if (given[r] === undefined) {
      throw new TypeError(`${fn}() missing 1 required positional argument: '${r}'`);
    }
  }
  return { ...defaults, ...given } as T;
}
