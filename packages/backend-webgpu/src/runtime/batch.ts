import { BufferUsage } from "../device/flags.js";

/**
 * Batched command submission: dispatches and copies are encoded into one command encoder (one
 * compute pass for consecutive dispatches) and submitted together when something needs their
 * results (a read, a write to a buffer they touch), or when `maxCommands` have piled up. Eager code
 * issues many tiny kernels; one submit per kernel would cost more than the kernels.
 */
export class CommandBatch {
  /** Counts submissions: commands encoded now belong to batch `generation`. */
  generation = 0;
  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private commands = 0;
  /** Per-dispatch uniform buffers, destroyed once their batch is submitted (WebGPU keeps them alive for it). */
  private transient: GPUBuffer[] = [];
  private afterSubmit: (() => void)[] = [];

  constructor(
    private readonly device: GPUDevice,
    private readonly maxCommands = 256,
  ) {}

  get pending(): boolean {
    return this.encoder !== null;
  }

  private getEncoder(): GPUCommandEncoder {
    if (!this.encoder) this.encoder = this.device.createCommandEncoder();
    return this.encoder;
  }

  private endPass(): void {
    if (this.pass) {
      this.pass.end();
      this.pass = null;
    }
  }

  private counted(): void {
    if (++this.commands >= this.maxCommands) this.flush();
  }

  dispatch(pipeline: GPUComputePipeline, bindGroup: GPUBindGroup, x: number, y: number): void {
    if (!this.pass) this.pass = this.getEncoder().beginComputePass();
    this.pass.setPipeline(pipeline);
    this.pass.setBindGroup(0, bindGroup);
    this.pass.dispatchWorkgroups(x, y);
    this.counted();
  }

  copy(src: GPUBuffer, srcOffset: number, dst: GPUBuffer, dstOffset: number, size: number): void {
    this.endPass();
    this.getEncoder().copyBufferToBuffer(src, srcOffset, dst, dstOffset, size);
    this.counted();
  }

  clear(buffer: GPUBuffer): void {
    this.endPass();
    this.getEncoder().clearBuffer(buffer);
    this.counted();
  }

  /** A uniform buffer holding `words`, alive until the batch is submitted. */
  uniform(words: Int32Array): GPUBuffer {
    const size = Math.max(16, Math.ceil(words.byteLength / 16) * 16);
    const buffer = this.device.createBuffer({
      size,
      usage: BufferUsage.UNIFORM,
      mappedAtCreation: true,
    });
    new Int32Array(buffer.getMappedRange()).set(words);
    buffer.unmap();
    this.transient.push(buffer);
    return buffer;
  }

  /** Runs `fn` once the commands encoded so far are submitted (now, if there are none). */
  onSubmit(fn: () => void): void {
    if (this.encoder) this.afterSubmit.push(fn);
    else fn();
  }

  /** Submits what has been encoded. */
  flush(): void {
    if (!this.encoder) return;
    this.endPass();
    const commands = this.encoder.finish();
    this.encoder = null;
    this.commands = 0;
    this.generation++;
    this.device.queue.submit([commands]);
    for (const b of this.transient) b.destroy();
    this.transient = [];
    const after = this.afterSubmit;
    this.afterSubmit = [];
    for (const fn of after) fn();
  }
}
