import {
  type Backend,
  type BackendBuffer,
  type DType,
  DTYPES,
  type Executable,
  type Kernel,
  type StorageArray,
  storageView,
} from "@jaxts/backend";
import { compileStorageKernel, type StorageKernel } from "@jaxts/backend-cpu";

/** A buffer of this backend: plain host memory. */
class HostBuffer implements BackendBuffer {
  freed = false;
  constructor(readonly bytes: Uint8Array) {}
  get byteLength(): number {
    return this.bytes.byteLength;
  }
}

/** A compiled kernel: the cpu backend's generated code, run on this backend's memory. */
class HostExecutable implements Executable {
  constructor(
    readonly kernel: Kernel,
    readonly run: StorageKernel,
  ) {}
}

function own(buffer: BackendBuffer): HostBuffer {
  // A buffer of another backend, or a freed one, must never reach a kernel: fail loudly instead.
  if (!(buffer instanceof HostBuffer))
    throw new TypeError("example backend: the buffer belongs to another backend");
  if (buffer.freed) throw new Error("example backend: buffer used after it was freed");
  return buffer;
}

/** Typed views of a kernel's operands, each of the dtype the kernel reads or writes it as. */
function views(buffers: readonly BackendBuffer[], dtypes: readonly DType[]): StorageArray[] {
  return buffers.map((b, i) => storageView(dtypes[i], own(b).bytes.buffer));
}

/**
 * The example backend. Everything a backend must do is here: own buffers (alloc, write, read,
 * readSync, free, memory) and run kernels of the kernel IR (compile, run). Code generation is
 * borrowed from the cpu backend, so this plugin is about the interface, not about speed.
 */
export function createExampleBackend(name = "example"): Backend {
  let live = 0;
  let bytes = 0;
  return {
    name,
    dtypes: new Set<DType>(DTYPES),
    alloc(byteLength) {
      live++;
      bytes += byteLength;
      return new HostBuffer(new Uint8Array(byteLength));
    },
    write(buffer, data, byteOffset = 0) {
      own(buffer).bytes.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), byteOffset);
    },
    async read(buffer) {
      return own(buffer).bytes.slice();
    },
    readSync(buffer) {
      return own(buffer).bytes.slice();
    },
    free(buffer) {
      const b = own(buffer);
      b.freed = true;
      live--;
      bytes -= b.byteLength;
    },
    compile(kernel) {
      return new HostExecutable(kernel, compileStorageKernel(kernel));
    },
    run(exe, inputs, outputs) {
      const { kernel, run } = exe as HostExecutable;
      const outDTypes = kernel.kind === "loop" ? [kernel.dtype] : kernel.outputs.map((o) => o.dtype);
      run(
        views(
          inputs,
          kernel.inputs.map((i) => i.dtype),
        ),
        views(outputs, outDTypes),
      );
    },
    memory() {
      return { buffers: live, bytes };
    },
  };
}
