import type { BackendBuffer } from "@jaxts/backend";
import type { Block } from "./memory/allocator.js";

/** A wasm buffer: a block of the backend's one memory, addressed in bytes. */
export class WasmBuffer implements BackendBuffer {
  freed = false;

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
