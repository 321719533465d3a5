// The vocabulary shared by the harness, the targets and the benchmark modules.
import type { Plan } from "./harness.js";

/** The library a target belongs to; each benchmark implements its figure once per family. */
export type Family = "jaxts" | "jax-js" | "tfjs";

/** How big a run is: `full` for the published table, `quick` for a look, `tiny` for the smoke test. */
export type Scale = "full" | "quick" | "tiny";

/** One library on one backend (e.g. jaxts on wasm), as a column of the table. */
export interface Target {
  /** A stable key for the command line: `jaxts-cpu`, `tfjs-wasm`. */
  readonly id: string;
  readonly family: Family;
  readonly backend: string;
  /** Makes this backend the one the library's new arrays go to (each library keeps one global default). */
  activate(): Promise<void>;
  /** Live arrays (tensors) the library holds, for the leak check; undefined where it cannot say. */
  live(): number | undefined;
  /**
   * Caps on the run's plan for this target (each field: the smaller of the two), for a backend too
   * slow here for the full plan, e.g. WebGPU on a software adapter.
   */
  readonly plan?: Partial<Plan>;
  /** A sentence for the report's notes: what this column ran on and how far to trust its figures. */
  readonly note?: string;
  /**
   * Measured after every other target: its work keeps the CPU busy after its runs return (a
   * software GPU's rasterizer threads), which would slow whichever target came next.
   */
  readonly deferred?: boolean;
}

/** One figure prepared on one target: its inputs are allocated, its run is what is timed. */
export interface Instance {
  /**
   * One execution, finished (outputs computed and freed) when the promise settles. A number it
   * returns is the sample itself, in the case's unit (per-op µs, compile ms); otherwise the
   * harness uses the wall time of the call.
   */
  run(): Promise<number | undefined>;
  /** Computes the figure once more, untimed, and returns its output flattened (for the smoke test). */
  output(): Promise<Float32Array>;
  /** Frees what setup allocated. */
  dispose(): void;
}

/** One row of the table: a figure at one size, with an implementation per library family. */
export interface Case {
  /** The benchmark module it belongs to (what `--only` matches). */
  readonly benchmark: string;
  readonly label: string;
  /** The unit of a sample: wall milliseconds, or microseconds per op for the overhead figure. */
  readonly unit: "ms" | "µs";
  /** Floating-point operations per run, where GFLOP/s means something. */
  readonly flops?: number;
  /** Reps are capped for cases that are slow by nature (a compile per rep). */
  readonly maxReps?: number;
  /** Warm-up runs before timing; 0 where the first call is what is measured. */
  readonly warmup?: number;
  readonly setup: Partial<Record<Family, (target: Target) => Instance | Promise<Instance>>>;
}

/** A benchmark module: the cases it contributes at a scale. */
export interface Benchmark {
  readonly name: string;
  /** One sentence for the README and the report's notes. */
  readonly description: string;
  cases(scale: Scale): Case[];
}
