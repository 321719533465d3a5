import type { DType } from "@jaxts/backend";
import { ValueError } from "../errors.js";

/**
 * The safetensors container (https://github.com/huggingface/safetensors): an 8-byte little-endian
 * header length N, N bytes of UTF-8 JSON `{ name: { dtype, shape, data_offsets: [begin, end] },
 * "__metadata__": { string: string } }` padded with spaces to a multiple of 8, then the tensors'
 * little-endian bytes, back to back. This file knows bytes and names only; save.ts and load.ts map
 * pytrees of arrays onto it.
 */

/** A tensor as a file holds it: a safetensors dtype, a shape and its little-endian bytes. */
export interface RawTensor {
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly bytes: Uint8Array;
}

export interface SafetensorsContents {
  /** The tensors by name, in data order. */
  readonly tensors: ReadonlyMap<string, RawTensor>;
  readonly metadata: Readonly<Record<string, string>>;
}

/** Bytes per element of every safetensors dtype, including those jaxts cannot hold (for validation). */
const ITEMSIZE: Readonly<Record<string, number>> = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E5M2: 1,
  F8_E4M3: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  I64: 8,
  U64: 8,
  F64: 8,
  C64: 8,
};

/**
 * jaxts dtypes in the file. safetensors has no complex128, so a complex128 array is written as F64
 * with a trailing axis of 2 (re, im), and the saved tree structure remembers the dtype.
 */
export const FILE_DTYPE: Readonly<Record<DType, string>> = {
  bool: "BOOL",
  int8: "I8",
  uint8: "U8",
  int16: "I16",
  uint16: "U16",
  int32: "I32",
  uint32: "U32",
  float16: "F16",
  float32: "F32",
  float64: "F64",
  complex64: "C64",
  complex128: "F64",
};

/** The jaxts dtype of a file dtype (F64 reads as float64 unless the tree structure says complex128). */
export function dtypeOfFile(fileDType: string): DType | undefined {
  for (const [d, f] of Object.entries(FILE_DTYPE)) if (f === fileDType) return d as DType;
  return undefined;
}

/** The file shape of a jaxts array: complex128 gains a trailing (re, im) axis. */
export function fileShape(dtype: DType, shape: readonly number[]): number[] {
  return dtype === "complex128" ? [...shape, 2] : [...shape];
}

const METADATA = "__metadata__";
// The reference implementation refuses headers over 100 MB; so do we, before decoding them.
const MAX_HEADER = 100_000_000;

/**
 * Writes tensors and string metadata as one safetensors buffer. Tensors are laid out by decreasing
 * item size, then by name, so each starts at a multiple of its item size from the (8-aligned) data
 * start and a reader can view it in place, without a copy.
 */
export function encodeSafetensors(
  tensors: readonly (readonly [string, RawTensor])[],
  metadata: Readonly<Record<string, string>>,
): Uint8Array {
  const order = [...tensors].sort(
    ([an, a], [bn, b]) => ITEMSIZE[b.dtype] - ITEMSIZE[a.dtype] || (an < bn ? -1 : an > bn ? 1 : 0),
  );
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header[METADATA] = metadata;
  let offset = 0;
  for (const [name, t] of order) {
    if (name === METADATA) throw new ValueError(`safetensors: "${METADATA}" cannot name a tensor`);
    const expected = elementCount(t.shape) * ITEMSIZE[t.dtype];
    if (t.bytes.byteLength !== expected) {
      throw new Error(
        `internal error: tensor "${name}" has ${t.bytes.byteLength} bytes, expected ${expected}`,
      );
    }
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + expected] };
    offset += expected;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = Math.ceil(json.byteLength / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.byteLength, 8 + headerLength);
  let at = 8 + headerLength;
  for (const [, t] of order) {
    out.set(t.bytes, at);
    at += t.bytes.byteLength;
  }
  return out;
}

/**
 * Parses and validates a safetensors buffer: the header, every entry's dtype, shape and byte count,
 * and that the entries tile the data section exactly (no gaps, overlaps or trailing bytes). The
 * tensors' bytes are views into `bytes`, not copies.
 */
