// The command line: `node dist/main.js [--quick] [--only matmul,mlp] [--targets ids] [--out file]`.
import { parseArgs } from "node:util";
import { ALL_TARGETS, DEFAULT_TARGETS } from "./targets/index.js";

export interface Options {
  readonly quick: boolean;
  /** Benchmark names to run (all when empty). */
  readonly only: readonly string[];
  readonly targets: readonly string[];
  /** Where the Markdown goes; null: stdout only. */
  readonly out: string | null;
  readonly help: boolean;
}

export const USAGE = `Usage: node apps/bench/dist/main.js [options]

  --quick            fewer reps and smaller sizes (a look, not figures to publish)
  --only <names>     comma-separated benchmarks: matmul, elementwise, mlp, overhead
  --targets <ids>    comma-separated targets (default ${DEFAULT_TARGETS.join(",")};
                     also: ${ALL_TARGETS.filter((t) => !DEFAULT_TARGETS.includes(t)).join(",")})
  --out <file>       write the Markdown table there (default: docs/benchmarks.md for a full run
                     of every benchmark; a --quick or --only run writes nothing unless told)
  --help             this text
`;

const list = (s: string | undefined) =>
  s
    ?.split(",")
    .map((x) => x.trim())
    .filter(Boolean) ?? [];

/** The repository's docs/benchmarks.md: dist/main.js sits in apps/bench/dist. */
export const DEFAULT_OUT = new URL("../../../docs/benchmarks.md", import.meta.url);

export function parseOptions(argv: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: "boolean", default: false },
      only: { type: "string" },
      targets: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  const only = list(values.only);
  const partial = values.quick || only.length > 0;
  const targets = list(values.targets);
  const unknown = targets.filter((t) => !ALL_TARGETS.includes(t));
  if (unknown.length > 0)
    throw new Error(`unknown target(s) ${unknown.join(", ")}; known: ${ALL_TARGETS.join(", ")}`);
  return {
    quick: values.quick ?? false,
    only,
    targets: targets.length > 0 ? targets : DEFAULT_TARGETS,
    out: values.out ?? (partial ? null : DEFAULT_OUT.pathname),
    help: values.help ?? false,
  };
}
