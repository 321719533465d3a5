// One chromium and one page's bundled files, shared by the cases of a test file: started in its
// beforeAll, then each case serves the files (cross-origin isolated or not) and runs the page.
import type { Browser } from "playwright-core";
import { ensureChromium, launchChromium } from "./chromium.js";
import { type PageRun, runPage } from "./run-page.js";
import { type StaticServer, serveStatic } from "./server.js";
import { unavailable } from "./unavailable.js";

export class PageSession {
  private browserInstance: Browser | undefined;
  private files: Record<string, string | Uint8Array> | undefined;
  private problem: string | null = null;
  private readonly servers: StaticServer[] = [];

  /** Installs chromium where missing (minutes on a clean machine), bundles the page, launches. */
  async open(files: () => Promise<Record<string, string | Uint8Array>>): Promise<void> {
    const chromium = ensureChromium();
    if (!chromium.ok) {
      this.problem = `chromium is not available: ${chromium.reason}`;
      return;
    }
    this.files = await files();
    try {
      this.browserInstance = await launchChromium();
    } catch (e) {
      this.problem = `chromium did not launch: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /**
   * Serves the files, with the cross-origin isolation headers or without, and runs the page.
   * Without chromium the case skips, or fails under CI (`unavailable`).
   */
  async run<T>(
    isolated: boolean,
    skip: (note?: string) => never,
  ): Promise<{ run: PageRun<T>; browser: Browser }> {
    const browser = this.browserInstance;
    if (this.problem !== null || !browser || !this.files) unavailable(this.problem ?? "no chromium", skip);
    const server = await serveStatic({ files: this.files, crossOriginIsolated: isolated });
    this.servers.push(server);
    return { run: await runPage<T>(browser, server.url), browser };
  }

  async close(): Promise<void> {
    await this.browserInstance?.close();
    await Promise.all(this.servers.map((s) => s.close()));
  }
}
