// Finding and launching the browser the tests drive: Debian's chromium, which finds SwiftShader's
// software WebGPU adapter with --enable-unsafe-webgpu (DESIGN.md section 8).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * WebGPU is behind a flag on Linux; the rest keeps chromium off the network (CI reaches only the
 * npm registry and apt) and out of the sandbox, which needs user namespaces containers often lack.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  "--enable-unsafe-webgpu",
  "--no-sandbox",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const ENSURE_SCRIPT = fileURLToPath(new URL("../../../scripts/ensure-chromium.sh", import.meta.url));

export type ChromiumStatus =
  | { readonly ok: true; readonly path: string; readonly output: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Runs scripts/ensure-chromium.sh, which installs Debian's chromium with apt-get when it is missing
 * (quick when present). Synchronous: tests call it once, before anything else can run.
 */
export function ensureChromium(): ChromiumStatus {
  const run = spawnSync("bash", [ENSURE_SCRIPT], {
    encoding: "utf8",
    env: { ...process.env, CHROMIUM_PATH },
    // apt-get on a slow mirror; the script's own lock wait is 5 minutes.
    timeout: 15 * 60_000,
  });
  const output = `${run.stdout ?? ""}${run.stderr ?? ""}`.trim();
  if (run.error) return { ok: false, reason: `${ENSURE_SCRIPT}: ${run.error.message}\n${output}` };
  if (run.status !== 0 || !existsSync(CHROMIUM_PATH)) {
    return { ok: false, reason: `${ENSURE_SCRIPT} exited with ${run.status}:\n${output}` };
  }
  return { ok: true, path: CHROMIUM_PATH, output };
}

/** Launches headless chromium with the flags above (plus the caller's). */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    timeout: 60_000,
  });
}
