import {
  checkRunOperands,
  type Backend,
  type BackendBuffer,
  DTYPES,
  type DType,
  type Executable,
  type Kernel,
  type LoopKernel,
  type RoutineKernel,
  sizeOf,
} from "@jaxts/backend";
import { CpuBuffer, elementCount } from "./buffer.js";
import { checkViewFits } from "./codegen/view-fits.js";
import { getCompiledLoop } from "./loop-cache.js";
import { compileRoutine } from "./routines/index.js";

/** A compiled cpu kernel. `source` is the generated JavaScript of loop kernels (for debugging). */
export class CpuExecutable implements Executable {
  constructor(
    readonly kernel: Kernel,
    readonly source: string | undefined,
    readonly exec: (inputs: readonly CpuBuffer[], outputs: readonly CpuBuffer[]) => void,
  ) {}
}

function checkFits(what: string, needed: number, available: number): void {
  if (needed > available) {
    throw new RangeError(`cpu backend: ${what} needs ${needed} elements but its buffer holds ${available}`);
  }
}

function loopExecutable(kernel: LoopKernel): CpuExecutable {
  const { source, fn } = getCompiledLoop(kernel);
  const offsets = kernel.inputs.map((i) => i.view.offset);
  const outSize = sizeOf(kernel.shape);
  return new CpuExecutable(kernel, source, (inputs, outputs) => {
    const arrays = inputs.map((b, k) => b.storage(kernel.inputs[k].dtype));
    for (let k = 0; k < arrays.length; k++) {
      checkViewFits(kernel.inputs[k].view, elementCount(kernel.inputs[k].dtype, arrays[k]), `input ${k}`);
    }
    const out = outputs[0].storage(kernel.dtype);
    checkFits("the output", outSize, elementCount(kernel.dtype, out));
    fn(arrays, out, offsets);
  });
}

function routineExecutable(kernel: RoutineKernel): CpuExecutable {
  const run = compileRoutine(kernel);
  const outSizes = kernel.outputs.map((o) => sizeOf(o.shape));
  return new CpuExecutable(kernel, undefined, (inputs, outputs) => {
    const ins = inputs.map((b, k) => b.storage(kernel.inputs[k].dtype));
    const outs = outputs.map((b, k) => {
      const s = b.storage(kernel.outputs[k].dtype);
      checkFits(`output ${k}`, outSizes[k], elementCount(kernel.outputs[k].dtype, s));
      return s;
    });
    run(ins, outs);
  });
}

/** The reference backend: plain JavaScript, every dtype, synchronous reads. */
class CpuBackend implements Backend {
  readonly name = "cpu";
  readonly dtypes: ReadonlySet<DType> = new Set(DTYPES);
  private liveBuffers = 0;
  private liveBytes = 0;

  alloc(byteLength: number): BackendBuffer {
    if (!Number.isInteger(byteLength) || byteLength < 0) {
      throw new RangeError(`cpu backend: cannot allocate ${byteLength} bytes`);
    }
    const buffer = new CpuBuffer(byteLength, this);
    this.liveBuffers++;
    this.liveBytes += byteLength;
    return buffer;
  }

  private own(buffer: BackendBuffer): CpuBuffer {
    if (!(buffer instanceof CpuBuffer) || buffer.owner !== this) {
      throw new TypeError("cpu backend: the buffer does not belong to this backend");
    }
    if (buffer.freed) throw new Error("cpu backend: buffer used after it was freed");
    return buffer;
  }

  write(buffer: BackendBuffer, data: ArrayBufferView, byteOffset = 0): void {
    const buf = this.own(buffer);
    if (byteOffset < 0 || byteOffset + data.byteLength > buf.byteLength) {
      throw new RangeError(
        `cpu backend: writing ${data.byteLength} bytes at byte ${byteOffset} overflows a buffer of ${buf.byteLength}`,
      );
    }
    new Uint8Array(buf.bytes(), byteOffset, data.byteLength).set(
      new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    );
  }

  read(buffer: BackendBuffer): Promise<Uint8Array> {
    try {
      return Promise.resolve(this.readSync(buffer));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  readSync(buffer: BackendBuffer): Uint8Array {
    return new Uint8Array(this.own(buffer).bytes().slice(0));
  }

  free(buffer: BackendBuffer): void {
    const buf = this.own(buffer);
    buf.release();
    this.liveBuffers--;
    this.liveBytes -= buf.byteLength;
  }

  compile(kernel: Kernel): Executable {
    return kernel.kind === "loop" ? loopExecutable(kernel) : routineExecutable(kernel);
  }

  run(exe: Executable, inputs: readonly BackendBuffer[], outputs: readonly BackendBuffer[]): void {
    if (!(exe instanceof CpuExecutable))
      throw new TypeError("cpu backend: the executable was not compiled by a cpu backend");
    checkRunOperands("cpu", exe.kernel, inputs, outputs);
    const ins = inputs.map((b) => this.own(b));
    const outs = outputs.map((b) => this.own(b));
    exe.exec(ins, outs);
  }

  synchronize(): Promise<void> {
    return Promise.resolve();
  }

  memory(): { buffers: number; bytes: number } {
    return { buffers: this.liveBuffers, bytes: this.liveBytes };
  }
}

/** Makes a cpu backend. Each instance owns its buffers; compiled code is shared between instances. */
export function createCpuBackend(): Backend {
  return new CpuBackend();
}
