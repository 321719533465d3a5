import {
  type Backend,
  type BackendBuffer,
  contiguousView,
  float16Value,
  isComplex,
  isContiguous,
  sizeOf,
  type StorageArray,
  storageView,
  type View,
} from "@jaxts/backend";
import type { ShapedArray } from "../aval.js";
import { type ArrayLikeData, Tracer } from "../tracer.js";
import { BufferHandle, stats } from "./buffer-handle.js";
import { type Device, deviceOf } from "./device.js";
import { trackInScope } from "./scope.js";

/** The largest host upload (bytes) whose data an array keeps on an asynchronous backend. */
const HOST_COPY_LIMIT = 1 << 20;

// Arrays that become unreachable without dispose() give their buffer reference back here.
const finalizer = new FinalizationRegistry<{ handle: BufferHandle; backend: string }>((held) => {
  stats(held.backend).arrays--;
  held.handle.release();
});

/**
 * An array with data: a view of a (shared) backend buffer. Immutable; its buffer is released when
 * it is disposed, leaves a `scope`, or is garbage collected.
 */
export class ConcreteArray extends Tracer {
  readonly _trace = undefined;
  private disposed = false;

  constructor(
    readonly aval: ShapedArray,
    readonly handle: BufferHandle,
    readonly view: View,
  ) {
    super();
    handle.retain();
    stats(handle.backend.name).arrays++;
    finalizer.register(this, { handle, backend: handle.backend.name }, this);
    trackInScope(this);
  }

  /** A new array that owns a new buffer holding `bytes` (contiguous, row-major). */
  static fromBytes(backend: Backend, aval: ShapedArray, bytes: ArrayBufferView): ConcreteArray {
    const buffer = backend.alloc(bytes.byteLength);
    backend.write(buffer, bytes);
    const array = ConcreteArray.wrap(backend, aval, buffer);
    // Where reads are asynchronous, small arrays made from host data keep it: functions whose
    // output shape depends on values (boolean masks, repeat counts, index lists) read them eagerly.
    if (!backend.readSync && bytes.byteLength <= HOST_COPY_LIMIT) {
      array.hostCopy = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength).slice();
    }
    return array;
  }

  /** Wraps a freshly made, contiguous buffer. */
  static wrap(backend: Backend, aval: ShapedArray, buffer: BackendBuffer): ConcreteArray {
    const handle = new BufferHandle(backend, buffer);
    return new ConcreteArray(aval, handle, contiguousView(aval.shape));
  }

  get backend(): Backend {
    return this.handle.backend;
  }

  override get device(): Device {
    return deviceOf(this.handle.backend);
  }

  override get isDisposed(): boolean {
    return this.disposed;
  }

  /** Throws JAX's error for a deleted array; every use of the buffer checks this first. */
  checkAlive(): void {
    if (this.disposed) {
      throw new Error(`Array has been deleted with shape=${this.aval.dtype}[${this.aval.shape.join(",")}].`);
    }
  }

  override dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.hostCopy = undefined;
    finalizer.unregister(this);
    stats(this.handle.backend.name).arrays--;
    this.handle.release();
  }

  override dataSync(): ArrayLikeData {
    return widen(this.dtype, this.storageSync());
  }

  override async data(): Promise<ArrayLikeData> {
    return widen(this.dtype, await this.storage());
  }

  /** The elements in storage form (row-major; float16 as raw bits, complex as re/im pairs), synchronously. */
  storageSync(): StorageArray {
    this.checkAlive();
    const backend = this.handle.backend;
    if (backend.readSync) return this.fromBytes(backend.readSync(this.handle.buffer));
    if (this.hostCopy) return this.fromBytes(this.hostCopy);
    throw new Error(
      `dataSync(): the ${backend.name} backend cannot read synchronously; use \`await x.data()\` instead ` +
        "(after it, dataSync(), item() and printing work on that array)",
    );
  }

  /**
   * The bytes of the last asynchronous read, kept on backends that cannot read synchronously:
   * arrays are immutable, so after `await x.data()` the synchronous readers (and printing) use it.
   */
  private hostCopy: Uint8Array | undefined;

  /** The elements in storage form, read asynchronously (works on every backend). */
  async storage(): Promise<StorageArray> {
    this.checkAlive();
    const backend = this.handle.backend;
    if (!backend.readSync && this.hostCopy) return this.fromBytes(this.hostCopy);
    const bytes = await backend.read(this.handle.buffer);
    if (!backend.readSync) this.hostCopy = bytes;
    return this.fromBytes(bytes);
  }

  override item(): number | boolean {
    if (this.size !== 1) {
      throw new TypeError(`item(): can only convert an array of size 1 to a scalar; got shape ${this.shape}`);
    }
    if (isComplex(this.dtype))
      throw new TypeError("item(): complex arrays have no JS number; use real()/imag()");
    const v = this.dataSync()[0];
    return this.dtype === "bool" ? v !== 0 : v;
  }

  override tolist(): unknown {
    const data = this.dataSync();
    const cplx = isComplex(this.dtype);
    const asBool = this.dtype === "bool";
    let k = 0;
    const build = (axis: number): unknown => {
      if (axis === this.ndim) {
        if (cplx) {
          const v = [data[k], data[k + 1]];
          k += 2;
          return v;
        }
        const v = data[k++];
        return asBool ? v !== 0 : v;
      }
      const out: unknown[] = [];
      for (let i = 0; i < this.shape[axis]; i++) out.push(build(axis + 1));
      return out;
    };
    return build(0);
  }

  /** Gathers this view's elements, in row-major order, out of the buffer's bytes. */
  private fromBytes(bytes: Uint8Array): StorageArray {
    const dtype = this.dtype;
    const n = sizeOf(this.shape);
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const all = storageView(dtype, copy);
    const parts = isComplex(dtype) ? 2 : 1;
    let out: StorageArray;
    if (isContiguous(this.view)) {
      out = all.slice(this.view.offset * parts, (this.view.offset + n) * parts);
    } else {
      out = new (all.constructor as new (n: number) => StorageArray)(n * parts);
      const { shape, strides, offset, mask } = this.view;
      const idx = new Array<number>(shape.length).fill(0);
      for (let i = 0; i < n; i++) {
        let inside = true;
        let pos = offset;
        for (let d = 0; d < shape.length; d++) {
          pos += idx[d] * strides[d];
          if (mask && (idx[d] < mask[d][0] || idx[d] >= mask[d][1])) inside = false;
        }
        if (inside) for (let p = 0; p < parts; p++) out[i * parts + p] = all[pos * parts + p];
        for (let d = shape.length - 1; d >= 0; d--) {
          if (++idx[d] < shape[d]) break;
          idx[d] = 0;
        }
      }
    }
    return out;
  }
}

/** What dataSync() returns for storage: float16 bits become float32 values, the rest as stored. */
function widen(dtype: string, storage: StorageArray): ArrayLikeData {
  return dtype === "float16" ? Float32Array.from(storage, float16Value) : storage;
}
