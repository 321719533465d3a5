import { AttributeError, ValueError } from "./errors.js";

/**
 * JAX's configuration options, under JAX's names. `config.update("jax_enable_x64", true)`.
 */
export interface ConfigOptions {
  /** Enables 64-bit dtypes (float64, complex128) as defaults. */
  jax_enable_x64: boolean;
  /** The backend that new arrays go to; null means the highest-priority available backend. */
  jax_default_device: string | null;
  /** The threefry key-derivation mode; true as in JAX >= 0.5, false reproduces JAX <= 0.4. */
  jax_threefry_partitionable: boolean;
  /** Evaluates jitted functions eagerly, op by op. */
  jax_disable_jit: boolean;
  /** Raises on NaN outputs of every primitive. */
  jax_debug_nans: boolean;
  /** Raises on inf outputs of every primitive. */
  jax_debug_infs: boolean;
  /** "allow", "warn" or "raise" for implicit rank promotion in broadcasting. */
  jax_numpy_rank_promotion: "allow" | "warn" | "raise";
  /** "standard" or "strict" type promotion. */
  jax_numpy_dtype_promotion: "standard" | "strict";
  /** Accepted for compatibility; matmuls always use the dtype's full precision here. */
  jax_default_matmul_precision: string | null;
  /** Logs every compiled kernel. */
  jax_log_compiles: boolean;
  /**
   * jaxts only: lets kernels contract a float32 multiply feeding an add into one fused
   * multiply-add, as XLA's CPU and GPU compilers do inside a fusion (jitted code, and primitives
   * that expand to several ops), so jitted results match JAX's bit for bit. False rounds every op,
   * which makes a jitted function bit-identical to its op-by-op evaluation.
   */
  jaxts_fma_contraction: boolean;
}

const defaults: ConfigOptions = {
  jax_enable_x64: false,
  jax_default_device: null,
  jax_threefry_partitionable: true,
  jax_disable_jit: false,
  jax_debug_nans: false,
  jax_debug_infs: false,
  jax_numpy_rank_promotion: "allow",
  jax_numpy_dtype_promotion: "standard",
  jax_default_matmul_precision: null,
  jax_log_compiles: false,
  jaxts_fma_contraction: true,
};

const values: ConfigOptions = { ...defaults };
const listeners = new Set<(name: keyof ConfigOptions) => void>();

const CHOICES: Partial<Record<keyof ConfigOptions, readonly string[]>> = {
  jax_numpy_rank_promotion: ["allow", "warn", "raise"],
  jax_numpy_dtype_promotion: ["standard", "strict"],
};

export const config = {
  update<K extends keyof ConfigOptions>(name: K, value: ConfigOptions[K]): void {
    if (!Object.hasOwn(defaults, name)) {
      throw new AttributeError(`Unrecognized config option: ${String(name)}`);
    }
    const expected = typeof defaults[name];
    const choices = CHOICES[name];
    if (choices) {
      if (!choices.includes(value as string)) {
        throw new ValueError(
          `${name} must be one of ${choices.map((c) => `'${c}'`).join(", ")}; got ${String(value)}`,
        );
      }
    } else if (expected === "boolean" && typeof value !== "boolean") {
      throw new TypeError(`${name} must be a boolean; got ${String(value)}`);
    }
    values[name] = value;
    for (const l of listeners) l(name);
  },
  read<K extends keyof ConfigOptions>(name: K): ConfigOptions[K] {
    return values[name];
  },
  /** Runs `fn` with options set, restoring them afterwards (JAX's config context managers). */
  with<T>(options: Partial<ConfigOptions>, fn: () => T): T {
    const saved: Partial<ConfigOptions> = {};
    for (const k of Object.keys(options) as (keyof ConfigOptions)[]) {
      (saved as Record<string, unknown>)[k] = values[k];
      config.update(k, options[k] as never);
    }
    try {
      return fn();
    } finally {
      for (const k of Object.keys(saved) as (keyof ConfigOptions)[]) config.update(k, saved[k] as never);
    }
  },
  /** Called with the option's name after every update (caches that depend on options listen). */
  onChange(listener: (name: keyof ConfigOptions) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get jax_enable_x64(): boolean {
    return values.jax_enable_x64;
  },
};
