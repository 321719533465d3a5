import { BufferUsage } from "../device/flags.js";

/** Storage buffers the backend hands out: bound to kernels, copied to and from. */
export const STORAGE_USAGE = BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST;

/**
 * The size class of a request: a multiple of 4 (WebGPU copies move whole words), at least 16,
 * then powers of two up to 64 KiB and quarter steps between powers of two above that, so a
 * recycled buffer wastes at most a quarter of itself.
 */
export function sizeClass(byteLength: number): number {
  const n = Math.max(16, Math.ceil(byteLength / 4) * 4);
  if (n <= 65536) return 2 ** Math.ceil(Math.log2(n));
  const step = 2 ** (Math.floor(Math.log2(n)) - 2);
  return Math.ceil(n / step) * step;
}

/**
 * Freed GPU buffers kept for reuse, by size class. Creating a GPUBuffer costs a driver call and
 * zeroing; eager code frees and allocates the same sizes over and over. The pool keeps at most
 * `maxBytes`; beyond that freed buffers are destroyed.
 */
export class BufferPool {
  private readonly free = new Map<number, GPUBuffer[]>();
  private pooledBytes = 0;

  constructor(
    private readonly device: GPUDevice,
    private readonly maxBytes = 256 * 2 ** 20,
  ) {}

  /** A buffer of `sizeClass(byteLength)` bytes, and whether it was recycled (so holds old bytes). */
  acquire(byteLength: number): { buffer: GPUBuffer; recycled: boolean } {
    const size = sizeClass(byteLength);
    const list = this.free.get(size);
    const reused = list?.pop();
    if (reused) {
      this.pooledBytes -= size;
      return { buffer: reused, recycled: true };
    }
    return { buffer: this.device.createBuffer({ size, usage: STORAGE_USAGE }), recycled: false };
  }

  /** Takes back a buffer that no submitted-later command will use under its old owner. */
  release(buffer: GPUBuffer): void {
    if (this.pooledBytes + buffer.size > this.maxBytes) {
      buffer.destroy();
      return;
    }
    let list = this.free.get(buffer.size);
    if (!list) {
      list = [];
      this.free.set(buffer.size, list);
    }
    list.push(buffer);
    this.pooledBytes += buffer.size;
  }

  /** Destroys every pooled buffer. */
  clear(): void {
    for (const list of this.free.values()) for (const b of list) b.destroy();
    this.free.clear();
    this.pooledBytes = 0;
  }

  get bytes(): number {
    return this.pooledBytes;
  }
}
