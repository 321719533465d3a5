import {
  checkRunOperands,
  type Backend,
  type BackendBuffer,
  DTYPES,
  type DType,
  type Executable,
  itemsize,
  type Kernel,
  sizeOf,
  UnsupportedDTypeError,
} from "@jaxts/backend";
import { WebGpuBuffer } from "./buffers/buffer.js";
import { BufferPool } from "./buffers/pool.js";
import { readBuffer } from "./buffers/readback.js";
import { LOWERED_DTYPES } from "./codegen/dtypes.js";
import type { AcquiredGpu } from "./device/acquire.js";
import { CommandBatch } from "./runtime/batch.js";
import { checkViewFits } from "./runtime/bounds.js";
import { type Compiled, KernelCache } from "./runtime/compile.js";
import { ErrorSink } from "./runtime/errors.js";
import type { Pipeline } from "./runtime/pipelines.js";
import { SerialQueue } from "./runtime/serial.js";

/** A compiled webgpu kernel: the shared compiled code plus this kernel's view offsets. */
export class WebGpuExecutable implements Executable {
  constructor(
    readonly kernel: Kernel,
    readonly compiled: Compiled,
    /** One i32 per input: its view's offset (the uniform block of each dispatch). */
    readonly offsets: Int32Array,
  ) {}

  /** Whether it runs as WGSL (false: on the cpu fallback). */
  get onGpu(): boolean {
    return this.compiled.kind === "gpu";
  }

  /** The generated WGSL (for debugging), or why the kernel runs on the cpu fallback. */
  get source(): string {
    return this.compiled.kind === "gpu"
      ? this.compiled.pipelines.map((p) => p.shader.code).join("\n// ----\n")
      : `// cpu fallback: ${this.compiled.fallback.reason}`;
  }
}

/** float64 and complex128 have no WGSL type; everything else is stored (see codegen/dtypes.ts). */
const STORED: ReadonlySet<DType> = new Set(DTYPES.filter((d) => d !== "float64" && d !== "complex128"));

/** The WebGPU backend: WGSL compute shaders, asynchronous reads. */
export class WebGpuBackend implements Backend {
  readonly name = "webgpu";
  readonly dtypes: ReadonlySet<DType> = STORED;
  readonly device: GPUDevice;
  private readonly errors: ErrorSink;
  private readonly pool: BufferPool;
  private readonly batch: CommandBatch;
  private readonly serial: SerialQueue;
  private readonly kernels: KernelCache;
  private liveBuffers = 0;
  private liveBytes = 0;
  private readonly maxBufferSize: number;
  private readonly maxPerDimension: number;

  constructor(readonly gpu: AcquiredGpu) {
    const device = gpu.device;
    this.device = device;
    this.errors = new ErrorSink(device);
    this.pool = new BufferPool(device);
    this.batch = new CommandBatch(device);
    this.serial = new SerialQueue((e) => this.errors.record(e));
    this.maxBufferSize = Math.min(device.limits.maxBufferSize, device.limits.maxStorageBufferBindingSize);
    this.maxPerDimension = device.limits.maxComputeWorkgroupsPerDimension;
    this.kernels = new KernelCache({
      device,
      errors: this.errors,
      // One binding is the uniform block, which does not count against the storage limit.
      maxStorageBuffers: device.limits.maxStorageBuffersPerShaderStage,
      lowered: LOWERED_DTYPES,
      maxInvocations: device.limits.maxComputeInvocationsPerWorkgroup,
    });
  }

  /** A line saying which device runs the kernels, e.g. for logs. */
  describe(): string {
    const info = this.gpu.adapter?.info;
    const what = info ? [info.vendor, info.device, info.description].filter((s) => s).join(" ") : "";
    return `webgpu (${this.gpu.source}${what ? `: ${what}` : ""})`;
  }

  /** Distinct compiled kernels (pipelines and cpu fallbacks), for tests. */
  get compiledKernels(): number {
    return this.kernels.size;
  }

  alloc(byteLength: number): BackendBuffer {
    this.errors.checkAlive();
    if (!Number.isInteger(byteLength) || byteLength < 0) {
      throw new RangeError(`webgpu backend: cannot allocate ${byteLength} bytes`);
    }
    if (byteLength > this.maxBufferSize) {
      throw new RangeError(
        `webgpu backend: cannot allocate ${byteLength} bytes: the device's largest storage buffer is ${this.maxBufferSize} bytes`,
      );
    }
    const { buffer, recycled } = this.pool.acquire(byteLength);
    this.liveBuffers++;
    this.liveBytes += byteLength;
    return new WebGpuBuffer(byteLength, buffer, recycled, this);
  }

