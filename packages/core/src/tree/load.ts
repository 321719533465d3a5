import {
  type Backend,
  type DType,
  isDType,
  itemsize,
  realDType,
  UnsupportedDTypeError,
} from "@jaxts/backend";
import { ShapedArray } from "../aval.js";
import { ValueError } from "../errors.js";
import { ShapeDtypeStruct } from "../make-jaxpr.js";
import { ConcreteArray } from "../memory/concrete-array.js";
import { type Device, resolveBackend } from "../memory/device.js";
import { Tracer } from "../tracer.js";
import { flatten, registeredNodes, unflatten } from "./flatten.js";
import { pathName, type SavedNode, TREE_KEY, walkPaths } from "./save.js";
import {
  decodeSafetensors,
  dtypeOfFile,
  FILE_DTYPE,
  fileShape,
  LITTLE_ENDIAN,
  type RawTensor,
  type SafetensorsContents,
  swapBytes,
} from "./safetensors.js";

export interface LoadOptions {
  /** Where the arrays go: a Device or platform name; the default device if omitted. */
  device?: Device | string | null;
}

/** What the file says about one array: from the saved structure when there is one, else its header. */
interface ArrayInfo {
  readonly dtype: DType;
  readonly weakType: boolean;
}

type SavedLeaf = Extract<SavedNode, { kind: "array" | "number" | "boolean" | "string" }>;

const shapeStr = (s: readonly number[]): string => `[${s.join(",")}]`;

/**
 * Reads a pytree saved by `tree.save` (or any safetensors file).
 *
 * Without `like`: a file that jaxts wrote comes back as the tree that was saved (objects, lists,
 * null/undefined, numbers, booleans, strings, registered classes found by class name); a file from
 * elsewhere comes back as a flat object from tensor name to Array.
 *
 * With `like`: the result has `like`'s structure. Each array leaf of `like` (an Array or a
 * `ShapeDtypeStruct`) takes the tensor named by its key path, which must have its shape and dtype;
 * each number, boolean or string leaf takes the saved value of that name. The file must hold
 * exactly those names: every difference is reported in one error.
 */
export function load(bytes: Uint8Array | ArrayBuffer, like?: undefined, options?: LoadOptions): unknown;
export function load<T>(bytes: Uint8Array | ArrayBuffer, like: T, options?: LoadOptions): T;
export function load<T>(bytes: Uint8Array | ArrayBuffer, like?: T, options?: LoadOptions): T {
  return loadAs("tree.load", bytes, like, options);
}

/** `load`, with errors naming `op`. */
export function loadAs<T>(
  op: string,
  bytes: Uint8Array | ArrayBuffer,
  like: T | undefined,
  options: LoadOptions = {},
): T {
  const contents = decodeSafetensors(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), op);
  const structure = readStructure(contents, op);
  const backend = resolveBackend(options.device);
  if (like !== undefined) return loadLike(contents, structure, like, backend, op);
  if (structure === undefined) {
    const flat: Record<string, unknown> = {};
    for (const [name, t] of contents.tensors) {
      flat[name] = toArray(name, t, fileInfo(name, t, op), backend, op);
    }
    return flat as T;
  }
  const used = new Set<string>();
  const build = (n: SavedNode): unknown => {
    switch (n.kind) {
      case "array": {
        const t = contents.tensors.get(n.name);
        if (!t)
          throw new ValueError(`${op}: the saved structure names a tensor "${n.name}" that the file lacks`);
        used.add(n.name);
        return toArray(n.name, t, { dtype: n.dtype, weakType: n.weakType === true }, backend, op);
      }
      case "number":
        return decodeNumber(n.value);
      case "boolean":
      case "string":
        return n.value;
      case "null":
        return null;
      case "undefined":
        return undefined;
      case "list":
        return n.children.map(build);
      case "dict": {
        const obj: Record<string, unknown> = {};
        n.keys.forEach((k, i) => {
          obj[k] = build(n.children[i]);
        });
        return obj;
      }
      case "custom": {
        const types = registeredNodes(n.type);
        if (types.length !== 1) {
          throw new ValueError(
            `${op}: the file holds a ${n.type} node, but ${types.length === 0 ? "no" : types.length} ` +
              `registered classes are named ${n.type}; register it with tree.registerNode, or pass \`like\``,
          );
        }
        return types[0].unflatten(n.aux, n.children.map(build));
      }
      default:
        return n satisfies never;
    }
  };
  const result = build(structure);
  const extra = [...contents.tensors.keys()].filter((k) => !used.has(k));
  if (extra.length > 0)
    throw new ValueError(`${op}: tensors not in the saved structure: ${extra.join(", ")}`);
  return result as T;
}

