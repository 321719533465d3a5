// The playground's end-to-end test: Debian's chromium (playwright-core) opens the built playground,
// and for each of webgpu (SwiftShader without a GPU) and wasm selects the backend, runs the grad
// example and checks its printed output exactly, trains the MNIST MLP for a few hundred steps and
// checks that the loss falls and the test accuracy is good, and saves a screenshot.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  ensureChromium,
  launchChromium,
  type StaticServer,
  saveEvidence,
  serveStatic,
  unavailable,
} from "@jaxts/browser-test";
import type { Browser, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, expect, test } from "vitest";
import type { PlaygroundState } from "../src/state.js";

const APP = fileURLToPath(new URL("..", import.meta.url));
const DIST = fileURLToPath(new URL("../dist", import.meta.url));
const ARTIFACTS = fileURLToPath(new URL("../.artifacts", import.meta.url));

// The grad example (src/examples.ts) prints values that are exact in float32 on every backend:
// d/dx Σx³ = 3x² at [1, 2, 3], Σx³ = 36, and d³/dt³ t⁴ = 24t at t = 2.
const GRAD_OUTPUT = [
  "Array([ 3., 12., 27.], dtype=float32)",
  "Array(36., dtype=float32) Array([ 3., 12., 27.], dtype=float32)",
  "Array(48., dtype=float32)",
].join("\n");

// 300 Adam steps of batch 64 (about 2.4 epochs of the 8,000 training digits): the mean loss falls
// from about 2.3 to about 0.3, and the held-out accuracy is about 90%. The thresholds leave room.
const STEPS = 300;
const BATCH = 64;
const MIN_ACCURACY = 0.85;

let browser: Browser | undefined;
let server: StaticServer | undefined;
let opening: Promise<string> | undefined;

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Builds the app unless turbo's build (a dependency of this task) already did, then serves it. */
async function start(skip: (note?: string) => never): Promise<string> {
  const chromium = ensureChromium();
  if (!chromium.ok) unavailable(`chromium is not available: ${chromium.reason}`, skip);
  if (!existsSync(`${DIST}/index.html`) || !existsSync(`${DIST}/digits.bin`)) {
    await build({ configFile: `${APP}/vite.config.ts`, logLevel: "warn" });
  }
  // Served as vite.config.ts serves it: cross-origin isolated, so wasm runs on worker threads.
  server = await serveStatic({ root: DIST, crossOriginIsolated: true });
  try {
    browser = await launchChromium();
  } catch (e) {
    unavailable(`chromium did not launch: ${e instanceof Error ? e.message : String(e)}`, skip);
  }
  return server.url;
}

const stateOf = (page: Page): Promise<PlaygroundState> => page.evaluate(() => window.__playground);

async function openPlayground(skip: (note?: string) => never): Promise<{ page: Page; log: string[] }> {
  opening ??= start(skip);
  const url = await opening;
  if (!browser) return unavailable("chromium did not launch (see the first test)", skip);
  const page = await browser.newPage({ viewport: { width: 1000, height: 1300 } });
  const log: string[] = [];
  page.on("console", (m) => log.push(`[${m.type()}] ${m.text()}`));
  page.on("pageerror", (e) => log.push(`[pageerror] ${e.stack ?? e.message}`));
  await page.goto(url);
  try {
    await page.waitForFunction(() => window.__playground?.ready === true, undefined, { timeout: 60_000 });
  } catch (e) {
    throw new Error(`the playground did not start: ${String(e)}\npage log:\n${log.join("\n")}`);
  }
  return { page, log };
}

/** Clicks Run and returns the run once it has finished (the click sets the phase to "running"). */
async function runEditor(page: Page): Promise<PlaygroundState["run"]> {
  await page.click("#run");
  await page.waitForFunction(() => window.__playground.run.phase !== "running", undefined, {
    timeout: 60_000,
  });
  return (await stateOf(page)).run;
}

