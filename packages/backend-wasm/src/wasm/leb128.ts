// LEB128, the variable-length integer encoding of every index, size and integer immediate in a
// WebAssembly module.

/** Appends `value` (a non-negative integer below 2^32) as unsigned LEB128. */
export function writeUleb(out: number[], value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`wasm encoder: ${value} is not a u32`);
  }
  let v = value;
  do {
    let byte = v & 0x7f;
    v = Math.floor(v / 128);
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
}

/** Appends `value` (an integer in [-2^31, 2^32)) as signed LEB128, the i32.const immediate. */
export function writeSleb(out: number[], value: number): void {
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0xffffffff) {
    throw new RangeError(`wasm encoder: ${value} is not an i32`);
  }
  // i32.const takes the two's-complement value: read unsigned inputs as signed.
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

/** Appends a 64-bit signed integer as signed LEB128, the i64.const immediate. */
export function writeSlebBig(out: number[], value: bigint): void {
  let v = BigInt.asIntN(64, value);
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    const done = (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

const scratch = new DataView(new ArrayBuffer(8));

/** Appends the little-endian IEEE bytes of a float32 (the f32.const immediate). */
export function writeF32(out: number[], value: number): void {
  scratch.setFloat32(0, value, true);
  for (let i = 0; i < 4; i++) out.push(scratch.getUint8(i));
}

/** Appends the little-endian IEEE bytes of a float64 (the f64.const immediate). */
export function writeF64(out: number[], value: number): void {
  scratch.setFloat64(0, value, true);
  for (let i = 0; i < 8; i++) out.push(scratch.getUint8(i));
}

/** Appends a name: its UTF-8 byte length, then the bytes. */
export function writeName(out: number[], name: string): void {
  const bytes = new TextEncoder().encode(name);
  writeUleb(out, bytes.length);
  for (const b of bytes) out.push(b);
}

/** Appends a vector of byte arrays: the count, then each. */
export function writeVector(out: number[], items: readonly (readonly number[])[]): void {
  writeUleb(out, items.length);
  for (const item of items) for (const b of item) out.push(b);
}
