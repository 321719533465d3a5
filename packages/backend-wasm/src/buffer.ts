import type { BackendBuffer } from "@jaxts/backend";
import type { Block } from "./memory/allocator.js";

/** A wasm buffer: a block of the backend's one memory, addressed in bytes. */
export class WasmBuffer implements BackendBuffer {
  freed = false;
  /**
   * The block may hold old data that the buffer must read as zeros (allocations are zeroed). It
   * is zeroed on first use unless that use overwrites all of it (a kernel's output, a full write),
   * which saves a pass over large outputs.
   */
  unzeroed = false;

  constructor(
    readonly byteLength: number,
    readonly block: Block,
    /** The backend that owns it, so that buffers of another backend instance are rejected. */
    readonly owner: object,
  ) {}

  get address(): number {
    return this.block.address;
  }
}
