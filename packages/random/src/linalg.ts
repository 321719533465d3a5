import { ValueError } from "@jaxts/core";
import { type Array as JArray, type ArrayLike, lax, np } from "@jaxts/ndarray";
import { parseArgs, type Shape, toShape } from "./args.js";
import { normal } from "./samplers.js";

interface MvnOptions {
  key: ArrayLike;
  mean: ArrayLike;
  cov: ArrayLike;
  shape: number | Shape;
  dtype: string;
  method: "cholesky" | "eigh" | "svd";
}

/**
 * `jax.random.multivariate_normal(key, mean, cov, shape=None, method="cholesky")`: mean + A·z
 * for the Cholesky factor A of cov.
 */
export function multivariateNormal(
  ...args: [key: ArrayLike, mean?: ArrayLike | Partial<MvnOptions>, ...rest: unknown[]]
): JArray {
  const o = parseArgs<MvnOptions>(
    "multivariate_normal",
    ["key", "mean", "cov", "shape", "dtype", "method"],
    args,
  );
  const mean = lax.convertElementType(o.mean as ArrayLike, "float32");
  const cov = lax.convertElementType(o.cov as ArrayLike, "float32");
  const method = o.method ?? "cholesky";
  const batch =
    o.shape === undefined
      ? np.add(np.zeros(mean.shape.slice(0, -1)), np.zeros(cov.shape.slice(0, -2))).shape
      : toShape(o.shape);
  const factor = mvnFactor(cov, method);
  const z = normal(o.key as ArrayLike, [...batch, mean.shape[mean.ndim - 1]]);
  return np.add(mean, np.einsum("...ij,...j->...i", factor, z));
}

/** A square root A of cov (A·Aᵀ = cov) by JAX's three methods. */
function mvnFactor(cov: JArray, method: string): JArray {
  switch (method) {
    case "cholesky":
      return np.linalg.cholesky(cov);
    case "eigh": {
      const [w, v] = np.linalg.eigh(cov);
      return np.multiply(v, np.expandDims(lax.sqrt(w), -2));
    }
    case "svd": {
      const [u, s] = np.linalg.svd(cov);
      return np.multiply(u, np.expandDims(lax.sqrt(s), -2));
    }
    default:
      throw new ValueError(`multivariate_normal requires method in {svd, eigh, cholesky}, got ${method}`);
  }
}

interface OrthogonalOptions {
  key: ArrayLike;
  n: number;
  shape: number | Shape;
  dtype: string;
  m: number;
}

/** `jax.random.orthogonal(key, n, shape=(), m=None)`: Q of a Gaussian matrix, signs fixed by R. */
export function orthogonal(
  ...args: [key: ArrayLike, n?: number | Partial<OrthogonalOptions>, ...rest: unknown[]]
): JArray {
  const o = parseArgs<OrthogonalOptions>("orthogonal", ["key", "n", "shape", "dtype", "m"], args);
  const n = o.n as number;
  const m = o.m ?? n;
  const z = normal(o.key as ArrayLike, [...toShape(o.shape), Math.max(n, m), Math.min(n, m)]);
  const [q, r] = np.linalg.qr(z);
  const d = np.diagonal(r, 0, -2, -1);
  const fixed = np.multiply(q, np.expandDims(lax.sign(d), -2));
  return n < m ? np.swapaxes(fixed, -1, -2) : fixed;
}
