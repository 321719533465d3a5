// Runs every benchmark on every target found, prints the Markdown table and writes it to docs/.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { BENCHMARKS } from "./benchmarks/index.js";
import { parseOptions, USAGE } from "./cli.js";
import { clearInputs } from "./data.js";
import { type Failure, isFailure, type Measurement, measure, PLANS } from "./harness.js";
import { describeMachine } from "./machine.js";
import { fmt, type Row, renderMarkdown } from "./report.js";
import { discoverTargets } from "./targets/index.js";

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  const scale = options.quick ? "quick" : "full";
  const plan = PLANS[scale];
  const benchmarks = BENCHMARKS.filter((b) => options.only.length === 0 || options.only.includes(b.name));
  if (benchmarks.length === 0) throw new Error(`no benchmark named ${options.only.join(", ")}`);
  const { targets, unavailable } = await discoverTargets(options.targets);
  for (const u of unavailable) console.error(`${u.id}: not available (${u.reason})`);
  for (const t of targets) if (t.note) console.error(t.note);
  console.error(`targets: ${targets.map((t) => t.id).join(", ")}\n`);

  const cases: Row[] = [];
  const measurements: Measurement[] = [];
  const failures: Failure[] = [];
  // Two passes: deferred targets (a software GPU) after all the others, so their leftover CPU
  // work cannot land in another target's timings. Inputs are seeded, so both passes see the same.
  const passes = [targets.filter((t) => !t.deferred), targets.filter((t) => t.deferred)];
  for (const [pass, passTargets] of passes.entries()) {
    if (passTargets.length === 0) continue;
    for (const benchmark of benchmarks) {
      for (const c of benchmark.cases(scale)) {
        if (pass === 0) cases.push({ benchmark: c.benchmark, label: c.label, unit: c.unit, flops: c.flops });
        for (const target of passTargets) {
          if (!c.setup[target.family]) continue;
          const m = await measure(c, target, plan);
          if (isFailure(m)) {
            failures.push(m);
            console.error(`${c.label.padEnd(44)} ${target.id.padEnd(12)} error: ${m.error.split("\n")[0]}`);
            continue;
          }
          measurements.push(m);
          const unit = c.unit === "µs" ? "µs/op" : "ms";
          const leak = m.leaked ? `, ${m.leaked} arrays leaked` : "";
          console.error(
            `${c.label.padEnd(44)} ${target.id.padEnd(12)} ${fmt(m.median).padStart(8)} ${unit} (min ${fmt(m.min)}, ${m.reps} reps${leak})`,
          );
        }
      }
      // Drop this benchmark's inputs (up to 40 MB each) before the next one allocates its own.
      clearInputs();
    }
  }

  const markdown = renderMarkdown({
    machine: describeMachine(),
    plan,
    quick: options.quick,
    targets,
    unavailable,
    cases,
    measurements,
    failures,
    descriptions: benchmarks.map(({ name, description }) => ({ name, description })),
  });
  process.stdout.write(`\n${markdown}`);
  if (options.out) {
    mkdirSync(dirname(options.out), { recursive: true });
    writeFileSync(options.out, markdown);
    console.error(`\nwrote ${options.out}`);
  }
}

main().then(
  // Worker threads of the wasm backends would keep the process alive after the last figure.
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
