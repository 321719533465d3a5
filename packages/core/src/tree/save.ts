import { type DType, isContiguous, itemsize, realDType, sizeOf, type View } from "@jaxts/backend";
import { ValueError } from "../errors.js";
import { ConcreteArray } from "../memory/concrete-array.js";
import { Tracer } from "../tracer.js";
import { flatten } from "./flatten.js";
import {
  encodeSafetensors,
  FILE_DTYPE,
  fileShape,
  LITTLE_ENDIAN,
  type RawTensor,
  swapBytes,
} from "./safetensors.js";
import type { TreeNode } from "./treedef.js";

/**
 * Saving pytrees as safetensors.
 *
 * Names: each array is named by its key path, the segments joined with "." as flax's
 * `flatten_dict(sep=".")` and PyTorch state dicts do: object keys as they are, list indices and the
 * children of registered classes as numbers (`params.layers.0.w`, `optState.0.mu.w`); an array
 * that is the whole tree is named "". Two leaves whose paths join to the same name (a key holding
 * a ".") are an error rather than a silent overwrite.
 *
 * Structure: `__metadata__["jaxts.tree"]` holds the pytree's structure as JSON (below), so that
 * `tree.load(bytes)` rebuilds it. JS numbers, booleans and strings in the tree are kept there, as
 * JS values, not as tensors: they come back exactly as they went in (NaN, ±Infinity and -0
 * included), where a 0-d tensor would come back as an Array.
 */

/** Metadata keys that jaxts writes. */
export const TREE_KEY = "jaxts.tree";
export const VERSION_KEY = "jaxts.version";
export const FORMAT_VERSION = "1";

/** One node of the saved structure (JSON in `__metadata__["jaxts.tree"]`). */
export type SavedNode =
  | { readonly kind: "array"; readonly name: string; readonly dtype: DType; readonly weakType?: true }
  | { readonly kind: "number"; readonly value: number | "NaN" | "Infinity" | "-Infinity" | "-0" }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "null" }
  | { readonly kind: "undefined" }
  | { readonly kind: "list"; readonly children: readonly SavedNode[] }
  | { readonly kind: "dict"; readonly keys: readonly string[]; readonly children: readonly SavedNode[] }
  | {
      readonly kind: "custom";
      readonly type: string;
      readonly aux?: unknown;
      readonly children: readonly SavedNode[];
    };

/** The name of the leaf at `path`. */
export function pathName(path: readonly (string | number)[]): string {
  return path.join(".");
}

/** Calls `visit` with each leaf of a flattened tree and its key path, in leaf order. */
export function walkPaths(
  node: TreeNode,
  visit: (path: readonly (string | number)[]) => void,
  path: readonly (string | number)[] = [],
): void {
  switch (node.kind) {
    case "leaf":
      visit(path);
      return;
    case "none":
      return;
    case "dict":
      node.children.forEach((c, i) => walkPaths(c, visit, [...path, node.keys[i]]));
      return;
    case "list":
    case "custom":
      node.children.forEach((c, i) => walkPaths(c, visit, [...path, i]));
      return;
    default:
      node satisfies never;
  }
}

/** A JS number as JSON can hold it exactly. */
function encodeNumber(x: number): number | "NaN" | "Infinity" | "-Infinity" | "-0" {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (Object.is(x, -0)) return "-0";
  return x;
}

interface Collected {
  readonly structure: SavedNode;
  readonly arrays: readonly (readonly [string, ConcreteArray])[];
}

