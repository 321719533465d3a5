import { config } from "@jaxts/core";
import { type Array as JArray, type ArrayLike, array, lax, np } from "@jaxts/ndarray";
import { parseArgs, type Shape, sizeOf, toShape } from "./args.js";
import { staged } from "./staged.js";
import { threefry2x32, threefry2x32Words } from "./threefry.js";

/** A key is its raw `uint32[2]` data; typed keys share the representation (see README). */
export type Key = JArray;

const TWO32 = 2 ** 32;

function seedWords(seed: number): [number, number] {
  if (!Number.isInteger(seed)) throw new TypeError(`PRNG seed must be an integer, got ${seed}`);
  // With x64 off JAX keeps only the low 32 bits, so negative seeds wrap and the high word is 0.
  return [0, ((seed % TWO32) + TWO32) % TWO32];
}

/** `jax.random.PRNGKey(seed)`: the raw `uint32[2]` key `[0, seed mod 2^32]`. */
export function PRNGKey(seed: number): Key {
  return array(seedWords(seed), { dtype: "uint32" });
}

/** `jax.random.key(seed)`: JAX's typed key, here carried as the same `uint32[2]` data. */
export function key(seed: number): Key {
  return PRNGKey(seed);
}

/** `jax.random.key_data(keys)`: the raw `uint32[..., 2]` words of a key array. */
export function keyData(keys: ArrayLike): JArray {
  return array(keys, { dtype: "uint32" });
}

/** `jax.random.wrap_key_data(raw)`: a key array from raw `uint32[..., 2]` words. */
export function wrapKeyData(raw: ArrayLike): Key {
  const k = array(raw);
  if (k.dtype !== "uint32" || k.shape[k.shape.length - 1] !== 2) {
    throw new TypeError(`wrap_key_data expects uint32[..., 2], got ${k.dtype}[${k.shape.join(", ")}]`);
  }
  return k;
}

/** The single-key check shared by every sampler (JAX's `_check_prng_key` for raw keys). */
export function checkKey(fn: string, k: unknown): JArray {
  const a = array(k as ArrayLike);
  if (a.dtype !== "uint32" || a.shape.length !== 1 || a.shape[0] !== 2) {
    throw new TypeError(`${fn} accepts a single key (uint32[2]), got ${a.dtype}[${a.shape.join(", ")}]`);
  }
  return a;
}

const word = (k: JArray, i: number): JArray => lax.reshape(lax.slice(k, [i], [i + 1]), []);

/** `iota_2x32_shape`: the high and low words of each element's 64-bit flat index. */
function iota2x32(shape: Shape): [JArray, JArray] {
  const n = sizeOf(shape);
  if (n >= TWO32) throw new RangeError("random: shapes of 2^32 or more elements are not supported");
  const lo = np.reshape(np.arange(n, { dtype: "uint32" }), [...shape]);
  return [np.zerosLike(lo), lo];
}

/** The `threefry_split` of jax/_src/prng.py, in whichever mode the config selects. */
function splitRaw(k: JArray, shape: Shape): JArray {
  if (config.read("jax_threefry_partitionable")) {
    const [hi, lo] = iota2x32(shape);
    const [b1, b2] = threefry2x32Words(word(k, 0), word(k, 1), hi, lo);
    return np.stack([b1, b2], shape.length);
  }
  const counts = np.arange(sizeOf(shape) * 2, { dtype: "uint32" });
  return np.reshape(threefry2x32(k, counts), [...shape, 2]);
}

interface SplitOptions {
  key: ArrayLike;
  num: number | Shape;
}

/** `jax.random.split(key, num=2)`: `num` new keys, or a key array of shape `num`. */
export function split(...args: [key: ArrayLike, num?: number | Shape | Partial<SplitOptions>]): Key {
  const o = parseArgs<SplitOptions>("split", ["key", "num"], args);
  const shape = toShape(o.num ?? 2);
  return staged("split", shape.join(","), (k) => splitRaw(k, shape))(checkKey("split", o.key as ArrayLike));
}

interface FoldInOptions {
  key: ArrayLike;
  data: ArrayLike;
}

/** `jax.random.fold_in(key, data)`: a new key from a key and a 32-bit integer. */
export function foldIn(...args: [key: ArrayLike, data?: ArrayLike | Partial<FoldInOptions>]): Key {
  const o = parseArgs<FoldInOptions>("fold_in", ["key", "data"], args);
  const k = checkKey("fold_in", o.key as ArrayLike);
  const d = o.data as ArrayLike;
  // threefry_seed(uint32(data)): the high word of a 32-bit datum is always zero.
  const lo =
    typeof d === "number" ? array(seedWords(d)[1], { dtype: "uint32" }) : lax.convertElementType(d, "uint32");
  return staged("fold_in", "", (key, datum) => threefry2x32(key, np.stack([np.zerosLike(datum), datum])))(
    k,
    lo,
  );
}

export type BitsDType = "uint8" | "uint16" | "uint32";

const BIT_WIDTH: Record<BitsDType, number> = { uint8: 8, uint16: 16, uint32: 32 };

/** `threefry_random_bits` of jax/_src/prng.py; the two modes lay the bits out differently. */
export function randomBits(k: JArray, bitWidth: 8 | 16 | 32, shape: Shape): JArray {
  const dtype: BitsDType = bitWidth === 8 ? "uint8" : bitWidth === 16 ? "uint16" : "uint32";
  if (config.read("jax_threefry_partitionable")) {
    const [hi, lo] = iota2x32(shape);
    const [b1, b2] = threefry2x32Words(word(k, 0), word(k, 1), hi, lo);
    const x = np.bitwiseXor(b1, b2);
    return bitWidth === 32 ? x : lax.convertElementType(x, dtype);
  }
  const size = sizeOf(shape);
  const maxCount = Math.ceil((bitWidth * size) / 32);
  let words = threefry2x32(k, np.arange(maxCount, { dtype: "uint32" }));
  if (bitWidth !== 32) {
    // bits.view(dtype)[:size]: each word yields its little-endian sub-words in order.
    const per = 32 / bitWidth;
    const shifts = np.multiply(np.arange(per, { dtype: "uint32" }), array(bitWidth, { dtype: "uint32" }));
    const parts = np.rightShift(np.reshape(words, [maxCount, 1]), np.reshape(shifts, [1, per]));
    const masked = np.bitwiseAnd(parts, array(2 ** bitWidth - 1, { dtype: "uint32" }));
    words = lax.slice(lax.convertElementType(np.ravel(masked), dtype), [0], [size]);
  }
  return np.reshape(words, [...shape]);
}

interface BitsOptions {
  key: ArrayLike;
  shape: number | Shape;
  dtype: BitsDType;
}

/** `jax.random.bits(key, shape=(), dtype=uint32)`: uniformly random unsigned integers. */
export function bits(
  ...args: [
    key: ArrayLike,
    shape?: number | Shape | Partial<BitsOptions>,
    dtype?: BitsDType | Partial<BitsOptions>,
  ]
): JArray {
  const o = parseArgs<BitsOptions>("bits", ["key", "shape", "dtype"], args);
  const dtype = o.dtype ?? "uint32";
  const width = BIT_WIDTH[dtype];
  if (width === undefined) throw new TypeError(`bits: dtype must be uint8, uint16 or uint32, got ${dtype}`);
  const shape = toShape(o.shape);
  return staged("bits", `${shape.join(",")}|${width}`, (k) => randomBits(k, width as 8 | 16 | 32, shape))(
    checkKey("bits", o.key as ArrayLike),
  );
}