for (const backend of ["webgpu", "wasm"] as const) {
  test(`the playground runs an example and trains on ${backend}`, { timeout: 15 * 60_000 }, async (ctx) => {
    const started = performance.now();
    const { page, log } = await openPlayground(ctx.skip);
    const status = (await stateOf(page)).backends.find((b) => b.name === backend);
    if (!status?.available) {
      await page.close();
      unavailable(`${backend} is not available in chromium: ${status?.detail ?? "not probed"}`, ctx.skip);
    }
    await page.check(`input[name="backend"][value="${backend}"]`);
    expect((await stateOf(page)).backend).toBe(backend);
    // chromium reports the machine's cores (2 in CI), so wasm starts Web Workers on the isolated page.
    if (backend === "wasm") expect(status.detail).toMatch(/^[2-9] threads/);

    // Every example in the dropdown runs to the end on this backend (their outputs are in the log;
    // only the grad example's is checked exactly, as the others print transcendentals, whose last
    // digit may differ between backends).
    const examples: Record<string, PlaygroundState["run"]> = {};
    for (const id of await page.$$eval("#example option", (os) =>
      os.map((o) => (o as HTMLOptionElement).value),
    )) {
      await page.selectOption("#example", id);
      examples[id] = await runEditor(page);
    }

    // An error in the code is shown in the output, after what was printed before it.
    await page.fill("#editor", "print(np.arange(3));\nprint(np.ones([2]).reshape(3));\n");
    const failed = await runEditor(page);

    // The grad example last, so the screenshot shows its output.
    await page.selectOption("#example", "grad");
    const run = await runEditor(page);

    await page.fill("#steps", String(STEPS));
    await page.fill("#batch", String(BATCH));
    await page.click("#train");
    await page.waitForFunction(() => window.__playground.train.phase !== "running", undefined, {
      timeout: 10 * 60_000,
      polling: 500,
    });
    const train = (await stateOf(page)).train;
    const first = train.losses[0];
    const last = train.losses.slice(-10).reduce((a, b) => a + b, 0) / Math.min(10, train.losses.length);

    const evidence = await saveEvidence(
      `playground-${backend}`,
      page,
      {
        backend,
        adapter: status.detail,
        run,
        examples,
        train,
        browserVersion: browser?.version(),
        pageLog: log,
      },
      ARTIFACTS,
    );
    console.log(
      [
        `playground e2e on ${backend} (${status.detail}):`,
        `  example "grad" (${run.phase}, ${run.ms.toFixed(0)} ms):`,
        ...run.output.split("\n").map((l) => `    ${l}`),
        ...Object.entries(examples).flatMap(([id, r]) => [
          `  example "${id}" (${r.phase}, ${r.ms.toFixed(0)} ms):`,
          ...r.output.split("\n").map((l) => `    ${l}`),
        ]),
        `  an error (${failed.phase}):`,
        ...failed.output.split("\n").map((l) => `    ${l}`),
        `  training: ${train.phase}, ${train.losses.length} steps of batch ${BATCH} in ` +
          `${train.seconds.toFixed(1)} s on ${train.device}; loss ${first?.toFixed(4)} -> ` +
          `${last.toFixed(4)} (mean of the last 10); test accuracy ${train.testAccuracy}`,
        ...(train.error ? [`  training error: ${train.error}`] : []),
        `  test time: ${((performance.now() - started) / 1000).toFixed(1)} s`,
        `  screenshot: ${evidence.screenshot}`,
        `  log:        ${evidence.log}`,
        ...(log.length ? ["  page log:", ...log.map((l) => `    ${l}`)] : []),
      ].join("\n"),
    );
    await page.close();

    expect(run.phase).toBe("done");
    expect(run.device).toBe(backend);
    expect(run.output).toBe(GRAD_OUTPUT);
    for (const [id, r] of Object.entries(examples))
      expect({ id, phase: r.phase }).toEqual({ id, phase: "done" });
    expect(failed.phase).toBe("error");
    expect(failed.output.split("\n")[0]).toBe("Array([0, 1, 2], dtype=int32)");
    expect(failed.output.split("\n")).toHaveLength(2);
    expect(train.error).toBeNull();
    expect(train.phase).toBe("done");
    expect(train.device.toLowerCase()).toContain(backend);
    expect(train.losses).toHaveLength(STEPS);
    expect(train.losses.every(Number.isFinite)).toBe(true);
    expect(last).toBeLessThan(0.5 * first);
    expect(train.testAccuracy).toBeGreaterThan(MIN_ACCURACY);
  });
}
