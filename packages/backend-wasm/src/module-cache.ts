import { kernelKey, type LoopKernel } from "@jaxts/backend";
import { loopModule } from "./codegen/loop.js";
import { type MemoryConfig, memoryConfigKey } from "./codegen/memory-config.js";
import { NotLowered } from "./codegen/dtypes.js";
import type { LoopSplit } from "./codegen/split.js";

// Compiled modules depend only on the kernel minus its view offsets and on how the memory is
// declared; they hold no state, so one cache serves every backend instance. One map per memory
// declaration, so an eager op's lookup hashes the kernel's key alone.
const caches = new Map<string, Map<string, CompiledLoop | NotLowered>>();

function* cached(): Iterable<CompiledLoop | NotLowered> {
  for (const c of caches.values()) yield* c.values();
}

/** The most inputs a loop kernel compiled to wasm may have (the engine's parameter limit, less room). */
const MAX_LOOP_INPUTS = 960;

/**
 * A loop kernel's wasm module, whether its innermost loop runs four SIMD lanes at a time, and
 * how its outermost loop may be split between threads.
 */
export interface CompiledLoop {
  readonly module: WebAssembly.Module;
  readonly simd: boolean;
  readonly split: LoopSplit | null;
}

/** The compiled wasm module of a loop kernel, or the reason it is not lowered to wasm. */
export function loopModuleFor(kernel: LoopKernel, memory: MemoryConfig): CompiledLoop | NotLowered {
  const memoryKey = memoryConfigKey(memory);
  let cache = caches.get(memoryKey);
  if (!cache) {
    cache = new Map();
    caches.set(memoryKey, cache);
  }
  const key = kernelKey(kernel, { offsets: false });
  let entry = cache.get(key);
  if (!entry) {
    try {
      // Engines cap a function's parameters (V8: 1000), and run(in0, ..., out, lo, hi) takes one
      // per input; such wide fusions (a jacobian's basis, say) run as the cpu backend's code.
      if (kernel.inputs.length > MAX_LOOP_INPUTS) {
        throw new NotLowered(
          `${kernel.inputs.length} inputs (wasm functions take at most ${MAX_LOOP_INPUTS})`,
        );
      }
      const { bytes, simd, split } = loopModule(kernel, memory);
      entry = { module: new WebAssembly.Module(bytes), simd, split };
    } catch (e) {
      if (!(e instanceof NotLowered)) throw e;
      entry = e;
    }
    cache.set(key, entry);
  }
  return entry;
}

/** How many loop kernels have been compiled to wasm modules (for tests). */
export function compiledModuleCount(): number {
  let n = 0;
  for (const v of cached()) if (!(v instanceof NotLowered)) n++;
  return n;
}

/**
 * What the cache holds: loop kernels compiled to wasm (and how many of those use SIMD), and for
 * the ones left to the cpu backend's code, how many for each reason. For finding what to lower next.
 */
export function loweringStats(): { wasm: number; simd: number; cpu: Record<string, number> } {
  const cpu: Record<string, number> = {};
  let wasm = 0;
  let simd = 0;
  for (const v of cached()) {
    if (v instanceof NotLowered) cpu[v.message] = (cpu[v.message] ?? 0) + 1;
    else {
      wasm++;
      if (v.simd) simd++;
    }
  }
  return { wasm, simd, cpu };
}
