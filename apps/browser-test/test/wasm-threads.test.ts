// The wasm backend's worker threads in chromium: Web Workers over a shared memory on a
// cross-origin isolated page, one thread on a page that is not; results identical either way.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { WasmThreadsResult } from "../src/checks/wasm-threads-result.js";
import { bundlePage, PageSession, saveEvidence } from "../src/index.js";

const PAGE = (file: string): string => fileURLToPath(new URL(`../src/page/${file}`, import.meta.url));

const session = new PageSession();

beforeAll(
  () =>
    session.open(async () => ({
      "/index.html": await readFile(PAGE("wasm-threads.html"), "utf8"),
      "/main.js": await bundlePage(PAGE("wasm-threads.ts")),
    })),
  20 * 60_000,
);

afterAll(() => session.close());

/** Serves the page (with or without the isolation headers), runs it and keeps the evidence. */
async function threadsPage(name: string, isolated: boolean, skip: (note?: string) => never) {
  const { run, browser } = await session.run<WasmThreadsResult>(isolated, skip);
  const evidence = await saveEvidence(name, run.page, {
    result: run.result,
    browserVersion: browser.version(),
    pageLog: run.log,
    pageMs: run.ms,
  });
  const r = run.result;
  console.log(
    [
      `${name}: ${r.ok ? "PASS" : "FAIL"} (headers ${isolated ? "COOP+COEP" : "none"})`,
      `  isolated:   crossOriginIsolated ${r.crossOriginIsolated}, SharedArrayBuffer ${r.sharedArrayBuffer}`,
      `  threads:    supported ${r.threadsSupported}, default ${r.defaultThreads} ` +
        `(hardwareConcurrency ${r.hardwareConcurrency}), compared 1 with ${r.threads}, ` +
        `main thread may block: ${r.mayBlock}`,
      `  workers:    pool ${r.pool}, started ${r.startedWorkers}, iterations ${r.iterations}`,
      `  matmul:     ${JSON.stringify(r.matmul)}`,
      `  elementwise: ${JSON.stringify(r.elementwise)}`,
      `  time:       ${r.ms?.toFixed(0)} ms in the page; screenshot ${evidence.screenshot}`,
      ...(r.error ? [`  error:      ${r.error}`] : []),
      ...(run.log.length ? ["  page log:", ...run.log.map((l) => `    ${l}`)] : []),
    ].join("\n"),
  );
  await run.page.close();
  return r;
}

test("cross-origin isolated: Web Workers compute pieces, results identical to one thread", {
  timeout: 5 * 60_000,
}, async (ctx) => {
  const r = await threadsPage("wasm-threads-isolated", true, ctx.skip);
  expect(r.error).toBeNull();
  expect(r.crossOriginIsolated).toBe(true);
  expect(r.sharedArrayBuffer).toBe(true);
  expect(r.threadsSupported).toBe(true);
  // min(4, hardwareConcurrency); chromium on the 2-core CI machine reports 2.
  expect(r.hardwareConcurrency).toBeGreaterThanOrEqual(2);
  expect(r.defaultThreads).toBe(Math.min(4, r.hardwareConcurrency));
  // The page's main thread may not block, so the pool spins there while the workers finish.
  expect(r.mayBlock).toBe(false);
  expect(r.pool).toBe(true);
  expect(r.startedWorkers).toBe(r.threads - 1);
  for (const k of [r.matmul, r.elementwise]) {
    expect(k.identical, k.kernel).toBe(true);
    expect(k.exact, k.kernel).toBe(true);
  }
  // The page repeats (yielding in between) until the workers have started, received the modules
  // and claimed pieces of both kernels, or gives up after a bounded number of iterations.
  expect(r.matmul.piecesByWorkers).toBeGreaterThan(0);
  expect(r.elementwise.piecesByWorkers).toBeGreaterThan(0);
  expect(r.ok).toBe(true);
});

test("not isolated: one thread by default, no workers, results still right", {
  timeout: 5 * 60_000,
}, async (ctx) => {
  const r = await threadsPage("wasm-threads-not-isolated", false, ctx.skip);
  expect(r.error).toBeNull();
  expect(r.crossOriginIsolated).toBe(false);
  expect(r.threadsSupported).toBe(false);
  expect(r.defaultThreads).toBe(1);
  // Asked for two threads, the backend has no shared memory here and runs on one.
  expect(r.pool).toBe(false);
  expect(r.matmul.piecesByWorkers + r.elementwise.piecesByWorkers).toBe(0);
  for (const k of [r.matmul, r.elementwise]) {
    expect(k.identical, k.kernel).toBe(true);
    expect(k.exact, k.kernel).toBe(true);
  }
  expect(r.ok).toBe(true);
});
