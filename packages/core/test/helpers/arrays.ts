import { type DType, getBackend, type StorageArray, storageView } from "@jaxts/backend";
import { ConcreteArray, ShapedArray } from "../../src/index.js";

/** A concrete array from raw storage (float16 as bits, complex as re/im pairs) on a named backend. */
export function fromStorage(
  dtype: DType,
  shape: readonly number[],
  storage: StorageArray,
  options: { backend?: string; weakType?: boolean } = {},
): ConcreteArray {
  return ConcreteArray.fromBytes(
    getBackend(options.backend ?? "mem"),
    new ShapedArray(shape, dtype, options.weakType ?? false),
    storage,
  );
}

/** Storage of `dtype` whose bytes are exactly `bytes` (so NaN payloads are set bit by bit). */
export function storageFromBytes(dtype: DType, bytes: readonly number[]): StorageArray {
  return storageView(dtype, new Uint8Array(bytes).buffer);
}

/** The bytes of an array's elements, row-major, as stored. */
export function bytesOf(a: unknown): number[] {
  if (!(a instanceof ConcreteArray)) throw new TypeError(`not a concrete array: ${String(a)}`);
  const s = a.storageSync();
  return [...new Uint8Array(s.buffer, s.byteOffset, s.byteLength)];
}

/** Little-endian bytes of 32-bit words, 16-bit words or 64-bit words. */
export const u32 = (...ws: number[]): number[] =>
  ws.flatMap((w) => [w & 255, (w >>> 8) & 255, (w >>> 16) & 255, w >>> 24]);
export const u16 = (...ws: number[]): number[] => ws.flatMap((w) => [w & 255, w >>> 8]);
export const u64 = (...ws: bigint[]): number[] =>
  ws.flatMap((w) => Array.from({ length: 8 }, (_, i) => Number((w >> BigInt(8 * i)) & 255n)));
