import { writeF32, writeF64, writeSleb, writeSlebBig, writeUleb } from "./leb128.js";
import { type PlainOp, plainOpBytes } from "./opcodes.js";
import type { BlockType, FuncType, ValType } from "./types.js";

/** Memory instructions: opcode and the natural alignment (log2 bytes) used as the default. */
// biome-ignore format: an opcode table reads better packed
const MEMORY = {
  "i32.load": [0x28, 2], "i64.load": [0x29, 3], "f32.load": [0x2a, 2], "f64.load": [0x2b, 3],
  "i32.load8_s": [0x2c, 0], "i32.load8_u": [0x2d, 0], "i32.load16_s": [0x2e, 1],
  "i32.load16_u": [0x2f, 1], "i32.store": [0x36, 2], "i64.store": [0x37, 3], "f32.store": [0x38, 2],
  "f64.store": [0x39, 3], "i32.store8": [0x3a, 0], "i32.store16": [0x3b, 1],
} as const;
/** SIMD memory instructions (0xFD prefix): opcode and natural alignment. */
// biome-ignore format: an opcode table reads better packed
const SIMD_MEMORY = {
  "v128.load": [0x00, 4], "v128.load32_splat": [0x09, 2], "v128.load64_splat": [0x0a, 3],
  "v128.store": [0x0b, 4], "v128.load32_zero": [0x5c, 2], "v128.load64_zero": [0x5d, 3],
} as const;
/** Lane instructions (0xFD prefix) with a lane-index immediate. */
// biome-ignore format: an opcode table reads better packed
const LANE = {
  "i32x4.extract_lane": 0x1b, "i32x4.replace_lane": 0x1c, "f32x4.extract_lane": 0x1f,
  "f32x4.replace_lane": 0x20, "f64x2.extract_lane": 0x21, "f64x2.replace_lane": 0x22,
} as const;

export type MemoryOp = keyof typeof MEMORY | keyof typeof SIMD_MEMORY;
export type LaneOp = keyof typeof LANE;

/**
 * Builds one function body: locals, then instructions appended by typed helpers. Labels are
 * relative depths, as in the binary format; `block`/`loop`/`if_` take a callback for the body so
 * that nesting and `end` cannot get out of step.
 */
export class FunctionBuilder {
  private readonly code: number[] = [];
  private readonly localTypes: ValType[] = [];

  constructor(readonly type: FuncType) {}

  /** Declares a new local and returns its index (parameters come first). */
  local(type: ValType): number {
    this.localTypes.push(type);
    return this.type.params.length + this.localTypes.length - 1;
  }

  /** Appends instructions without immediates, in order. */
  op(...ops: PlainOp[]): this {
    for (const o of ops) plainOpBytes(o, this.code, writeUleb);
    return this;
  }

  get(local: number): this {
    this.code.push(0x20);
    writeUleb(this.code, local);
    return this;
  }

  set(local: number): this {
    this.code.push(0x21);
    writeUleb(this.code, local);
    return this;
  }

  tee(local: number): this {
    this.code.push(0x22);
    writeUleb(this.code, local);
    return this;
  }

  i32(value: number): this {
    this.code.push(0x41);
    writeSleb(this.code, value);
    return this;
  }

  i64(value: bigint): this {
    this.code.push(0x42);
    writeSlebBig(this.code, value);
    return this;
  }

  f32(value: number): this {
    this.code.push(0x43);
    writeF32(this.code, value);
    return this;
  }

  f64(value: number): this {
    this.code.push(0x44);
    writeF64(this.code, value);
    return this;
  }

  /** A v128 constant from 16 bytes. */
  v128(bytes: ArrayLike<number>): this {
    if (bytes.length !== 16) throw new RangeError("wasm encoder: v128.const takes 16 bytes");
    this.code.push(0xfd);
    writeUleb(this.code, 0x0c);
    for (let i = 0; i < 16; i++) this.code.push(bytes[i] & 0xff);
    return this;
  }

  /** A load or store at the address on the stack plus `offset` bytes. */
  mem(op: MemoryOp, offset = 0, align?: number): this {
    if (op in MEMORY) {
      const [code, natural] = MEMORY[op as keyof typeof MEMORY];
      this.code.push(code);
      writeUleb(this.code, align ?? natural);
    } else {
      const [code, natural] = SIMD_MEMORY[op as keyof typeof SIMD_MEMORY];
      this.code.push(0xfd);
      writeUleb(this.code, code);
      writeUleb(this.code, align ?? natural);
    }
    writeUleb(this.code, offset);
    return this;
  }

  lane(op: LaneOp, lane: number): this {
    this.code.push(0xfd);
    writeUleb(this.code, LANE[op]);
    this.code.push(lane);
    return this;
  }

  /** i8x16.shuffle with 16 lane indices into the concatenation of the two operands. */
  shuffle(lanes: readonly number[]): this {
    if (lanes.length !== 16) throw new RangeError("wasm encoder: i8x16.shuffle takes 16 lanes");
    this.code.push(0xfd);
    writeUleb(this.code, 0x0d);
    for (const l of lanes) this.code.push(l);
    return this;
  }

  call(func: number): this {
    this.code.push(0x10);
    writeUleb(this.code, func);
    return this;
  }

  br(depth: number): this {
    this.code.push(0x0c);
    writeUleb(this.code, depth);
    return this;
  }

  brIf(depth: number): this {
    this.code.push(0x0d);
    writeUleb(this.code, depth);
    return this;
  }

  private blockType(type: BlockType): void {
    this.code.push(type === "void" ? 0x40 : type);
  }

  block(body: () => void, type: BlockType = "void"): this {
    this.code.push(0x02);
    this.blockType(type);
    body();
    this.code.push(0x0b);
    return this;
  }

  loop(body: () => void, type: BlockType = "void"): this {
    this.code.push(0x03);
    this.blockType(type);
    body();
    this.code.push(0x0b);
    return this;
  }

  /** `if` on the i32 on the stack, with an optional `else`. */
  if_(then: () => void, otherwise?: () => void, type: BlockType = "void"): this {
    this.code.push(0x04);
    this.blockType(type);
    then();
    if (otherwise) {
      this.code.push(0x05);
      otherwise();
    }
    this.code.push(0x0b);
    return this;
  }

  /**
   * `for (i = from; i < to; i += step) body()` over i32 local `i`, where `to` pushes the bound.
   * Skips the body when the range is empty; `step` may be a constant or a local's value.
   */
  forRange(i: number, from: () => void, to: () => void, step: number, body: () => void): this {
    from();
    this.set(i);
    return this.block(() => {
      this.get(i);
      to();
      this.op("i32.ge_s").brIf(0);
      this.loop(() => {
        body();
        this.get(i).i32(step).op("i32.add").tee(i);
        to();
        this.op("i32.lt_s").brIf(0);
      });
    });
  }

  /** The encoded body: local declarations (run-length grouped), instructions, `end`. */
  encode(): number[] {
    const out: number[] = [];
    const groups: [number, ValType][] = [];
    for (const t of this.localTypes) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    writeUleb(out, groups.length);
    for (const [n, t] of groups) {
      writeUleb(out, n);
      out.push(t);
    }
    for (const b of this.code) out.push(b);
    out.push(0x0b);
    return out;
  }
}
