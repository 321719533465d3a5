// jaxts inside a dedicated Web Worker in chromium: the default wasm backend starts its worker
// threads from the worker (nested Web Workers over a shared memory) and waits for them by blocking
// in Atomics.wait, which a page's main thread may not do; results identical to one thread.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { WasmWorkerPageResult, WasmWorkerResult } from "../src/checks/wasm-worker-result.js";
import { bundlePage, PageSession, saveEvidence } from "../src/index.js";

const PAGE = (file: string): string => fileURLToPath(new URL(`../src/page/${file}`, import.meta.url));

const session = new PageSession();

beforeAll(
  () =>
    session.open(async () => ({
      "/index.html": await readFile(PAGE("wasm-worker.html"), "utf8"),
      "/main.js": await bundlePage(PAGE("wasm-worker.ts")),
      // The worker's script: a separate file, served with the same headers as the page (COEP
      // require-corp applies to worker scripts too).
      "/worker.js": await bundlePage(PAGE("wasm-worker-job.ts")),
    })),
  20 * 60_000,
);

afterAll(() => session.close());

/** Serves the page and its worker (with or without the isolation headers), runs it, keeps the evidence. */
async function workerPage(name: string, isolated: boolean, skip: (note?: string) => never) {
  const { run, browser } = await session.run<WasmWorkerPageResult>(isolated, skip);
  const evidence = await saveEvidence(name, run.page, {
    result: run.result,
    browserVersion: browser.version(),
    pageLog: run.log,
    pageMs: run.ms,
  });
  await run.page.close();
  const posted = run.result;
  const lines = [
    `${name}: ${posted.ok ? "PASS" : "FAIL"} (headers ${isolated ? "COOP+COEP" : "none"}); ` +
      `evidence ${evidence.screenshot}, ${evidence.log}`,
  ];
  if ("crossOriginIsolated" in posted) {
    const r = posted;
    lines.push(
      `  isolated:    page ${r.pageCrossOriginIsolated}, worker ${r.crossOriginIsolated} ` +
        `(dedicated worker scope: ${r.inDedicatedWorker}), SharedArrayBuffer ${r.sharedArrayBuffer}`,
      `  threads:     supported ${r.threadsSupported}, default ${r.defaultThreads} ` +
        `(hardwareConcurrency ${r.hardwareConcurrency}); backend ${r.defaultBackend} has ${r.threads}, ` +
        `reference ${r.referenceThreads}; worker may block: ${r.mayBlock}`,
      `  pool:        ${r.pool}, started workers ${r.startedWorkers}, iterations ${r.iterations}`,
      `  mlp:         ${JSON.stringify(r.mlp)}`,
      `  loss:        ${r.loss} (one thread ${r.lossOneThread})`,
      `  elementwise: ${JSON.stringify(r.elementwise)}`,
      `  time:        ${r.ms.toFixed(0)} ms in the worker`,
    );
  }
  if (posted.error) lines.push(`  error:       ${posted.error}`);
  if (run.log.length) lines.push("  page log:", ...run.log.map((l) => `    ${l}`));
  console.log(lines.join("\n"));
  expect(posted.error).toBeNull();
  return posted as WasmWorkerResult & { readonly pageCrossOriginIsolated: boolean };
}

/** Identical bytes to one thread on every iteration, and right (close to the cpu backend's). */
function expectRight(r: WasmWorkerResult): void {
  for (const c of [r.mlp, r.elementwise]) {
    expect(c.identical, c.computation).toBe(true);
    expect(c.bytes, c.computation).toBeGreaterThan(0);
    expect(c.closeToCpu, `${c.computation}: max |error| vs cpu ${c.maxAbsErrVsCpu}`).toBe(true);
  }
  expect(r.loss).toBe(r.lossOneThread);
  expect(Number.isFinite(r.loss)).toBe(true);
}

test("cross-origin isolated: in a dedicated Web Worker the wasm backend's threads block, compute pieces, match one thread", {
  timeout: 5 * 60_000,
}, async (ctx) => {
  const r = await workerPage("wasm-worker-isolated", true, ctx.skip);
  expect(r.pageCrossOriginIsolated).toBe(true);
  expect(r.inDedicatedWorker).toBe(true);
  // A dedicated worker of a cross-origin isolated page, its script served with COEP, is isolated.
  expect(r.crossOriginIsolated).toBe(true);
  expect(r.sharedArrayBuffer).toBe(true);
  expect(r.threadsSupported).toBe(true);
  // Unlike a page's main thread, a worker may Atomics.wait: the pool blocks rather than spins.
  expect(r.mayBlock).toBe(true);
  // The umbrella's default backend is wasm, on min(4, hardwareConcurrency) threads (2 on CI).
  expect(r.defaultBackend).toBe("wasm");
  expect(r.hardwareConcurrency).toBeGreaterThanOrEqual(2);
  expect(r.defaultThreads).toBe(Math.min(4, r.hardwareConcurrency));
  expect(r.threads).toBe(r.defaultThreads);
  expect(r.threads).toBeGreaterThanOrEqual(2);
  expect(r.referenceThreads).toBe(1);
  // The pool's workers are Web Workers started from the worker (nested), and all of them started.
  expect(r.pool).toBe(true);
  expect(r.startedWorkers).toBe(r.threads - 1);
  expectRight(r);
  // They computed pieces of both (the worker repeats, yielding in between, until they have started
  // and taken some, a bounded number of times).
  expect(r.mlp.piecesByWorkers, r.mlp.computation).toBeGreaterThan(0);
  expect(r.elementwise.piecesByWorkers, r.elementwise.computation).toBeGreaterThan(0);
  expect(r.ok).toBe(true);
});

test("not isolated: in a dedicated Web Worker the wasm backend runs on one thread, results still right", {
  timeout: 5 * 60_000,
}, async (ctx) => {
  const r = await workerPage("wasm-worker-not-isolated", false, ctx.skip);
  expect(r.pageCrossOriginIsolated).toBe(false);
  expect(r.inDedicatedWorker).toBe(true);
  expect(r.crossOriginIsolated).toBe(false);
  expect(r.threadsSupported).toBe(false);
  expect(r.defaultThreads).toBe(1);
  expect(r.defaultBackend).toBe("wasm");
  expect(r.threads).toBe(1);
  expect(r.pool).toBe(false);
  expect(r.mlp.piecesByWorkers + r.elementwise.piecesByWorkers).toBe(0);
  expectRight(r);
  expect(r.ok).toBe(true);
});
