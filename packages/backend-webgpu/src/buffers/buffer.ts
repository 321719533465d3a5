import type { BackendBuffer } from "@jaxts/backend";

/**
 * A webgpu backend buffer: the bytes the caller asked for, held in a pooled GPUBuffer that may be
 * larger (rounded to a size class, and always to a multiple of 4 bytes, as WebGPU copies require).
 */
export class WebGpuBuffer implements BackendBuffer {
  /** The GPU buffer; null once freed. */
  private gpu: GPUBuffer | null;
  /** Set by `free`: the caller may not use it again (the GPU buffer itself is released in order). */
  dead = false;
  /** The batch (see `CommandBatch.generation`) that last encoded a command touching the buffer. */
  lastBatch = -1;
  /** A recycled buffer still holds old bytes: it is cleared before anything reads it unwritten. */
  needsClear: boolean;

  constructor(
    readonly byteLength: number,
    gpu: GPUBuffer,
    recycled: boolean,
    /** The backend that owns it, so that buffers of another backend instance are rejected. */
    readonly owner: object,
  ) {
    this.gpu = gpu;
    this.needsClear = recycled;
  }

  get freed(): boolean {
    return this.gpu === null;
  }

  get buffer(): GPUBuffer {
    if (this.gpu === null) throw new Error("webgpu backend: buffer used after it was freed");
    return this.gpu;
  }

  /** The GPU buffer's size: `byteLength` rounded up. */
  get capacity(): number {
    return this.buffer.size;
  }

  /** Gives up the GPU buffer (to the pool); the handle is dead afterwards. */
  detach(): GPUBuffer {
    const b = this.buffer;
    this.gpu = null;
    return b;
  }
}
