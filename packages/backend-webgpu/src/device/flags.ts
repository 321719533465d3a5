// The WebGPU flag values, fixed by the specification. Node's `webgpu` package does not install
// `GPUBufferUsage` and `GPUMapMode` as globals (its `globals` export would have to be copied onto
// globalThis), so the backend spells them out instead of touching the global scope.

export const BufferUsage = {
  MAP_READ: 0x0001,
  MAP_WRITE: 0x0002,
  COPY_SRC: 0x0004,
  COPY_DST: 0x0008,
  UNIFORM: 0x0040,
  STORAGE: 0x0080,
} as const;

export const MapMode = { READ: 0x0001, WRITE: 0x0002 } as const;
