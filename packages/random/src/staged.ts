import { jit } from "@jaxts/core";
import type { Array as JArray } from "@jaxts/ndarray";

type Body = (...arrays: JArray[]) => JArray;

const cache = new Map<string, Body>();

/**
 * JAX jits every sampler with its shapes and dtypes static, so XLA runs each as one fusion and
 * contracts its multiply-adds; the roundings of, e.g., uniform's `u * (maxval - minval) + minval`
 * depend on that. `staged` runs `body` the same way: one jitted function per sampler and static
 * configuration (`statics`, which must determine `body`), traced once per argument signature and
 * config (the threefry mode included).
 */
export function staged(name: string, statics: string, body: Body): Body {
  const key = `${name}|${statics}`;
  let fn = cache.get(key);
  if (fn === undefined) {
    Object.defineProperty(body, "name", { value: name });
    fn = jit(body);
    cache.set(key, fn);
  }
  return fn;
}
