// Printing values as JAX prints them. String(x) formats a jaxts array from its host copy, which
// webgpu arrays only have after `await x.data()` (their reads are asynchronous), so every array in
// a printed value is read first; on cpu and wasm that read is immediate.
import * as jaxts from "jaxts";

/** Every jaxts array inside `value` (nested JS arrays and plain objects), in order. */
function arraysIn(value: unknown, out: jaxts.Array[] = []): jaxts.Array[] {
  if (value instanceof jaxts.Array) out.push(value);
  else if (Array.isArray(value)) for (const v of value) arraysIn(v, out);
  else if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)
    for (const v of Object.values(value)) arraysIn(v, out);
  return out;
}

/** Reads every array in `value` to the host, so that formatValue can print it on any backend. */
export async function materialize(value: unknown): Promise<void> {
  const arrays = arraysIn(value);
  await jaxts.blockUntilReady(arrays);
  await Promise.all(arrays.map((a) => a.data()));
}

/** The text of one printed value: arrays as JAX's repr, containers like Python's, strings bare. */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof jaxts.Array) return String(value);
  if (Array.isArray(value)) return `[${value.map(formatNested).join(", ")}]`;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value).map(([k, v]) => `${k}: ${formatNested(v)}`);
    return `{${entries.join(", ")}}`;
  }
  return String(value);
}

/** Inside a container strings are quoted, as console.log shows them. */
const formatNested = (value: unknown): string =>
  typeof value === "string" ? JSON.stringify(value) : formatValue(value);

/** A console.log line: its arguments formatted and joined by spaces. */
export const formatLine = (args: readonly unknown[]): string => args.map(formatValue).join(" ");
