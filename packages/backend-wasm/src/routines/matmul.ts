import {
  contiguousView,
  type Expr,
  type KernelInput,
  type LoopKernel,
  mapExprLeaves,
  type RoutineKernel,
  sizeOf,
} from "@jaxts/backend";
import type { MemoryConfig } from "../codegen/memory-config.js";
import { viewExtent } from "../codegen/plan.js";
import type { ExecFn, Region } from "../loop-executable.js";
import type { Heap } from "../memory/heap.js";
import { wasmFeatures } from "../wasm/features.js";
import { poolFor, type ThreadPool } from "../threads/pool.js";
import { EDGE_BYTES, EDGE_SCRATCH, gemmModule, MAX_MR, NR, tileRows } from "./gemm-module.js";
import type { RoutineContext } from "./index.js";

/** Cache blocking (tuned on a 2-core EPYC VM): a KC×NC block of packed B stays in L2, an MC×KC block of packed A in L1/L2. */
const KC = 256;
/** Rows of packed A per block: 12 register tiles (72 rows with the 6-row kernel). */
const MC_TILES = 12;
const MC = MC_TILES * MAX_MR;
const NC = 512;

interface GemmExports {
  pack_a(mc: number, kc: number, a: number, rs: number, cs: number, dst: number): void;
  pack_b(kc: number, nc: number, b: number, rs: number, cs: number, dst: number): void;
  macro(
    mc: number,
    nc: number,
    kc: number,
    pa: number,
    pb: number,
    c: number,
    ldc: number,
    acc: number,
    scratch: number,
  ): void;
}

const modules = new Map<string, WebAssembly.Module>();
const instances = new WeakMap<Heap, GemmExports>();

/** Multiply-adds (m·n·k) below which a product runs on one thread. */
const THREADED_WORK = 2 ** 21;
/** Largest B packed for all of k at once (threaded runs do that); longer products use one thread. */
const MAX_THREADED_PACK_B = 2 ** 26;

function moduleFor(memory: MemoryConfig, fma: boolean): WebAssembly.Module {
  const key = `${memory.shared}:${memory.maximumPages}:${fma}`;
  let module = modules.get(key);
  if (!module) {
    module = new WebAssembly.Module(gemmModule({ memory, fma }));
    modules.set(key, module);
  }
  return module;
}

/**
 * The GEMM module's id in the heap's worker threads, each worker getting its own packed-A block
 * and edge-tile scratch (kept for the heap's life) the first time.
 */
function gemmWorkers(pool: ThreadPool, heap: Heap, module: WebAssembly.Module): number {
  const packABytes = Math.ceil(MC / MAX_MR) * MAX_MR * KC * 4;
  return pool.register(module, () => ({
    packA: heap.allocate(packABytes).address,
    scratch: heap.allocate(Math.max(16, EDGE_BYTES)).address,
  }));
}

function gemmFor(heap: Heap, memory: MemoryConfig, fma: boolean): GemmExports {
  let ex = instances.get(heap);
  if (!ex) {
    const module = moduleFor(memory, fma);
    ex = new WebAssembly.Instance(module, { env: { memory: heap.memory } }).exports as unknown as GemmExports;
    instances.set(heap, ex);
  }
  return ex;
}

function checkOperand(input: KernelInput, buffer: Region, what: string): void {
  const ext = viewExtent(input.view);
  const length = Math.floor(buffer.byteLength / 4);
  if (ext && (input.view.offset + ext[0] < 0 || input.view.offset + ext[1] >= length)) {
    throw new RangeError(`wasm backend: matmul ${what} reads outside its buffer of ${length} elements`);
  }
}

/** The loop kernel that applies a matmul epilogue to the products (input 0) and the extra inputs. */
function epilogueKernel(
  epilogue: Expr,
  shape: readonly number[],
  extras: readonly KernelInput[],
): LoopKernel {
  const expr = mapExprLeaves(epilogue, (leaf) => {
    if (leaf.op === "acc") return { op: "load", input: 0, dtype: "float32" };
    if (leaf.op === "load" || leaf.op === "valid") return { ...leaf, input: leaf.input - 1 };
    return leaf;
  });
  return {
    kind: "loop",
    shape,
    inputs: [{ dtype: "float32", view: contiguousView(shape) }, ...extras],
    expr,
    dtype: epilogue.dtype,
  };
}

/**
 * The float32 matmul: packed, register-blocked SIMD GEMM for every batch, transpose and stride
 * combination (packing reads any strides), with a fused epilogue run as a loop kernel over the
 * products. Returns null for what it does not cover (other dtypes, masked operands), which the
 * cpu backend's routine then runs.
 */
