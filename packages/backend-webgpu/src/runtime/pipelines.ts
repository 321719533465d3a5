import type { GeneratedShader } from "../codegen/shader.js";
import type { ErrorSink } from "./errors.js";

/** A compiled shader with the layout its bind groups must follow. */
export interface Pipeline {
  readonly shader: GeneratedShader;
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
}

/**
 * Compiles shaders into compute pipelines with explicit layouts (binding 0 the uniform block, then
 * read-only storage inputs, then read-write outputs): an automatic layout would drop the bindings
 * of inputs a kernel does not read, which then could not be bound. Compilation errors arrive
 * asynchronously through an error scope and are reported, with the WGSL, at the next read.
 */
export function createPipeline(device: GPUDevice, shader: GeneratedShader, errors: ErrorSink): Pipeline {
  const entries: GPUBindGroupLayoutEntry[] = [{ binding: 0, visibility: 0x4, buffer: { type: "uniform" } }];
  for (let k = 0; k < shader.inputs; k++) {
    entries.push({ binding: 1 + k, visibility: 0x4, buffer: { type: "read-only-storage" } });
  }
  for (let k = 0; k < shader.outputs; k++) {
    entries.push({ binding: 1 + shader.inputs + k, visibility: 0x4, buffer: { type: "storage" } });
  }
  if (shader.scratchWords) {
    entries.push({
      binding: 1 + shader.inputs + shader.outputs,
      visibility: 0x4,
      buffer: { type: "storage" },
    });
  }
  device.pushErrorScope("validation");
  const layout = device.createBindGroupLayout({ entries });
  const module = device.createShaderModule({ code: shader.code });
  const pipeline = device.createComputePipeline({
    layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
    compute: { module, entryPoint: "main" },
  });
  device.popErrorScope().then((error) => {
    if (error) {
      errors.record(
        new Error(
          `webgpu backend: internal error: generated WGSL does not compile: ${error.message}\n${shader.code}`,
        ),
      );
    }
  });
  return { shader, pipeline, layout };
}
