import type { ModuleBuilder } from "../wasm/module-builder.js";
import { ValType } from "../wasm/types.js";

/** 1/(1+e^-x) without overflow on either side, as the cpu backend computes it. */
function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** C's pow, which differs from Math.pow at pow(1, y) = 1 and pow(-1, ±inf) = 1. */
function powC(x: number, y: number): number {
  if (x === 1) return 1;
  if (x === -1 && !Number.isFinite(y) && !Number.isNaN(y)) return 1;
  return x ** y;
}

/**
 * The float64 functions that scalar wasm code calls in JavaScript: the same functions the cpu
 * backend evaluates float32 transcendentals with (then rounds), so results agree bit for bit.
 * SIMD polynomial versions replace them on the vector path.
 */
export const UNARY_MATH = {
  exp: Math.exp,
  expm1: Math.expm1,
  log: Math.log,
  log1p: Math.log1p,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  cbrt: Math.cbrt,
  logistic,
} as const;

export const BINARY_MATH = {
  pow: powC,
  atan2: Math.atan2,
  fmod: (x: number, y: number): number => x % y,
  hypot: Math.hypot,
} as const;

export type UnaryMath = keyof typeof UNARY_MATH;
export type BinaryMath = keyof typeof BINARY_MATH;

const UNARY_NAMES = Object.keys(UNARY_MATH) as UnaryMath[];
const BINARY_NAMES = Object.keys(BINARY_MATH) as BinaryMath[];

/** Function indices of the math imports in a module that declared them with `importMath`. */
export interface MathIndex {
  unary(name: UnaryMath): number;
  binary(name: BinaryMath): number;
}

/** Declares every math import (module "math") first in `m`; unused ones cost nothing to run. */
export function importMath(m: ModuleBuilder): MathIndex {
  const unary = new Map<string, number>();
  const binary = new Map<string, number>();
  for (const n of UNARY_NAMES) unary.set(n, m.importFunction("math", n, [ValType.f64], [ValType.f64]));
  for (const n of BINARY_NAMES) {
    binary.set(n, m.importFunction("math", n, [ValType.f64, ValType.f64], [ValType.f64]));
  }
  return { unary: (n) => unary.get(n)!, binary: (n) => binary.get(n)! };
}

/** The import object for modules made with `importMath`. */
export const MATH_IMPORTS: WebAssembly.ModuleImports = { ...UNARY_MATH, ...BINARY_MATH };

/**
 * MATH_IMPORTS as a JavaScript expression, for worker threads (which run source text): Math's
 * functions by name, the others by their source (they use nothing but their arguments and Math).
 */
export function mathImportsSource(): string {
  const math = Math as unknown as Record<string, unknown>;
  const entries = Object.entries({ ...UNARY_MATH, ...BINARY_MATH }).map(([name, fn]) =>
    math[name] === fn ? `${name}: Math.${name}` : `${name}: (${fn.toString()})`,
  );
  return `{ ${entries.join(", ")} }`;
}
