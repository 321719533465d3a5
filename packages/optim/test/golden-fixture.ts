// Reading /work/shared/golden/optim.json (golden/README.md, "optim.json") and turning its optax
// specs into @jaxts/optim calls: fn names and keyword names camelCased, schedules built from their
// `{"schedule": ...}` specs. The numbers stay in the fixture; nothing here copies them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { camelCase, decodeValue, goldenDir, type Json, type JsonObject } from "@jaxts/test-util/golden";
import { type GradientTransformation, optim, type Schedule } from "../src/index.js";

export interface OptimizerCase {
  name: string;
  optimizer: JsonObject;
  params: Json;
  grads: Json[];
  params_after: Json[];
}

export interface ScheduleCase {
  fn: string;
  kwargs: JsonObject;
  steps: number[];
  values: Json;
}

export interface OptimFixture {
  optimizers: OptimizerCase[];
  schedules: ScheduleCase[];
  losses: JsonObject[];
}

export const fixture: OptimFixture = JSON.parse(readFileSync(join(goldenDir(), "optim.json"), "utf8"));

type Factory = (...args: unknown[]) => unknown;

function factory(fn: string): Factory {
  const f = (optim as unknown as Record<string, unknown>)[camelCase(fn)];
  if (typeof f !== "function") throw new Error(`@jaxts/optim has no ${camelCase(fn)} (optax.${fn})`);
  return f as Factory;
}

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A keyword value: a `{"schedule": spec}` becomes a schedule, anything else is decoded as is. */
function kwarg(v: Json): unknown {
  if (isObject(v) && isObject(v.schedule)) return buildSchedule(v.schedule);
  if (isObject(v) && !("dtype" in v)) {
    // boundaries_and_scales: keys are step numbers.
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decodeValue(x)]));
  }
  return decodeValue(v);
}

/** optax keywords as one camelCase options object. */
export function options(kwargs: JsonObject | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(kwargs ?? {}).map(([k, v]) => [camelCase(k), kwarg(v)]));
}

export function buildSchedule(spec: JsonObject): Schedule {
  return factory(String(spec.fn))(options(spec.kwargs as JsonObject)) as Schedule;
}

/** `{"fn": "adam", "kwargs": {...}}` or `{"fn": "chain", "args": [OPT, ...]}`. */
export function buildOptimizer(spec: JsonObject): GradientTransformation {
  if (spec.fn === "chain") {
    const parts = (spec.args as JsonObject[]).map(buildOptimizer);
    return optim.chain(...parts);
  }
  return factory(String(spec.fn))(options(spec.kwargs as JsonObject)) as GradientTransformation;
}