/** Checks every leaf and builds the saved structure, naming each array by its key path. */
function collect(tree: unknown, op: string): Collected {
  const [leaves, def] = flatten(tree);
  const arrays: [string, ConcreteArray][] = [];
  const names = new Set<string>();
  let next = 0;
  const claim = (path: readonly (string | number)[]): string => {
    const name = pathName(path);
    if (names.has(name)) {
      throw new ValueError(
        `${op}: two leaves are both named "${name}" (a key that contains "." is ambiguous); rename one`,
      );
    }
    names.add(name);
    return name;
  };
  const leaf = (x: unknown, path: readonly (string | number)[]): SavedNode => {
    if (x instanceof ConcreteArray) {
      x.checkAlive();
      const name = claim(path);
      if (name === "__metadata__") throw new ValueError(`${op}: "__metadata__" cannot name an array`);
      arrays.push([name, x]);
      return { kind: "array", name, dtype: x.dtype, ...(x.weakType ? { weakType: true as const } : {}) };
    }
    if (x instanceof Tracer) {
      throw new ValueError(
        `${op}: the leaf "${pathName(path)}" is a tracer (${x.aval.str()}); only concrete arrays can be ` +
          "saved, so save outside jit, grad and vmap",
      );
    }
    claim(path);
    if (typeof x === "number") return { kind: "number", value: encodeNumber(x) };
    if (typeof x === "boolean") return { kind: "boolean", value: x };
    if (typeof x === "string") return { kind: "string", value: x };
    const what =
      typeof x === "object"
        ? `an instance of ${x?.constructor?.name ?? "a null-prototype class"}`
        : `a ${typeof x}`;
    throw new TypeError(
      `${op}: cannot save the leaf "${pathName(path)}" (${what}); leaves must be arrays, numbers, ` +
        "booleans or strings (register classes with tree.registerNode)",
    );
  };
  const walk = (n: TreeNode, path: readonly (string | number)[]): SavedNode => {
    switch (n.kind) {
      case "leaf":
        return leaf(leaves[next++], path);
      case "none":
        return { kind: n.value === null ? "null" : "undefined" };
      case "list":
        return { kind: "list", children: n.children.map((c, i) => walk(c, [...path, i])) };
      case "dict":
        return {
          kind: "dict",
          keys: n.keys,
          children: n.children.map((c, i) => walk(c, [...path, n.keys[i]])),
        };
      case "custom": {
        let aux: unknown;
        try {
          // Aux data travels as JSON, which is also how PyTreeDef compares it.
          aux = n.aux === undefined ? undefined : JSON.parse(JSON.stringify(n.aux));
        } catch (e) {
          throw new TypeError(
            `${op}: the aux data of ${n.type.name} at "${pathName(path)}" is not JSON-serializable (${(e as Error).message})`,
          );
        }
        const children = n.children.map((c, i) => walk(c, [...path, i]));
        return { kind: "custom", type: n.type.name, ...(aux === undefined ? {} : { aux }), children };
      }
      default:
        return n satisfies never;
    }
  };
  return { structure: walk(def.node, []), arrays };
}

/**
 * The elements of `a`'s view, row-major and little-endian, from the bytes of its whole buffer.
 * Bytes are copied whole (never through JS numbers), so NaN payloads and -0 survive.
 */
function viewBytes(a: ConcreteArray, buffer: Uint8Array): Uint8Array {
  const width = itemsize(a.dtype);
  const view: View = a.view;
  const n = sizeOf(view.shape);
  let out: Uint8Array;
  if (isContiguous(view)) {
    out = buffer.slice(view.offset * width, (view.offset + n) * width);
  } else {
    out = new Uint8Array(n * width);
    const { shape, strides, offset, mask } = view;
    const idx = new Array<number>(shape.length).fill(0);
    for (let i = 0; i < n; i++) {
      let inside = true;
      let pos = offset;
      for (let d = 0; d < shape.length; d++) {
        pos += idx[d] * strides[d];
        if (mask && (idx[d] < mask[d][0] || idx[d] >= mask[d][1])) inside = false;
      }
      // Outside the mask a view reads as zero, which the fresh buffer already is.
      if (inside) out.set(buffer.subarray(pos * width, (pos + 1) * width), i * width);
      for (let d = shape.length - 1; d >= 0; d--) {
        if (++idx[d] < shape[d]) break;
        idx[d] = 0;
      }
    }
  }
  return LITTLE_ENDIAN ? out : swapBytes(out, itemsize(realDType(a.dtype)));
}

function rawTensor(a: ConcreteArray, buffer: Uint8Array): RawTensor {
  return { dtype: FILE_DTYPE[a.dtype], shape: fileShape(a.dtype, a.shape), bytes: viewBytes(a, buffer) };
}

function encode(c: Collected, buffers: readonly Uint8Array[]): Uint8Array {
  const tensors = c.arrays.map(([name, a], i) => [name, rawTensor(a, buffers[i])] as const);
  const metadata = { [VERSION_KEY]: FORMAT_VERSION, [TREE_KEY]: JSON.stringify(c.structure) };
  return encodeSafetensors(tensors, metadata);
}

/**
 * Serializes a pytree of arrays to safetensors bytes (see the top of this file for the naming
 * scheme). Reads device memory synchronously; on a backend that cannot (WebGPU), use `saveAsync`.
 */
export function save(tree: unknown): Uint8Array {
  const c = collect(tree, "tree.save");
  const buffers = c.arrays.map(([name, a]) => {
    const backend = a.backend;
    if (!backend.readSync) {
      throw new Error(
        `tree.save: the ${backend.name} backend cannot read "${name}" synchronously; ` +
          "use `await tree.saveAsync(tree)` or `await tree.saveFile(path, tree)` instead",
      );
    }
    return backend.readSync(a.handle.buffer);
  });
  return encode(c, buffers);
}

/** `save`, reading device memory asynchronously: works on every backend. */
export function saveAsync(tree: unknown): Promise<Uint8Array> {
  return saveAsyncAs("tree.saveAsync", tree);
}

/** `saveAsync`, with errors naming `op`. */
export async function saveAsyncAs(op: string, tree: unknown): Promise<Uint8Array> {
  const c = collect(tree, op);
  const buffers = await Promise.all(c.arrays.map(([, a]) => a.backend.read(a.handle.buffer)));
  // An array disposed while we awaited has lost its buffer: fail rather than save freed memory.
  for (const [, a] of c.arrays) a.checkAlive();
  return encode(c, buffers);
}
