// Opens a page and waits for it to publish `window.__result` (see page/publish.ts), recording the
// console and uncaught errors along the way so a failure in the page shows up in the test output.
import type {} from "./page/result-global.js";
import type { Browser, Page } from "playwright-core";

export interface PageRun<T> {
  readonly page: Page;
  readonly result: T;
  /** Console messages and page errors, in order, each prefixed with its kind. */
  readonly log: readonly string[];
  /** Milliseconds from navigation to the result. */
  readonly ms: number;
}

export async function runPage<T>(browser: Browser, url: string, timeoutMs = 120_000): Promise<PageRun<T>> {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  const log: string[] = [];
  page.on("console", (m) => log.push(`[${m.type()}] ${m.text()}`));
  page.on("pageerror", (e) => log.push(`[pageerror] ${e.stack ?? e.message}`));
  page.on("requestfailed", (r) => log.push(`[requestfailed] ${r.url()}: ${r.failure()?.errorText ?? ""}`));
  const start = performance.now();
  await page.goto(url);
  try {
    await page.waitForFunction(() => window.__result !== undefined, undefined, { timeout: timeoutMs });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new Error(`${url} published no result: ${reason}\npage log:\n${log.join("\n") || "(empty)"}`);
  }
  const result = (await page.evaluate(() => window.__result)) as T;
  return { page, result, log, ms: performance.now() - start };
}