  private own(buffer: BackendBuffer): WebGpuBuffer {
    if (!(buffer instanceof WebGpuBuffer) || buffer.owner !== this) {
      throw new TypeError("webgpu backend: the buffer does not belong to this backend");
    }
    if (buffer.dead) throw new Error("webgpu backend: buffer used after it was freed");
    return buffer;
  }

  write(buffer: BackendBuffer, data: ArrayBufferView, byteOffset = 0): void {
    this.errors.checkAlive();
    const buf = this.own(buffer);
    const end = byteOffset + data.byteLength;
    if (byteOffset < 0 || end > buf.byteLength) {
      throw new RangeError(
        `webgpu backend: writing ${data.byteLength} bytes at byte ${byteOffset} overflows a buffer of ${buf.byteLength}`,
      );
    }
    if (byteOffset % 4 !== 0 || (end % 4 !== 0 && end !== buf.byteLength)) {
      throw new RangeError("webgpu backend: partial writes must start and end on 4-byte boundaries");
    }
    // Copied now: the caller may reuse its array before a queued write runs. WebGPU writes whole
    // words, so the copy is padded to 4 bytes (the buffer's capacity always is).
    const bytes = new Uint8Array(Math.ceil(data.byteLength / 4) * 4);
    bytes.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    this.serial.enqueue(() => {
      const whole = byteOffset === 0 && data.byteLength === buf.byteLength;
      // A queue write goes ahead of commands still being encoded: submit those that touch the buffer.
      if (buf.needsClear && !whole) {
        this.batch.clear(buf.buffer);
        buf.lastBatch = this.batch.generation;
      }
      if (buf.lastBatch === this.batch.generation) this.batch.flush();
      buf.needsClear = false;
      this.device.queue.writeBuffer(buf.buffer, byteOffset, bytes);
    });
  }

