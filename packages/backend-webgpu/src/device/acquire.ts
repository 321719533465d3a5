/** How the backend finds its GPU. Every field is optional; tests and callers pass what they need. */
export interface WebGpuOptions {
  /** A device to use as is (the caller keeps ownership: the backend never destroys it). */
  readonly device?: GPUDevice;
  /** The `GPU` object to ask for an adapter; `navigator.gpu`, else Node's `webgpu` package. */
  readonly gpu?: GPU;
  /** Options of the first adapter request (power preference, feature level, ...). */
  readonly adapter?: GPURequestAdapterOptions;
  /** Dawn's instance options for Node's `webgpu` package, e.g. `["backend=vulkan"]`. */
  readonly dawnOptions?: readonly string[];
  /**
   * In Node, when the default request finds no adapter, try Dawn's OpenGL backend in compatibility
   * mode (Mesa's llvmpipe on machines without a GPU). Default true.
   */
  readonly openglFallback?: boolean;
}

export interface AcquiredGpu {
  /**
   * The GPU object the adapter came from. Held for the device's lifetime: Dawn in Node tears its
   * instance down when this object is garbage collected, which kills the device under it.
   */
  readonly instance: GPU | null;
  readonly adapter: GPUAdapter | null;
  readonly device: GPUDevice;
  /** Whether the backend created the device (and so may destroy it). */
  readonly owned: boolean;
  /** Where it came from, for error messages and `describe()`: "navigator.gpu", "webgpu (opengl)", ... */
  readonly source: string;
}

interface DawnModule {
  create(options: string[]): GPU;
}

const isNode = (): boolean =>
  typeof process !== "undefined" && typeof process.versions === "object" && !!process.versions.node;

/** Node's `webgpu` package (Dawn), if installed; it is an optional dependency. */
async function loadDawn(): Promise<DawnModule | null> {
  if (!isNode()) return null;
  try {
    // A variable specifier keeps bundlers for the browser from trying to resolve the package.
    const name = "webgpu";
    return (await import(/* @vite-ignore */ name)) as DawnModule;
  } catch {
    return null;
  }
}

/** The adapter limits worth raising above WebGPU's defaults, each to what the adapter offers. */
const WANTED_LIMITS = [
  "maxStorageBuffersPerShaderStage",
  "maxStorageBufferBindingSize",
  "maxBufferSize",
  "maxComputeWorkgroupStorageSize",
  "maxComputeInvocationsPerWorkgroup",
  "maxComputeWorkgroupSizeX",
  "maxComputeWorkgroupSizeY",
  "maxComputeWorkgroupsPerDimension",
] as const;

async function deviceFor(adapter: GPUAdapter): Promise<GPUDevice> {
  const requiredLimits: Record<string, number> = {};
  for (const name of WANTED_LIMITS) {
    const v = adapter.limits[name];
    if (typeof v === "number") requiredLimits[name] = v;
  }
  const requiredFeatures: GPUFeatureName[] = [];
  if (adapter.features.has("shader-f16")) requiredFeatures.push("shader-f16");
  return adapter.requestDevice({ requiredLimits, requiredFeatures });
}

async function fromGpu(gpu: GPU, request: GPURequestAdapterOptions | undefined): Promise<GPUAdapter | null> {
  const adapter = await gpu.requestAdapter(request);
  if (adapter) return adapter;
  // Devices that only implement compatibility mode (OpenGL ES, older D3D) answer only when asked for it.
  if (request?.featureLevel !== "compatibility") {
    return gpu.requestAdapter({ ...request, featureLevel: "compatibility" });
  }
  return null;
}

/**
 * Finds a WebGPU device: the caller's, else `navigator.gpu`'s, else (Node) the `webgpu` package's
 * default adapter, else its OpenGL backend in compatibility mode. Null when there is none.
 */
export async function acquireGpu(options: WebGpuOptions = {}): Promise<AcquiredGpu | null> {
  if (options.device)
    return { instance: null, adapter: null, device: options.device, owned: false, source: "caller" };
  const attempts: [string, () => Promise<GPU | null>, GPURequestAdapterOptions | undefined][] = [];
  if (options.gpu) attempts.push(["caller's GPU", async () => options.gpu!, options.adapter]);
  else {
    const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
    if (nav?.gpu) attempts.push(["navigator.gpu", async () => nav.gpu!, options.adapter]);
    attempts.push([
      "webgpu",
      async () => (await loadDawn())?.create([...(options.dawnOptions ?? [])]) ?? null,
      options.adapter,
    ]);
    if (options.openglFallback !== false && isNode()) {
      attempts.push([
        "webgpu (opengl)",
        async () => {
          // Mesa's EGL needs a platform without a display server; set only if the caller has not.
          process.env.EGL_PLATFORM ??= "surfaceless";
          return (await loadDawn())?.create(["backend=opengl"]) ?? null;
        },
        { ...options.adapter, featureLevel: "compatibility" },
      ]);
    }
  }
  for (const [source, getGpu, request] of attempts) {
    const gpu = await getGpu();
    if (!gpu) continue;
    const adapter = await fromGpu(gpu, request);
    if (!adapter) continue;
    return { instance: gpu, adapter, device: await deviceFor(adapter), owned: true, source };
  }
  return null;
}
