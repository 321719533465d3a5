// Keeps what a browser test saw: a screenshot and a JSON log under .artifacts/ (gitignored), with
// their paths printed so CI's output says where the evidence is and what it showed.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";

export const ARTIFACTS_DIR = fileURLToPath(new URL("../.artifacts", import.meta.url));

export interface Evidence {
  readonly screenshot: string;
  readonly log: string;
}

export async function saveEvidence(
  name: string,
  page: Page,
  record: Record<string, unknown>,
  dir = ARTIFACTS_DIR,
): Promise<Evidence> {
  await mkdir(dir, { recursive: true });
  const screenshot = join(dir, `${name}.png`);
  const log = join(dir, `${name}.json`);
  await page.screenshot({ path: screenshot, fullPage: true });
  await writeFile(log, `${JSON.stringify({ ...record, savedAt: new Date().toISOString() }, null, 2)}\n`);
  return { screenshot, log };
}
