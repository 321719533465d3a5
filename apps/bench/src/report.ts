// The results as Markdown: times, throughput, ratios against each peer, and how they were taken.
import type { Failure, Measurement, Plan } from "./harness.js";
import type { Machine } from "./machine.js";
import type { Case, Family } from "./types.js";

/** What the report needs of a case (not its inputs, which are freed as the run goes). */
export type Row = Pick<Case, "benchmark" | "label" | "unit" | "flops">;

export interface Results {
  readonly machine: Machine;
  readonly plan: Plan;
  readonly quick: boolean;
  /** Target ids in column order, the family of each, and what the notes should say about it. */
  readonly targets: readonly { id: string; family: Family; note?: string }[];
  readonly unavailable: readonly { id: string; reason: string }[];
  readonly cases: readonly Row[];
  readonly measurements: readonly Measurement[];
  readonly failures: readonly Failure[];
  readonly descriptions: readonly { name: string; description: string }[];
}

/** Three significant digits, without exponent notation for the sizes we see. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x.toPrecision(2);
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  const rule = header.map((_, i) => (i === 0 ? "---" : "---:"));
  return [line(header), line(rule), ...rows.map(line)].join("\n");
}

function lookup(r: Results) {
  const byKey = new Map<string, Measurement | Failure>();
  for (const m of [...r.measurements, ...r.failures]) byKey.set(`${m.case}\u0000${m.target}`, m);
  return (c: Row, target: string) => byKey.get(`${c.label}\u0000${target}`);
}

function timesTable(r: Results): string {
  const get = lookup(r);
  const rows = r.cases.map((c) => [
    c.label,
    c.unit === "µs" ? "µs/op" : "ms",
    ...r.targets.map((t) => {
      const m = get(c, t.id);
      if (!m) return "—";
      if ("error" in m) return "error";
      const leak = m.leaked ? ` ⚠${m.leaked}` : "";
      return `${fmt(m.median)} (${fmt(m.min)})${leak}`;
    }),
  ]);
  return table(["figure", "unit", ...r.targets.map((t) => t.id)], rows);
}

function gflopsTable(r: Results): string | null {
  const get = lookup(r);
  const cases = r.cases.filter((c) => c.flops !== undefined);
  if (cases.length === 0) return null;
  const rows = cases.map((c) => [
    c.label,
    ...r.targets.map((t) => {
      const m = get(c, t.id);
      return m && !("error" in m) && m.gflops !== undefined ? fmt(m.gflops) : "—";
    }),
  ]);
  return table(["figure", ...r.targets.map((t) => t.id)], rows);
}

function ratioTable(r: Results): string | null {
  const get = lookup(r);
  const ours = r.targets.filter((t) => t.family === "jaxts");
  const peers = r.targets.filter((t) => t.family !== "jaxts");
  const pairs = ours.flatMap((o) => peers.map((p) => [o.id, p.id] as const));
  if (pairs.length === 0) return null;
  const rows = r.cases.map((c) => [
    c.label,
    ...pairs.map(([o, p]) => {
      const a = get(c, o);
      const b = get(c, p);
      if (!a || !b || "error" in a || "error" in b) return "—";
      return `${fmt(a.median / b.median)}×`;
    }),
  ]);
  return table(["figure", ...pairs.map(([o, p]) => `${o} / ${p}`)], rows);
}

function machineSection({ machine: m }: Results): string {
  const versions = Object.entries(m.versions)
    .map(([name, v]) => `\`${name}\` ${v}`)
    .join(", ");
  return [
    `- CPU: ${m.cpu}, ${m.cores} logical cores, ${m.memoryGiB} GiB memory`,
    `- ${m.platform}, Node.js ${m.node}, measured ${m.date}`,
    `- Libraries: ${versions}`,
  ].join("\n");
}

function methodSection(r: Results): string {
  const p = r.plan;
  return [
    `Each cell is the median time of one run, with the fastest run in parentheses, over ${p.minReps} to ${p.maxReps} timed runs`,
    `after up to ${p.warmup} warm-up runs (reps stop once ${p.budgetMs / 1000} s of runs are in; cases where one run`,
    `takes seconds stop sooner). Time is \`performance.now()\` around a run that ends when its output is computed:`,
    "jaxts `blockUntilReady`, jax-js `blockUntilReady` (it is lazy), and for tfjs nothing more, since its cpu",
    "and wasm backends finish each kernel inside the call; outputs of ≤ 64 elements are read back in every library.",
    "Each run frees its outputs (jaxts `scope`/`dispose`, jax-js ownership, tfjs `tidy`/`dispose`); ⚠n marks a case that,",
    "after a garbage collection, left n arrays alive. Every library computes on the same inputs. The MLP step is jit'd in jaxts and",
    "jax-js; tfjs has no jit and runs its usual eager step (`tf.variableGrads` + SGD). The jit compile figure is a",
    "fresh jit'd step's first call less the fastest of the three calls after it; kernel caches below jit survive",
    "between its reps. Per-op overhead is the time of chains of 50 adds of 4-element arrays, each chain's last",
    "result read back, divided by the number of adds. Ratios are jaxts's median over the peer's: below 1 jaxts is faster.",
    "",
    "The machine is shared with other jobs, so figures are noisy; compare ratios within one run, not across runs.",
    r.quick ? "\nThis was a `--quick` run: sizes are smaller than the figures' names in the full run." : "",
  ].join("\n");
}

function notes(r: Results): string {
  const lines = [
    ...r.targets.flatMap((t) => (t.note ? [`- ${t.note}`] : [])),
    ...r.unavailable.map((u) => `- ${u.id} did not run: ${u.reason}`),
    ...r.failures.map((f) => `- ${f.target} failed on "${f.case}": ${f.error.split("\n")[0]}`),
  ];
  return lines.join("\n");
}

export function renderMarkdown(r: Results): string {
  const parts = ["# Benchmarks", "", "Generated by `apps/bench` (`npm run bench`).", ""];
  parts.push("## Machine", "", machineSection(r), "");
  parts.push("## Median time (fastest)", "", timesTable(r), "");
  const ratios = ratioTable(r);
  if (ratios) parts.push("## Ratios, jaxts / peer (median time; < 1× means jaxts is faster)", "", ratios, "");
  const gflops = gflopsTable(r);
  if (gflops) parts.push("## GFLOP/s at the median", "", gflops, "");
  parts.push("## Figures", "", ...r.descriptions.map((d) => `- **${d.name}**: ${d.description}`), "");
  parts.push("## Method", "", methodSection(r), "");
  const n = notes(r);
  if (n) parts.push("## Notes", "", n, "");
  return parts.join("\n");
}
