import { BufferUsage, MapMode } from "../device/flags.js";
import type { CommandBatch } from "../runtime/batch.js";

/**
 * Reads `byteLength` bytes of `src` back: a copy into a mappable staging buffer is encoded and the
 * batch submitted synchronously (so that commands issued after this call cannot overtake it), then
 * the staging buffer is mapped, which resolves once the GPU has finished the work before it.
 */
export function readBuffer(
  device: GPUDevice,
  batch: CommandBatch,
  src: GPUBuffer,
  byteLength: number,
): Promise<Uint8Array> {
  if (byteLength === 0) return Promise.resolve(new Uint8Array(0));
  const size = Math.ceil(byteLength / 4) * 4;
  const staging = device.createBuffer({ size, usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST });
  batch.copy(src, 0, staging, 0, size);
  batch.flush();
  return staging.mapAsync(MapMode.READ).then(
    () => {
      const bytes = new Uint8Array(staging.getMappedRange(0, size).slice(0, byteLength));
      staging.unmap();
      staging.destroy();
      return bytes;
    },
    (e: unknown) => {
      staging.destroy();
      throw e;
    },
  );
}