  read(buffer: BackendBuffer): Promise<Uint8Array> {
    try {
      this.errors.checkAlive();
      const buf = this.own(buffer);
      return new Promise<Uint8Array>((resolve, reject) => {
        this.serial.enqueue(() => {
          this.readNow(buf).then(resolve, reject);
        });
      });
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** Reads a buffer's bytes: submits pending work, copies to a staging buffer and maps it. */
  private async readNow(buf: WebGpuBuffer): Promise<Uint8Array> {
    if (buf.needsClear) {
      this.batch.clear(buf.buffer);
      buf.needsClear = false;
    }
    const bytes = await readBuffer(this.device, this.batch, buf.buffer, buf.byteLength);
    this.errors.throwPending();
    return bytes;
  }

  free(buffer: BackendBuffer): void {
    const buf = this.own(buffer);
    buf.dead = true;
    this.liveBuffers--;
    this.liveBytes -= buf.byteLength;
    this.serial.enqueue(() => {
      const gpu = buf.detach();
      // Commands still being encoded may read it: recycle only once they are submitted.
      if (buf.lastBatch === this.batch.generation) this.batch.onSubmit(() => this.pool.release(gpu));
      else this.pool.release(gpu);
    });
  }

  compile(kernel: Kernel): Executable {
    this.errors.checkAlive();
    const dtypes = [
      ...kernel.inputs.map((i) => i.dtype),
      ...(kernel.kind === "loop" ? [kernel.dtype] : kernel.outputs.map((o) => o.dtype)),
    ];
    for (const d of dtypes) if (!this.dtypes.has(d)) throw new UnsupportedDTypeError(d, this.name);
    const compiled = this.kernels.get(kernel);
    return new WebGpuExecutable(
      kernel,
      compiled,
      Int32Array.from(kernel.inputs, (i) => i.view.offset),
    );
  }

  run(exe: Executable, inputs: readonly BackendBuffer[], outputs: readonly BackendBuffer[]): void {
    this.errors.checkAlive();
    if (!(exe instanceof WebGpuExecutable)) {
      throw new TypeError("webgpu backend: the executable was not compiled by a webgpu backend");
    }
    const kernel = exe.kernel;
    const outSpecs = kernel.kind === "loop" ? [{ dtype: kernel.dtype, shape: kernel.shape }] : kernel.outputs;
    checkRunOperands("webgpu", kernel, inputs, outputs);
    const ins = inputs.map((b) => this.own(b));
    const outs = outputs.map((b) => this.own(b));
    ins.forEach((b, k) => {
      const input = kernel.inputs[k];
      checkViewFits(input.view, Math.floor(b.byteLength / itemsize(input.dtype)), `input ${k}`);
    });
    outs.forEach((b, k) => {
      const need = sizeOf(outSpecs[k].shape) * itemsize(outSpecs[k].dtype);
      if (need > b.byteLength) {
        throw new RangeError(
          `webgpu backend: output ${k} needs ${need} bytes but its buffer holds ${b.byteLength}`,
        );
      }
    });
    const compiled = exe.compiled;
    if (compiled.kind === "gpu") {
      this.serial.enqueue(() => this.dispatch(exe, compiled.pipelines, ins, outs));
    } else {
      const outBytes = outs.map((b) => b.byteLength);
      this.serial.enqueue(() => {
        this.serial.hold(
          (async () => {
            const bytes = await Promise.all(ins.map((b) => this.readNow(b)));
            const results = compiled.fallback.execute(bytes, outBytes);
            results.forEach((r, k) => {
              const padded = new Uint8Array(Math.ceil(r.byteLength / 4) * 4);
              padded.set(r);
              outs[k].needsClear = false;
              this.device.queue.writeBuffer(outs[k].buffer, 0, padded);
            });
          })(),
        );
      });
    }
  }

  private dispatch(
    exe: WebGpuExecutable,
    pipelines: readonly Pipeline[],
    ins: readonly WebGpuBuffer[],
    outs: readonly WebGpuBuffer[],
  ): void {
    for (const b of ins) {
      if (b.needsClear) {
        this.batch.clear(b.buffer);
        b.needsClear = false;
      }
    }
    const loop = exe.kernel.kind === "loop";
    for (const b of outs) {
      // A loop kernel writes every element of its output; routines may not, so start them from zeros.
      if (b.needsClear && !loop) this.batch.clear(b.buffer);
      b.needsClear = false;
    }
    const uniform = this.batch.uniform(exe.offsets);
    const scratch = this.scratch(pipelines);
    for (const p of pipelines) {
      const total = p.shader.workgroups;
      if (total === 0) continue;
      const x = Math.min(total, this.maxPerDimension);
      const y = Math.ceil(total / x);
      const entries: GPUBindGroupEntry[] = [{ binding: 0, resource: { buffer: uniform } }];
      ins.forEach((b, k) => {
        entries.push({ binding: 1 + k, resource: { buffer: b.buffer } });
      });
      outs.forEach((b, k) => {
        entries.push({ binding: 1 + ins.length + k, resource: { buffer: b.buffer } });
      });
      if (p.shader.scratchWords && scratch) {
        entries.push({ binding: 1 + ins.length + outs.length, resource: { buffer: scratch } });
      }
      const bindGroup = this.device.createBindGroup({ layout: p.layout, entries });
      this.batch.dispatch(p.pipeline, bindGroup, x, y);
    }
    const generation = this.batch.generation;
    for (const b of ins) b.lastBatch = generation;
    for (const b of outs) b.lastBatch = generation;
  }

  /** Zeroed scratch memory for a routine's shaders, back in the pool once their batch is submitted. */
  private scratch(pipelines: readonly Pipeline[]): GPUBuffer | null {
    const words = Math.max(0, ...pipelines.map((p) => p.shader.scratchWords ?? 0));
    if (words === 0) return null;
    const { buffer } = this.pool.acquire(words * 4);
    this.batch.clear(buffer);
    this.batch.onSubmit(() => this.pool.release(buffer));
    return buffer;
  }

  synchronize(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.serial.enqueue(() => {
        this.batch.flush();
        this.device.queue.onSubmittedWorkDone().then(() => {
          try {
            this.errors.throwPending();
            resolve();
          } catch (e) {
            reject(e);
          }
        }, reject);
      });
    });
  }

  memory(): { buffers: number; bytes: number } {
    return { buffers: this.liveBuffers, bytes: this.liveBytes };
  }

  /** Releases the GPU memory the backend holds; destroys the device if the backend created it. */
  destroy(): void {
    this.batch.flush();
    this.pool.clear();
    if (this.gpu.owned) this.device.destroy();
  }
}
