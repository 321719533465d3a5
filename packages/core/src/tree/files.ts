import { type LoadOptions, loadAs } from "./load.js";
import { saveAsyncAs } from "./save.js";

// node:fs is imported when these run, not when the module loads, so @jaxts/core stays usable in
// browsers (where only save/load on bytes make sense).

/** Saves a pytree to a safetensors file (Node.js). Works on every backend: reads are awaited. */
export async function saveFile(path: string, tree: unknown): Promise<void> {
  const bytes = await saveAsyncAs("tree.saveFile", tree);
  const fs = await import("node:fs/promises");
  await fs.writeFile(path, bytes);
}

/** Loads a pytree from a safetensors file (Node.js); `like` and `options` as for `tree.load`. */
export async function loadFile(path: string, like?: undefined, options?: LoadOptions): Promise<unknown>;
export async function loadFile<T>(path: string, like: T, options?: LoadOptions): Promise<T>;
export async function loadFile<T>(path: string, like?: T, options?: LoadOptions): Promise<T> {
  const fs = await import("node:fs/promises");
  const buf = await fs.readFile(path);
  return loadAs<T>(
    "tree.loadFile",
    new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength),
    like,
    options,
  );
}
