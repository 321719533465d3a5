// Deterministic inputs, generated once in plain JS and handed to every library, so that all of
// them compute on the same numbers and the smoke test can compare their outputs.

const cache = new Map<string, Float32Array>();

/**
 * `n` floats uniform in [lo, hi) from a seeded mulberry32 stream. Cached by arguments: the same
 * 10M-element input serves every target without being regenerated (callers must not mutate it).
 */
export function uniform(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const key = `${n}:${seed}:${lo}:${hi}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    out[i] = lo + (hi - lo) * u;
  }
  cache.set(key, out);
  return out;
}

/** Row-major one-hot rows: row i has a 1 at column `i % classes` (labels need no integer gather). */
export function oneHot(rows: number, classes: number): Float32Array {
  const out = new Float32Array(rows * classes);
  for (let i = 0; i < rows; i++) out[i * classes + ((i * 7) % classes)] = 1;
  return out;
}

/** Copies any numeric array-like into a Float32Array (outputs come back as various typed arrays). */
export function toFloat32(values: ArrayLike<number>): Float32Array {
  return values instanceof Float32Array ? values : Float32Array.from(values);
}

/** Frees the cached inputs (between benchmarks of a long run, so 40 MB inputs do not pile up). */
export function clearInputs(): void {
  cache.clear();
}