export function matmulExec(kernel: RoutineKernel, ctx: RoutineContext): ExecFn | null {
  const { heap, memory, fma, compileLoop, threads } = ctx;
  const MR = tileRows(fma);
  const mcRows = MC_TILES * MR;
  const r = kernel.routine;
  if (r.name !== "matmul" || !wasmFeatures().simd) return null;
  const [lhs, rhs, ...extras] = kernel.inputs;
  if (lhs.dtype !== "float32" || rhs.dtype !== "float32" || lhs.view.mask || rhs.view.mask) return null;
  if (r.epilogue ? false : kernel.outputs[0].dtype !== "float32" || extras.length > 0) return null;
  const { batch, m, n, k } = r;
  const nb = batch.length;
  const expect = (shape: readonly number[], rows: number, cols: number) =>
    shape.length === nb + 2 &&
    batch.every((d, i) => shape[i] === d) &&
    shape[nb] === rows &&
    shape[nb + 1] === cols;
  if (!expect(lhs.view.shape, m, k) || !expect(rhs.view.shape, k, n)) return null;
  const outShape = [...batch, m, n];
  const ldc = n * 4;
  const cBase = (address: number, t: number) => address + t * m * n * 4;
  const finish = r.epilogue ? compileLoop(epilogueKernel(r.epilogue, outShape, extras)) : null;
  const batchSize = sizeOf(batch);
  const outBytes = batchSize * m * n * 4;
  const a = lhs.view;
  const b = rhs.view;
  const [ars, acs, brs, bcs] = [
    a.strides[nb] * 4,
    a.strides[nb + 1] * 4,
    b.strides[nb] * 4,
    b.strides[nb + 1] * 4,
  ];
  return (ins, outs) => {
    checkOperand(lhs, ins[0], "lhs");
    checkOperand(rhs, ins[1], "rhs");
    if (!finish && outs[0].byteLength < outBytes) {
      throw new RangeError(
        `wasm backend: matmul output needs ${outBytes} bytes, its buffer holds ${outs[0].byteLength}`,
      );
    }
    const gemm = gemmFor(heap, memory, fma);
    // Threads pay off once there are row blocks for each and enough work to cover waking them.
    const panels = Math.ceil(Math.min(NC, n) / NR) * NR;
    const pool =
      threads > 1 && m >= 2 * MR && m * n * k >= THREADED_WORK && panels * k * 4 <= MAX_THREADED_PACK_B
        ? poolFor(heap, threads)
        : null;
    // Threaded, rows go in blocks small enough for four per participant, so a 128-row product
    // splits too, and a participant the OS deschedules mid-block holds up a small share. Blocks
    // are whole MR-row panels, and each element is the same sequence of multiply-adds along k
    // however the rows are blocked, so results do not depend on the thread count.
    const rowsPerBlock = pool ? Math.min(mcRows, Math.ceil(m / (4 * threads) / MR) * MR) : mcRows;
    const poolId = pool ? gemmWorkers(pool, heap, moduleFor(memory, fma)) : 0;
    // Scratch is left unzeroed: the products are overwritten (k = 0 is filled below), and the
    // packing routines write every byte of their panels, zero padding included.
    const scratch = (bytes: number) => heap.allocateUnzeroed(bytes).block;
    const products = finish ? scratch(outBytes) : null;
    const kc0 = Math.min(KC, k);
    const packA = scratch(Math.ceil(Math.min(mcRows, m) / MR) * MR * kc0 * 4);
    // Threaded, B is packed for all of k up front, so that each piece (a row block) runs through
    // every block of k: one hand-off per column block instead of one per (column, k) block.
    const packB = scratch(panels * (pool ? k : kc0) * 4);
    try {
      const cAddress = products ? products.address : outs[0].address;
      if (k === 0) heap.bytes(cAddress, outBytes).fill(0);
      const idx = new Array<number>(nb).fill(0);
      for (let t = 0; t < batchSize; t++) {
        let aBase = ins[0].address + a.offset * 4;
        let bBase = ins[1].address + b.offset * 4;
        for (let d = 0; d < nb; d++) {
          aBase += idx[d] * a.strides[d] * 4;
          bBase += idx[d] * b.strides[d] * 4;
        }
        const c = cBase(cAddress, t);
        for (let jc = 0; jc < n; jc += NC) {
          const nc = Math.min(NC, n - jc);
          const cBlock = c + jc * 4;
          // Rows ic.. of the (jc, pc) block into C, with B packed at `pb`.
          const rowBlock = (i: number, pc: number, pb: number) => {
            const ic = i * rowsPerBlock;
            const mc = Math.min(rowsPerBlock, m - ic);
            const kc = Math.min(KC, k - pc);
            gemm.pack_a(mc, kc, aBase + pc * acs + ic * ars, ars, acs, packA.address);
            gemm.macro(mc, nc, kc, packA.address, pb, cBlock + ic * ldc, ldc, pc > 0 ? 1 : 0, EDGE_SCRATCH);
          };
          const blocks = Math.ceil(m / rowsPerBlock);
          if (pool) {
            const panelBytes = Math.ceil(nc / NR) * NR * KC * 4;
            for (let pc = 0, p = 0; pc < k; pc += KC, p++) {
              gemm.pack_b(
                Math.min(KC, k - pc),
                nc,
                bBase + pc * brs + jc * bcs,
                brs,
                bcs,
                packB.address + p * panelBytes,
              );
            }
            const words = [
              m,
              nc,
              k,
              aBase,
              ars,
              acs,
              packB.address,
              cBlock,
              ldc,
              rowsPerBlock,
              KC,
              panelBytes,
            ];
            pool.gemmRows(poolId, words, blocks, (i) => {
              for (let pc = 0, p = 0; pc < k; pc += KC, p++) rowBlock(i, pc, packB.address + p * panelBytes);
            });
          } else {
            // One thread: each packed block of B stays in cache across every row block.
            for (let pc = 0; pc < k; pc += KC) {
              gemm.pack_b(Math.min(KC, k - pc), nc, bBase + pc * brs + jc * bcs, brs, bcs, packB.address);
              for (let i = 0; i < blocks; i++) rowBlock(i, pc, packB.address);
            }
          }
        }
        for (let d = nb - 1; d >= 0; d--) {
          if (++idx[d] < batch[d]) break;
          idx[d] = 0;
        }
      }
      if (finish && products) {
        finish([{ address: products.address, byteLength: outBytes }, ...ins.slice(2)], outs);
      }
    } finally {
      heap.release(packA);
      heap.release(packB);
      if (products) heap.release(products);
    }
  };
}
