import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import type { DocBlock } from "./extract.js";

/**
 * Blocks fenced ```` ```ts isolated ```` run in a child `node` process of their own instead of the
 * shared doc-test process. That is for examples that change process-wide state the other blocks
 * depend on: importing `@jaxts/backend-webgpu` and initialising it makes webgpu (priority 20) the
 * default device of every block that runs after it.
 *
 * The child runs the block transpiled to JavaScript (it was type-checked with the others) against
 * the packages' built `dist/`, as a user's program would; `turbo run test` builds them first
 * (`dependsOn: ["^build"]`). The shared process instead resolves the packages' sources.
 */

/** What an isolated block needs from the machine, probed once in a child process of its own. */
interface Requirement {
  /** Whether the block needs it: it imports this package. */
  readonly module: string;
  /** What is missing ("no ..."), for the skip note and the CI failure. */
  readonly what: string;
  /** A module printing "ok" when the requirement is met, else why not. */
  readonly probe: string;
}

const REQUIREMENTS: readonly Requirement[] = [
  {
    module: "@jaxts/backend-webgpu",
    what: "WebGPU adapter (on CI: Dawn's OpenGL backend on Mesa's llvmpipe)",
    probe: [
      'import { getBackend, initBackend } from "@jaxts/backend";',
      'import "@jaxts/backend-webgpu";',
      'if (await initBackend("webgpu")) console.log("ok");',
      "else {",
      '  try { getBackend("webgpu"); } catch (e) { console.log(e instanceof Error ? e.message : String(e)); }',
      "}",
    ].join("\n"),
  },
];

const importsModule = (block: DocBlock, module: string): boolean =>
  new RegExp(`["']${module.replace(/[/.-]/g, "\\$&")}["']`).test(block.code);

/**
 * Why a block that is not fenced `isolated` must be (it imports a module that changes the shared
 * process for later blocks), or null. Checked before the block runs, so it never pollutes them.
 */
export function isolationNeeded(block: DocBlock): string | null {
  if (block.isolated) return null;
  const req = REQUIREMENTS.find((r) => importsModule(block, r.module));
  return req
    ? `${block.file}:${block.line} imports ${req.module}; fence it \`\`\`ts isolated so it runs in its own process`
    : null;
}

/** The outcome of an isolated block: what it printed, or why it did not run. */
export type IsolatedOutcome = { readonly printed: string[][] } | { readonly skipped: string };

// Patches console.log before importing the block (so logs during its imports are captured, as in
// the shared runner), then writes the result to a file: stdout also carries native libraries'
// chatter (Dawn prints warnings). It exits explicitly, because a GPU device can keep the event
// loop alive after the block is done.
const CHILD = `
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { format } from "node:util";
const [module, result] = process.argv.slice(1);
const printed = [];
console.log = (...args) => { printed.push(format(...args).split("\\n")); };
let outcome;
try {
  await import(pathToFileURL(module).href);
  outcome = { printed };
} catch (e) {
  outcome = { printed, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}
writeFileSync(result, JSON.stringify(outcome));
process.exit(0);
`;

const CHILD_TIMEOUT_MS = 120_000;

/** Runs a JavaScript module in a fresh `node` and returns what it printed; throws what it threw. */
async function runInChild(modulePath: string): Promise<string[][]> {
  const resultPath = `${modulePath}.result.json`;
  rmSync(resultPath, { force: true });
  const { stderr, code } = await new Promise<{ stderr: string; code: number | null }>((resolve) => {
    execFile(
      process.execPath,
      ["--input-type=module", "-e", CHILD, modulePath, resultPath],
      { timeout: CHILD_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) =>
        resolve({ stderr, code: error ? (typeof error.code === "number" ? error.code : -1) : 0 }),
    );
  });
  let outcome: { printed: string[][]; error?: string };
  try {
    outcome = JSON.parse(readFileSync(resultPath, "utf8"));
  } catch {
    throw new Error(`the child process exited (code ${code}) without a result; its stderr:\n${stderr}`);
  }
  if (outcome.error !== undefined) {
    const hint = outcome.error.includes("ERR_MODULE_NOT_FOUND")
      ? "\n(isolated blocks import the packages' dist/: build them with `turbo run build --filter=@jaxts/doctest...`)"
      : "";
    throw new Error(`${outcome.error}${hint}`);
  }
  return outcome.printed;
}

const probes = new Map<Requirement, Promise<string | null>>();

/** Null when the requirement is met on this machine, else why not; probed once per run. */
function unmet(req: Requirement, outDir: string): Promise<string | null> {
  let result = probes.get(req);
  if (!result) {
    const path = join(outDir, `probe_${req.module.replace(/[^A-Za-z0-9]+/g, "_")}.mjs`);
    writeFileSync(path, `${req.probe}\n`);
    result = runInChild(path).then(
      (printed) =>
        printed.flat().join("\n") === "ok" ? null : `no ${req.what}: ${printed.flat().join(" ")}`,
      (error: unknown) => `no ${req.what}: ${error instanceof Error ? error.message : String(error)}`,
    );
    probes.set(req, result);
  }
  return result;
}

/**
 * Runs an isolated block (written as TypeScript at `path`) in a child process. Where the machine
 * lacks what the block needs, returns `skipped` with the reason; the caller decides whether that
 * is allowed (locally) or a failure (CI).
 */
export async function runIsolated(block: DocBlock, path: string, outDir: string): Promise<IsolatedOutcome> {
  for (const req of REQUIREMENTS) {
    if (!importsModule(block, req.module)) continue;
    const why = await unmet(req, outDir);
    if (why !== null) return { skipped: why };
  }
  const js = ts.transpileModule(readFileSync(path, "utf8"), {
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
    },
    fileName: path,
  });
  const jsPath = path.replace(/\.ts$/, ".mjs");
  writeFileSync(jsPath, js.outputText);
  return { printed: await runInChild(jsPath) };
}
