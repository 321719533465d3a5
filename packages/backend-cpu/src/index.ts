import { registerBackend } from "@jaxts/backend";
import { createCpuBackend } from "./backend.js";

export { CpuExecutable, createCpuBackend } from "./backend.js";
export { loopSource } from "./codegen/loop.js";
export { compileStorageKernel, type StorageKernel } from "./storage-kernel.js";

registerBackend("cpu", createCpuBackend, { priority: 0 });
