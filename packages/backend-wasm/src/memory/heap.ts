import { Allocator, type Block } from "./allocator.js";

const PAGE = 65536;
/** wasm32 addresses 4 GiB at most. */
const MAX_PAGES = 65536;
/** Bytes below the first block, for kernels' scratch (and so that address 0 is never a buffer). */
export const RESERVED_BYTES = 1024;

export interface HeapOptions {
  /** Use a shared memory (needed by worker threads); default: where SharedArrayBuffer works. */
  readonly shared: boolean;
  readonly initialPages?: number;
  readonly maximumPages?: number;
}

/**
 * The one WebAssembly.Memory of a wasm backend and its allocator. Buffers are byte addresses into
 * it. Growing the memory replaces `memory.buffer` (and detaches the old one when unshared), so
 * typed-array views must be made through `bytes()`/`view()` after any allocation, never kept.
 */
export class Heap {
  readonly memory: WebAssembly.Memory;
  readonly shared: boolean;
  readonly maximumPages: number;
  private readonly allocator = new Allocator(RESERVED_BYTES);
  /** The end of the highest block ever handed out; the memory above it has never been written. */
  private highWater = RESERVED_BYTES;
  /** Counts growths, so cached views can tell that they are stale. */
  generation = 0;

  constructor(options: HeapOptions) {
    this.shared = options.shared;
    this.maximumPages = Math.min(MAX_PAGES, options.maximumPages ?? MAX_PAGES);
    const initial = Math.max(1, options.initialPages ?? 16);
    this.memory = new WebAssembly.Memory(
      this.shared
        ? { initial, maximum: this.maximumPages, shared: true }
        : { initial, maximum: this.maximumPages },
    );
  }

  get pages(): number {
    return this.memory.buffer.byteLength / PAGE;
  }

  /** A block of at least `bytes` bytes, zeroed, growing the memory when needed. */
  allocate(bytes: number): Block {
    const { block, dirty } = this.allocateUnzeroed(bytes);
    if (dirty) this.zero(block.address, block.capacity);
    return block;
  }

  /**
   * A block of at least `bytes` bytes that may hold old data (`dirty`), for a caller that zeroes
   * it only where needed (a buffer that a kernel is about to overwrite need not be zeroed first).
   */
  allocateUnzeroed(bytes: number): { block: Block; dirty: boolean } {
    const { block } = this.allocator.allocate(bytes);
    const end = block.address + block.capacity;
    if (end > this.memory.buffer.byteLength) {
      try {
        this.growTo(end);
      } catch (e) {
        this.allocator.release(block);
        throw e;
      }
    }
    // Bytes above the highest address ever handed out are still as the memory made them: zero.
    const dirty = block.address < this.highWater;
    this.highWater = Math.max(this.highWater, end);
    return { block, dirty };
  }

  /** Zeroes `length` bytes at `address`. */
  zero(address: number, length: number): void {
    new Uint8Array(this.memory.buffer, address, length).fill(0);
  }

  release(block: Block): void {
    this.allocator.release(block);
  }

  private growTo(end: number): void {
    const have = this.pages;
    const need = Math.ceil(end / PAGE);
    if (need > this.maximumPages) {
      throw new RangeError(
        `wasm backend: out of memory: ${end} bytes needed, the memory is limited to ${this.maximumPages * PAGE}`,
      );
    }
    // Grow by at least half again, so that a run of allocations grows the memory O(log n) times.
    const target = Math.min(this.maximumPages, Math.max(need, Math.ceil(have * 1.5)));
    this.memory.grow(target - have);
    this.generation++;
  }

  /** Bytes of the memory, fresh (valid until the next allocation). */
  bytes(address: number, length: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, address, length);
  }

  /** Bytes reserved below the allocator's top but not in use. */
  get idleBytes(): number {
    return this.allocator.idleBytes;
  }
}
