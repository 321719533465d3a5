import { registerBackend } from "@jaxts/backend";
import { createWasmBackend } from "./backend.js";

export { createWasmBackend, type WasmBackend, WasmExecutable, type WasmBackendOptions } from "./backend.js";
export { defaultThreads, threadsSupported } from "./threads/pool.js";
export { compiledModuleCount, loweringStats } from "./module-cache.js";
export { type WasmFeatures, wasmFeatures } from "./wasm/features.js";

registerBackend("wasm", () => createWasmBackend(), { priority: 10 });
