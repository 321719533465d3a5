import { type Backend, type BackendBuffer, DTYPES, type DType, registerBackend } from "@jaxts/backend";

// Core sits below every backend package, so its tests bring their own: a backend that only holds
// bytes (enough for memory and serialization; it cannot run kernels).

class Bytes implements BackendBuffer {
  constructor(readonly data: Uint8Array) {}
  get byteLength(): number {
    return this.data.byteLength;
  }
}

function own(buffer: BackendBuffer): Bytes {
  if (!(buffer instanceof Bytes)) throw new TypeError("memory backend: foreign buffer");
  return buffer;
}

export function memoryBackend(
  name: string,
  options: { sync?: boolean; dtypes?: readonly DType[] } = {},
): Backend {
  let buffers = 0;
  let bytes = 0;
  const backend: Backend = {
    name,
    dtypes: new Set(options.dtypes ?? DTYPES),
    alloc(byteLength) {
      buffers++;
      bytes += byteLength;
      return new Bytes(new Uint8Array(byteLength));
    },
    write(buffer, data, byteOffset = 0) {
      own(buffer).data.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), byteOffset);
    },
    read(buffer) {
      return Promise.resolve(own(buffer).data.slice());
    },
    free(buffer) {
      buffers--;
      bytes -= own(buffer).byteLength;
    },
    compile() {
      throw new Error(`${name} backend: cannot compile kernels`);
    },
    run() {
      throw new Error(`${name} backend: cannot run kernels`);
    },
    memory: () => ({ buffers, bytes }),
  };
  if (options.sync !== false) backend.readSync = (buffer) => own(buffer).data.slice();
  return backend;
}

/** Registers "mem" (the default, reads synchronously), "mem-async" (no readSync) and "mem-f32" (float32 only). */
export function registerMemoryBackends(): void {
  registerBackend("mem", () => memoryBackend("mem"), { priority: 100 });
  registerBackend("mem-async", () => memoryBackend("mem-async", { sync: false }), { priority: -1 });
  registerBackend("mem-f32", () => memoryBackend("mem-f32", { dtypes: ["float32"] }), { priority: -2 });
}