/** Unflattens the file onto `like`'s structure, checking names, shapes and dtypes. */
function loadLike<T>(
  contents: SafetensorsContents,
  structure: SavedNode | undefined,
  like: T,
  backend: Backend,
  op: string,
): T {
  const saved = structure === undefined ? undefined : savedLeaves(structure);
  const [likeLeaves, def] = flatten(like);
  const out: unknown[] = [];
  const problems: string[] = [];
  const used = new Set<string>();
  let i = 0;
  walkPaths(def.node, (path) => {
    const want = likeLeaves[i++];
    const name = pathName(path);
    const t = contents.tensors.get(name);
    const s = saved?.get(name);
    if (want instanceof Tracer || want instanceof ShapeDtypeStruct) {
      if (!t) {
        problems.push(
          s ? `"${name}": like has an array, the file a ${s.kind}` : `"${name}": missing from the file`,
        );
        return;
      }
      used.add(name);
      const savedDType = s?.kind === "array" ? s.dtype : undefined;
      const wantFile = `${FILE_DTYPE[want.dtype]}${shapeStr(fileShape(want.dtype, want.shape))}`;
      // Without a saved structure the file's dtype decides; F64[..., 2] may then be complex128.
      if (`${t.dtype}${shapeStr(t.shape)}` !== wantFile || (savedDType ?? want.dtype) !== want.dtype) {
        problems.push(
          `"${name}": the file has ${describe(t, savedDType)}, like has ${want.dtype}${shapeStr(want.shape)}`,
        );
        return;
      }
      const info = { dtype: want.dtype, weakType: s?.kind === "array" && s.weakType === true };
      out.push(toArray(name, t, info, backend, op));
      return;
    }
    if (s === undefined || s.kind === "array") {
      problems.push(
        t ? `"${name}": like has a ${typeof want}, the file an array` : `"${name}": missing from the file`,
      );
      if (t) used.add(name);
      return;
    }
    const value = s.kind === "number" ? decodeNumber(s.value) : s.value;
    if (typeof value !== typeof want) {
      problems.push(`"${name}": like has a ${typeof want}, the file a ${typeof value}`);
      return;
    }
    out.push(value);
  });
  for (const name of contents.tensors.keys()) {
    if (!used.has(name)) problems.push(`"${name}": in the file but not in like`);
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 20);
    if (problems.length > shown.length) shown.push(`... and ${problems.length - shown.length} more`);
    throw new ValueError(`${op}: the file does not match \`like\`:\n  ${shown.join("\n  ")}`);
  }
  return unflatten<T>(def, out);
}

/** The saved structure's leaves (arrays and static values) by name. */
function savedLeaves(root: SavedNode): Map<string, SavedLeaf> {
  const out = new Map<string, SavedLeaf>();
  const walk = (n: SavedNode, path: readonly (string | number)[]): void => {
    switch (n.kind) {
      case "list":
      case "custom":
        n.children.forEach((c, i) => walk(c, [...path, i]));
        return;
      case "dict":
        n.children.forEach((c, i) => walk(c, [...path, n.keys[i]]));
        return;
      case "null":
      case "undefined":
        return;
      default:
        out.set(pathName(path), n);
    }
  };
  walk(root, []);
  return out;
}

function readStructure(contents: SafetensorsContents, op: string): SavedNode | undefined {
  const json = contents.metadata[TREE_KEY];
  if (json === undefined) return undefined;
  try {
    return JSON.parse(json) as SavedNode;
  } catch (e) {
    throw new ValueError(`${op}: __metadata__["${TREE_KEY}"] is not valid JSON (${(e as Error).message})`);
  }
}

/** The jaxts dtype of a tensor from its header alone (files that jaxts did not write). */
function fileInfo(name: string, t: RawTensor, op: string): ArrayInfo {
  const dtype = dtypeOfFile(t.dtype);
  if (dtype === undefined) {
    throw new TypeError(`${op}: tensor "${name}" has dtype ${t.dtype}, which jaxts does not have`);
  }
  return { dtype, weakType: false };
}

/** A tensor as `dtype[shape]`, in jaxts's terms where it has them. */
function describe(t: RawTensor, savedDType: DType | undefined): string {
  if (savedDType === "complex128") return `complex128${shapeStr(t.shape.slice(0, -1))}`;
  return `${savedDType ?? dtypeOfFile(t.dtype) ?? t.dtype}${shapeStr(t.shape)}`;
}

function decodeNumber(v: number | string): number {
  return typeof v === "number" ? v : v === "-0" ? -0 : Number(v);
}

/** A new array on `backend` holding a copy of the tensor's bytes. */
function toArray(name: string, t: RawTensor, info: ArrayInfo, backend: Backend, op: string): ConcreteArray {
  const { dtype } = info;
  if (!isDType(dtype) || FILE_DTYPE[dtype] !== t.dtype) {
    throw new ValueError(
      `${op}: tensor "${name}" is ${t.dtype} in the file but ${dtype} in the saved structure`,
    );
  }
  if (!backend.dtypes.has(dtype)) throw new UnsupportedDTypeError(dtype, backend.name, op);
  if (dtype === "complex128" && t.shape[t.shape.length - 1] !== 2) {
    throw new ValueError(
      `${op}: complex128 tensor "${name}" needs a trailing (re, im) axis of 2 in the file`,
    );
  }
  const shape = dtype === "complex128" ? t.shape.slice(0, -1) : t.shape;
  let bytes = t.bytes;
  if (dtype === "bool") {
    // A bool is one byte, 0 or 1; other writers may store any nonzero byte for true.
    bytes = bytes.map((b) => (b === 0 ? 0 : 1));
  } else if (!LITTLE_ENDIAN) {
    bytes = swapBytes(bytes.slice(), itemsize(realDType(dtype)));
  }
  return ConcreteArray.fromBytes(backend, new ShapedArray(shape, dtype, info.weakType), bytes);
}