export function decodeSafetensors(bytes: Uint8Array, op: string): SafetensorsContents {
  const fail = (msg: string): never => {
    throw new ValueError(`${op}: invalid safetensors data: ${msg}`);
  };
  if (bytes.byteLength < 8) fail(`${bytes.byteLength} bytes is too short for the 8-byte header length`);
  const n = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(MAX_HEADER)) fail(`the header length ${n} exceeds the limit of ${MAX_HEADER} bytes`);
  const headerLength = Number(n);
  if (8 + headerLength > bytes.byteLength) {
    fail(
      `the header length ${headerLength} exceeds the ${bytes.byteLength - 8} bytes that follow (truncated?)`,
    );
  }
  let header: unknown;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + headerLength));
    if (!text.startsWith("{")) fail(`the header must be a JSON object starting with "{"`);
    header = JSON.parse(text);
  } catch (e) {
    if (e instanceof ValueError) throw e;
    fail(`the header is not UTF-8 JSON (${(e as Error).message})`);
  }
  if (!isRecord(header)) return fail("the header is not a JSON object");

  const metadata: Record<string, string> = {};
  const rawMeta = header[METADATA];
  if (rawMeta !== undefined && rawMeta !== null) {
    if (!isRecord(rawMeta)) fail(`"${METADATA}" must be an object of strings`);
    for (const [k, v] of Object.entries(rawMeta as Record<string, unknown>)) {
      if (typeof v !== "string") fail(`"${METADATA}"."${k}" must be a string, got ${typeof v}`);
      metadata[k] = v as string;
    }
  }

  const dataStart = 8 + headerLength;
  const dataLength = bytes.byteLength - dataStart;
  const entries: { name: string; dtype: string; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, entry] of Object.entries(header)) {
    if (name === METADATA) continue;
    if (!isRecord(entry)) return fail(`tensor "${name}" is not an object`);
    const { dtype, shape, data_offsets: offsets } = entry;
    if (typeof dtype !== "string" || !(dtype in ITEMSIZE))
      fail(`tensor "${name}" has unknown dtype ${dtype}`);
    if (!Array.isArray(shape) || !shape.every(isCount)) fail(`tensor "${name}" has an invalid shape`);
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every(isCount) ||
      offsets[0] > offsets[1]
    ) {
      fail(`tensor "${name}" has invalid data_offsets ${JSON.stringify(offsets)}`);
    }
    const [begin, end] = offsets as [number, number];
    const expected = elementCount(shape as number[]) * ITEMSIZE[dtype as string];
    if (end - begin !== expected) {
      fail(
        `tensor "${name}" (${dtype}[${shape}]) needs ${expected} bytes but data_offsets span ${end - begin}`,
      );
    }
    entries.push({ name, dtype: dtype as string, shape: shape as number[], begin, end });
  }
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  for (const e of entries) {
    if (e.begin !== covered) {
      fail(`tensor "${e.name}" starts at byte ${e.begin} of the data, expected ${covered} (gap or overlap)`);
    }
    covered = e.end;
  }
  if (covered !== dataLength) {
    fail(`the tensors cover ${covered} bytes but the data section has ${dataLength} (truncated or padded?)`);
  }
  const tensors = new Map<string, RawTensor>();
  for (const e of entries) {
    const slice = bytes.subarray(dataStart + e.begin, dataStart + e.end);
    tensors.set(e.name, { dtype: e.dtype, shape: e.shape, bytes: slice });
  }
  return { tensors, metadata };
}

function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function isCount(x: unknown): x is number {
  return Number.isSafeInteger(x) && (x as number) >= 0;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** Whether this machine stores typed arrays little-endian (every current JS engine's target is). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverses the byte order of each `width`-byte element in place (for big-endian hosts). */
export function swapBytes(bytes: Uint8Array, width: number): Uint8Array {
  if (width === 1) return bytes;
  for (let i = 0; i < bytes.byteLength; i += width) bytes.subarray(i, i + width).reverse();
  return bytes;
}
