import { type KernelInput, viewExtent } from "@jaxts/backend";
import type { MemoryConfig } from "../codegen/memory-config.js";
import { memoryConfigKey } from "../codegen/memory-config.js";
import type { Region } from "../loop-executable.js";
import type { Heap } from "../memory/heap.js";

// What the copy-style routines (cumulative, dynamic slices) share: a module cache keyed by what
// the bytes depend on, instances per heap, and the checks every run makes before touching memory.

const modules = new Map<string, WebAssembly.Module>();
const instances = new WeakMap<Heap, WeakMap<WebAssembly.Module, WebAssembly.Exports>>();

/**
 * The module that `build` makes for `key` (compiled once per key and memory config, shared by
 * every backend), instantiated once per heap against its memory, with `imports` besides.
 */
export function routineInstance<T>(
  heap: Heap,
  memory: MemoryConfig,
  key: string,
  build: () => Uint8Array<ArrayBuffer>,
  imports: WebAssembly.Imports = {},
): T {
  const fullKey = `${key}|${memoryConfigKey(memory)}`;
  let module = modules.get(fullKey);
  if (!module) {
    module = new WebAssembly.Module(build());
    modules.set(fullKey, module);
  }
  let perHeap = instances.get(heap);
  if (!perHeap) {
    perHeap = new WeakMap();
    instances.set(heap, perHeap);
  }
  let exports = perHeap.get(module);
  if (!exports) {
    exports = new WebAssembly.Instance(module, { ...imports, env: { memory: heap.memory } }).exports;
    perHeap.set(module, exports);
  }
  return exports as T;
}

/** The memory import every routine module declares (it must match the heap's memory exactly). */
export function memoryImport(memory: MemoryConfig) {
  return {
    module: "env",
    name: "memory",
    initialPages: 1,
    maximumPages: memory.shared ? memory.maximumPages : undefined,
    shared: memory.shared,
  };
}

/** Throws unless every element `input`'s view reads lies inside `buffer` (elements of `bytes`). */
export function checkOperand(
  routine: string,
  what: string,
  input: KernelInput,
  buffer: Region,
  bytes: number,
): void {
  const ext = viewExtent(input.view);
  const length = Math.floor(buffer.byteLength / bytes);
  const { offset } = input.view;
  if (ext && (offset + ext[0] < 0 || offset + ext[1] >= length)) {
    throw new RangeError(
      `wasm backend: ${routine} ${what} reads elements ${offset + ext[0]}..${offset + ext[1]} of a buffer of ${length}`,
    );
  }
}

/** Throws unless `buffer` holds `bytes` bytes. */
export function checkOutput(routine: string, buffer: Region, bytes: number): void {
  if (buffer.byteLength < bytes) {
    throw new RangeError(
      `wasm backend: ${routine} output needs ${bytes} bytes, its buffer holds ${buffer.byteLength}`,
    );
  }
}

/**
 * The value of a scalar int32 input, as the cpu backend's `scalarInt` reads it: a masked-out
 * scalar reads 0, an offset outside the buffer throws.
 */
export function scalarInt32(routine: string, heap: Heap, input: KernelInput, buffer: Region): number {
  const { view } = input;
  if (view.mask?.some(([lo, hi]) => lo >= hi || lo > 0 || hi < 1)) return 0;
  const length = Math.floor(buffer.byteLength / 4);
  if (view.offset < 0 || view.offset >= length) {
    throw new RangeError(
      `wasm backend: ${routine} start index reads element ${view.offset} of a buffer of ${length}`,
    );
  }
  return new DataView(heap.memory.buffer).getInt32(buffer.address + view.offset * 4, true);
}
