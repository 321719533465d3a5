// The browser test: a jitted grad on WebGPU in Debian's chromium (SwiftShader), checked against cpu.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, expect, test } from "vitest";
import type { AdapterSummary, GradCheckResult } from "../src/checks/grad-result.js";
import { compare, ELEMENTWISE } from "../src/checks/tolerance.js";
import {
  bundlePage,
  ensureChromium,
  launchChromium,
  runPage,
  type StaticServer,
  saveEvidence,
  serveStatic,
  unavailable,
} from "../src/index.js";

const adapterLine = (a: AdapterSummary | null): string =>
  a
    ? `${[a.vendor, a.architecture, a.device, a.description].filter((s) => s).join(" / ")} (${a.source})`
    : "none";

const PAGE = (file: string): string => fileURLToPath(new URL(`../src/page/${file}`, import.meta.url));

let browser: Browser | undefined;
let server: StaticServer | undefined;

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// Installing chromium (apt-get on a clean CI machine) takes minutes; the page itself, seconds.
test("a jitted grad on WebGPU in chromium matches cpu", { timeout: 20 * 60_000 }, async (ctx) => {
  const started = performance.now();
  const chromium = ensureChromium();
  if (!chromium.ok) unavailable(`chromium is not available: ${chromium.reason}`, ctx.skip);
  console.log(chromium.output);

  server = await serveStatic({
    files: {
      "/index.html": await readFile(PAGE("index.html"), "utf8"),
      "/main.js": await bundlePage(PAGE("main.ts")),
    },
  });
  try {
    browser = await launchChromium();
  } catch (e) {
    unavailable(`chromium did not launch: ${e instanceof Error ? e.message : String(e)}`, ctx.skip);
  }

  const run = await runPage<GradCheckResult>(browser, server.url);
  const { result } = run;
  const evidence = await saveEvidence("grad-webgpu", run.page, {
    result,
    browserVersion: browser.version(),
    pageLog: run.log,
    pageMs: run.ms,
  });
  console.log(
    [
      `browser test: ${result.ok ? "PASS" : "FAIL"} ${result.fn}`,
      `  adapter:    ${adapterLine(result.adapter)}`,
      `  browser:    ${browser.version()} (${result.userAgent})`,
      `  webgpu:     ${JSON.stringify(result.webgpu)}`,
      `  cpu:        ${JSON.stringify(result.cpu)}`,
      `  max error:  abs ${result.comparison?.maxAbsErr} rel ${result.comparison?.maxRelErr} ` +
        `(tolerance: ${result.tolerance.tier}, rtol ${result.tolerance.rtol}, atol ${result.tolerance.atol})`,
      `  time:       page ${run.ms.toFixed(0)} ms, test ${(performance.now() - started).toFixed(0)} ms`,
      `  screenshot: ${evidence.screenshot}`,
      `  log:        ${evidence.log}`,
      ...(result.error ? [`  error:      ${result.error}`] : []),
      ...(run.log.length ? ["  page log:", ...run.log.map((l) => `    ${l}`)] : []),
    ].join("\n"),
  );

  expect(result.error).toBeNull();
  // The backend was found through the browser's navigator.gpu and is the default device.
  expect(result.adapter?.source).toBe("navigator.gpu");
  expect(result.adapter?.vendor).not.toBe("");
  expect(result.defaultBackend).toBe("webgpu");
  expect(result.webgpuPlatform).toBe("webgpu");
  // Re-checked here rather than trusting the page's verdict: float32 transcendentals within the
  // golden ELEMENTWISE tier (rtol 2e-6, atol 5e-7) of the cpu backend.
  expect(result.tolerance).toEqual(ELEMENTWISE);
  expect(result.webgpu).toHaveLength(result.x.length);
  expect(compare(result.webgpu!, result.cpu!, ELEMENTWISE)).toMatchObject({ close: true });
  // And cpu's gradient is the right one: w·(1 - tanh²(x·w)) in float64, to float32 accuracy.
  const exact = result.x.map((x, i) => result.w[i] * (1 - Math.tanh(x * result.w[i]) ** 2));
  expect(compare(result.cpu!, exact, ELEMENTWISE)).toMatchObject({ close: true });
  expect(result.ok).toBe(true);
});
