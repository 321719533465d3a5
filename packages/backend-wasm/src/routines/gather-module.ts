import type { MemoryConfig } from "../codegen/memory-config.js";
import type { Heap } from "../memory/heap.js";
import { wasmFeatures } from "../wasm/features.js";
import type { FunctionBuilder } from "../wasm/function-builder.js";
import { ModuleBuilder } from "../wasm/module-builder.js";
import { ValType } from "../wasm/types.js";
import { memoryImport, routineInstance } from "./common.js";
import {
  COPY_WIDTHS,
  type CopyMode,
  type CopyWidth,
  emitStridedCopy,
  type StridedFn,
} from "./copy-module.js";

const { i32 } = ValType;

/**
 * `(table, n, n0, n1, n2, d0, d1, d2, s0, s1, s2)`: for each of the `n` (source, destination)
 * address pairs at `table` (two int32s each), a 3-d strided copy of elements (strides in bytes).
 */
export type GatherFn = StridedFn;

export type GatherExports = Record<`gather${CopyWidth}` | "gather_bool" | "gather_float16", GatherFn>;

function gatherModule(memory: MemoryConfig, simd: boolean): Uint8Array<ArrayBuffer> {
  const m = new ModuleBuilder();
  m.importMemory(memoryImport(memory));
  const params = new Array<ValType>(11).fill(i32);
  for (const w of COPY_WIDTHS) gatherFunction(m.function(params, [], `gather${w}`), w, simd, "raw");
  gatherFunction(m.function(params, [], "gather_bool"), 1, simd, "bool");
  gatherFunction(m.function(params, [], "gather_float16"), 2, simd, "float16");
  return m.encode();
}

function gatherFunction(fb: FunctionBuilder, w: CopyWidth, simd: boolean, mode: CopyMode): void {
  const [table, n] = [0, 1];
  const e = fb.local(i32);
  const pair = fb.local(i32);
  const dst = fb.local(i32);
  const src = fb.local(i32);
  fb.forRange(
    e,
    () => fb.i32(0),
    () => fb.get(n),
    1,
    () => {
      // The pair: table[2e] (source), table[2e + 1] (destination).
      fb.get(table).get(e).i32(3).op("i32.shl", "i32.add").set(pair);
      fb.get(pair).mem("i32.load", 0).set(src);
      fb.get(pair).mem("i32.load", 4).set(dst);
      emitStridedCopy(fb, w, simd, mode, dst, src);
    },
  );
}

export function gatherExports(heap: Heap, memory: MemoryConfig): GatherExports {
  const simd = wasmFeatures().simd;
  return routineInstance<GatherExports>(heap, memory, `gather:${simd}`, () => gatherModule(memory, simd));
}
