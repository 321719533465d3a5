// Timing one case on one target: warm-up runs, then repetitions until enough samples or the time
// budget is spent, reduced to median and min. Everything a case allocates is freed before the
// next one starts, and the library's live-array count is compared before and after.
import { collectGarbage } from "./gc.js";
import type { Case, Scale, Target } from "./types.js";

export interface Plan {
  /** Warm-up runs (JIT warm-up in V8, kernel compilation and caches in the libraries). */
  readonly warmup: number;
  readonly minReps: number;
  readonly maxReps: number;
  /** Stop adding reps past this many ms of timed work once minReps are in. */
  readonly budgetMs: number;
  /** Stop after this many ms even before minReps, for cases where one run takes seconds. */
  readonly hardCapMs: number;
}

export const PLANS: Record<Scale, Plan> = {
  full: { warmup: 2, minReps: 5, maxReps: 30, budgetMs: 2000, hardCapMs: 6000 },
  quick: { warmup: 1, minReps: 2, maxReps: 3, budgetMs: 300, hardCapMs: 1000 },
  tiny: { warmup: 0, minReps: 1, maxReps: 1, budgetMs: 0, hardCapMs: 0 },
};

/** `plan` with each field of `cap` that is smaller put in its place. */
export function capPlan(plan: Plan, cap: Partial<Plan> = {}): Plan {
  const min = (k: keyof Plan) => Math.min(plan[k], cap[k] ?? plan[k]);
  return {
    warmup: min("warmup"),
    minReps: min("minReps"),
    maxReps: min("maxReps"),
    budgetMs: min("budgetMs"),
    hardCapMs: min("hardCapMs"),
  };
}

export interface Measurement {
  readonly target: string;
  readonly case: string;
  readonly unit: Case["unit"];
  readonly median: number;
  readonly min: number;
  readonly reps: number;
  /** GFLOP/s at the median, where the case counts its flops. */
  readonly gflops?: number;
  /**
   * Arrays the library still held after the case was disposed and garbage collected (a leak),
   * where it can say.
   */
  readonly leaked?: number;
}

export interface Failure {
  readonly target: string;
  readonly case: string;
  readonly error: string;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Sets the case up, warms it, times it and frees it; returns the samples. */
async function sample(c: Case, target: Target, plan: Plan): Promise<number[]> {
  const samples: number[] = [];
  const instance = await c.setup[target.family]!(target);
  try {
    // Warm-up stops early once it has taken the budget: a second 7 s warm-up teaches nothing.
    const warmup = c.warmup ?? plan.warmup;
    const warmStart = performance.now();
    for (let i = 0; i < warmup && (i === 0 || performance.now() - warmStart < plan.budgetMs); i++) {
      await instance.run();
    }
    const maxReps = Math.min(plan.maxReps, c.maxReps ?? plan.maxReps);
    let spent = 0;
    while (samples.length < maxReps) {
      if (samples.length >= plan.minReps && spent >= plan.budgetMs) break;
      if (samples.length >= 1 && spent >= plan.hardCapMs) break;
      const start = performance.now();
      const value = await instance.run();
      const wall = performance.now() - start;
      spent += wall;
      samples.push(value ?? wall);
    }
  } finally {
    instance.dispose();
  }
  return samples;
}

/** Runs one case on one target according to `plan` (capped by the target's own caps). */
export async function measure(c: Case, target: Target, runPlan: Plan): Promise<Measurement | Failure> {
  if (!c.setup[target.family]) throw new Error(`${c.label} has no ${target.family} implementation`);
  const plan = capPlan(runPlan, target.plan);
  await target.activate();
  await collectGarbage();
  const liveBefore = target.live();
  let samples: number[];
  try {
    // The instance lives only inside sample(), so that once it returns nothing holds the case's
    // arrays (a jit cache's constants included) and the collection below can free them.
    samples = await sample(c, target, plan);
  } catch (e) {
    return { target: target.id, case: c.label, error: e instanceof Error ? e.message : String(e) };
  }
  await collectGarbage();
  const liveAfter = target.live();
  const mid = median(samples);
  return {
    target: target.id,
    case: c.label,
    unit: c.unit,
    median: mid,
    min: Math.min(...samples),
    reps: samples.length,
    gflops: c.flops === undefined ? undefined : c.flops / (mid * 1e6),
    leaked: liveBefore === undefined || liveAfter === undefined ? undefined : liveAfter - liveBefore,
  };
}

export function isFailure(m: Measurement | Failure): m is Failure {
  return "error" in m;
}
