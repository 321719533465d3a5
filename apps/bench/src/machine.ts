// What the figures were measured on: they mean little without the machine and the versions.
import { readFileSync } from "node:fs";
import os from "node:os";

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly platform: string;
  readonly node: string;
  readonly date: string;
  readonly versions: Record<string, string>;
}

const LIBRARIES = [
  "jaxts",
  "@jaxts/backend-wasm",
  "@jaxts/backend-webgpu",
  "@jax-js/jax",
  "@tensorflow/tfjs",
  "@tensorflow/tfjs-core",
  "@tensorflow/tfjs-backend-wasm",
  "@tensorflow/tfjs-backend-cpu",
];

/**
 * A dependency's version from its package.json in this app's node_modules. Read by path because
 * several of these packages do not export `./package.json`. Both src/ and dist/ sit one level
 * below the app folder, so the same relative path works from the tests and from the build.
 */
function version(name: string): string {
  try {
    const url = new URL(`../node_modules/${name}/package.json`, import.meta.url);
    const pkg: { version?: unknown } = JSON.parse(readFileSync(url, "utf8"));
    return typeof pkg.version === "string" ? pkg.version : "?";
  } catch {
    return "not installed";
  }
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.arch()} (${os.release()})`,
    node: process.version,
    date: new Date().toISOString().slice(0, 10),
    versions: Object.fromEntries(LIBRARIES.map((name) => [name, version(name)])),
  };
}
