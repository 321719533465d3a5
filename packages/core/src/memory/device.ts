import { type Backend, getBackend } from "@jaxts/backend";
import { config } from "../config.js";

const PREFIX: Record<string, string> = { cpu: "CpuDevice", wasm: "WasmDevice", webgpu: "WebGPUDevice" };

/** A device, as JAX's `jax.devices()` lists them. Each backend exposes one. */
export class Device {
  constructor(
    readonly backend: Backend,
    readonly id = 0,
  ) {}
  get platform(): string {
    return this.backend.name;
  }
  toString(): string {
    return `${PREFIX[this.platform] ?? `Device[${this.platform}]`}(id=${this.id})`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

const byBackend = new WeakMap<Backend, Device>();

export function deviceOf(backend: Backend): Device {
  let d = byBackend.get(backend);
  if (!d) {
    d = new Device(backend);
    byBackend.set(backend, d);
  }
  return d;
}

/** The devices of `platform`, or of every available backend (highest priority first). */
export function devices(platform?: string): Device[] {
  if (platform !== undefined) return [deviceOf(getBackend(platform))];
  // As jax.devices(): the devices of the default platform (the highest-priority backend) only.
  return [deviceOf(getBackend())];
}

/** The backend new arrays go to: `jax_default_device` if set, else the highest-priority one. */
export function defaultBackend(): Backend {
  const name = config.read("jax_default_device");
  return getBackend(name ?? undefined);
}

/** Resolves a device argument (a Device, a platform name, or nothing for the default). */
export function resolveBackend(device?: Device | string | null): Backend {
  if (device === undefined || device === null) return defaultBackend();
  if (typeof device === "string") return getBackend(device);
  return device.backend;
}
