/** Thrown once the GPU device is lost: every later operation of the backend fails with it. */
export class DeviceLostError extends Error {
  constructor(reason: string, message: string) {
    super(
      `webgpu backend: the GPU device was lost (${reason}${message ? `: ${message}` : ""}); ` +
        "its arrays are gone: recreate them (on another backend, or after initBackend on a new device)",
    );
    this.name = "DeviceLostError";
  }
}

/** Thrown when the GPU reports it ran out of memory. */
export class GpuOutOfMemoryError extends RangeError {
  constructor(message: string) {
    super(`webgpu backend: out of GPU memory (${message}); free arrays (dispose, scope) or use smaller ones`);
    this.name = "GpuOutOfMemoryError";
  }
}

/**
 * Errors the GPU reports asynchronously (validation, out-of-memory, shader compilation, device
 * loss) are kept here and thrown by the next read or synchronize, the points where a WebGPU
 * program learns what happened to the work it submitted.
 */
export class ErrorSink {
  private pending: Error[] = [];
  lost: DeviceLostError | null = null;

  constructor(device: GPUDevice) {
    device.addEventListener("uncapturederror", (event) => {
      this.record(toError((event as GPUUncapturedErrorEvent).error));
    });
    device.lost.then((info) => {
      // destroy() by the backend itself is not a loss anyone needs to hear about.
      if (info.reason !== "destroyed" || this.lost === null) {
        this.lost = new DeviceLostError(info.reason, info.message);
      }
    });
  }

  record(e: unknown): void {
    this.pending.push(e instanceof Error ? e : new Error(String(e)));
  }

  /** Throws if the device is lost. */
  checkAlive(): void {
    if (this.lost) throw this.lost;
  }

  /** Throws the device loss, or the first error recorded since the last call (clearing them). */
  throwPending(): void {
    this.checkAlive();
    if (this.pending.length === 0) return;
    const [first, ...rest] = this.pending;
    this.pending = [];
    if (rest.length > 0) first.message += ` (and ${rest.length} more GPU error${rest.length > 1 ? "s" : ""})`;
    throw first;
  }
}

export function toError(error: GPUError): Error {
  if (error.constructor.name === "GPUOutOfMemoryError") return new GpuOutOfMemoryError(error.message);
  return new Error(`webgpu backend: the GPU reported an error: ${error.message}`);
}
