/** Every block starts at a multiple of this (a v128 load's natural alignment). */
export const ALIGN = 16;

/**
 * The size class of a request: multiples of 16 up to 256 bytes, then four classes per doubling,
 * so a block wastes at most a quarter of its size and freed blocks are reused by similar requests.
 */
export function sizeClass(bytes: number): number {
  const n = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
  if (n <= 256) return n;
  const top = 2 ** Math.floor(Math.log2(n));
  const step = top / 4;
  return Math.ceil(n / step) * step;
}

/** A block the allocator handed out: where it starts and how many bytes it reserves. */
export interface Block {
  readonly address: number;
  readonly capacity: number;
}

/**
 * A segregated-free-list allocator over a linear address range that only grows: blocks of one
 * size class are recycled through that class's free list, new blocks come from the top, and a
 * freed block at the top lowers it. It does bookkeeping only; the heap owns the memory, grows it
 * when `top` passes its size, and zeroes blocks where they may hold old data.
 */
export class Allocator {
  private readonly free = new Map<number, number[]>();
  private freeBytes = 0;
  /** The first address never handed out. */
  top: number;

  constructor(readonly base: number) {
    if (base % ALIGN !== 0) throw new RangeError(`allocator base ${base} is not ${ALIGN}-aligned`);
    this.top = base;
  }

  /** A block for `bytes` bytes, and whether it was recycled (so may hold old data). */
  allocate(bytes: number): { block: Block; recycled: boolean } {
    const capacity = sizeClass(bytes);
    const list = this.free.get(capacity);
    const address = list?.pop();
    if (address !== undefined) {
      this.freeBytes -= capacity;
      return { block: { address, capacity }, recycled: true };
    }
    const block = { address: this.top, capacity };
    this.top += capacity;
    return { block, recycled: false };
  }

  release(block: Block): void {
    if (block.address + block.capacity === this.top) {
      this.top = block.address;
      return;
    }
    let list = this.free.get(block.capacity);
    if (!list) {
      list = [];
      this.free.set(block.capacity, list);
    }
    list.push(block.address);
    this.freeBytes += block.capacity;
  }

  /** Bytes held in free lists (reserved below `top` but unused). */
  get idleBytes(): number {
    return this.freeBytes;
  }
}
