import { loadFile, saveFile } from "./files.js";
import { flatten, leaves, map, registerNode, structure, unflatten } from "./flatten.js";
import { load } from "./load.js";
import { save, saveAsync } from "./save.js";

export { PyTreeDef } from "./treedef.js";
export type { NodeType } from "./treedef.js";
export type { LoadOptions } from "./load.js";

/**
 * JAX's `jax.tree_util`, under its TypeScript names, plus saving and loading pytrees of arrays in
 * the safetensors format (`save`, `load`, `saveAsync`, `saveFile`, `loadFile`).
 */
export const tree = {
  flatten,
  unflatten,
  map,
  leaves,
  structure,
  registerNode,
  save,
  saveAsync,
  load,
  saveFile,
  loadFile,
};
