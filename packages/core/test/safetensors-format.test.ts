import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConcreteArray, tree } from "../src/index.js";
import { bytesOf, fromStorage, storageFromBytes, u16 } from "./helpers/arrays.js";
import { registerMemoryBackends } from "./helpers/memory-backend.js";

beforeAll(registerMemoryBackends);

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "jaxts-safetensors-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// The safetensors spec, restated independently of src/tree/safetensors.ts.
const SPEC_ITEMSIZE: Record<string, number> = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  I64: 8,
  U64: 8,
  F64: 8,
  C64: 8,
};

interface Entry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/** A minimal safetensors reader: header length, JSON header, and the data section. */
function parse(bytes: Uint8Array): {
  n: number;
  headerText: string;
  header: Record<string, unknown>;
  data: Uint8Array;
} {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(dv.getBigUint64(0, true));
  const headerText = new TextDecoder().decode(bytes.subarray(8, 8 + n));
  return { n, headerText, header: JSON.parse(headerText), data: bytes.subarray(8 + n) };
}

/** Asserts everything the spec requires of a file. */
function expectValidFile(bytes: Uint8Array): void {
  const { n, headerText, header, data } = parse(bytes);
  expect(n % 8).toBe(0);
  expect(headerText.startsWith("{")).toBe(true);
  // Only spaces may pad the JSON.
  expect(headerText.trimEnd()).toBe(JSON.stringify(JSON.parse(headerText)));
  expect(/^ *$/.test(headerText.slice(headerText.trimEnd().length))).toBe(true);
  const meta = header.__metadata__ as Record<string, unknown> | undefined;
  for (const v of Object.values(meta ?? {})) expect(typeof v).toBe("string");
  const entries = Object.entries(header)
    .filter(([k]) => k !== "__metadata__")
    .map(([k, v]) => [k, v as Entry] as const)
    .sort((a, b) => a[1].data_offsets[0] - b[1].data_offsets[0]);
  let end = 0;
  for (const [name, e] of entries) {
    expect(Object.keys(e).sort(), name).toEqual(["data_offsets", "dtype", "shape"]);
    expect(SPEC_ITEMSIZE[e.dtype], name).toBeDefined();
    const [b, f] = e.data_offsets;
    expect(b, `${name} starts where the previous ended`).toBe(end);
    expect(f - b).toBe(e.shape.reduce((x, y) => x * y, 1) * SPEC_ITEMSIZE[e.dtype]);
    // Each tensor is aligned for its element type (absolute offset 8 + n + b).
    expect((8 + n + b) % SPEC_ITEMSIZE[e.dtype], name).toBe(0);
    end = f;
  }
  expect(end).toBe(data.byteLength);
}

/** A safetensors buffer from a header object and data, as another writer might produce it. */
function build(header: object, data: Uint8Array | number[] = [], pad = 0): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header) + " ".repeat(pad));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

const f32 = (values: number[], shape = [values.length]) =>
  fromStorage("float32", shape, new Float32Array(values));

describe("the safetensors layout", () => {
  it("writes a header that meets the spec, named by key path, with the structure in __metadata__", () => {
    const t = {
      params: { w: f32([1, 2, 3, 4, 5, 6], [2, 3]), b: fromStorage("int8", [3], new Int8Array([1, 2, 3])) },
      opt_state: [{ mu: { w: fromStorage("float64", [1], new Float64Array([0.5])) } }],
      h: fromStorage("float16", [1], storageFromBytes("float16", u16(0x3c00))),
      z: fromStorage("complex64", [2], new Float32Array([1, 2, 3, 4])),
      flag: fromStorage("bool", [2], new Uint8Array([1, 0])),
      step: 7,
    };
    const bytes = tree.save(t);
    expectValidFile(bytes);
    const { header } = parse(bytes);
    expect(Object.keys(header).sort()).toEqual(
      ["__metadata__", "flag", "h", "opt_state.0.mu.w", "params.b", "params.w", "z"].sort(),
    );
    expect(header["params.w"]).toMatchObject({ dtype: "F32", shape: [2, 3] });
    expect(header.z).toMatchObject({ dtype: "C64", shape: [2] });
    expect(header.flag).toMatchObject({ dtype: "BOOL", shape: [2] });
    expect(header.h).toMatchObject({ dtype: "F16", shape: [1] });
    const meta = header.__metadata__ as Record<string, string>;
    expect(meta["jaxts.version"]).toBe("1");
    expect(JSON.parse(meta["jaxts.tree"]).kind).toBe("dict");
  });

  it("stores complex128 as F64 with a trailing (re, im) axis", () => {
    const z = fromStorage("complex128", [2], new Float64Array([1, 2, 3, 4]));
    const { header } = parse(tree.save({ z }));
    expect(header.z).toMatchObject({ dtype: "F64", shape: [2, 2] });
  });

  it("writes files that a minimal independent reader decodes to the same values", async () => {
    const path = join(dir, "model.safetensors");
    await tree.saveFile(path, {
      layers: [{ w: f32([0.1, -2, 3.5e10, -0], [2, 2]) }],
      count: fromStorage("int32", [], new Int32Array([-42])),
    });
    const bytes = new Uint8Array(readFileSync(path));
    expectValidFile(bytes);
    const { header, data } = parse(bytes);
    const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const w = header["layers.0.w"] as Entry;
    const values = Array.from({ length: 4 }, (_, i) => dv.getFloat32(w.data_offsets[0] + 4 * i, true));
    expect(values).toEqual([Math.fround(0.1), -2, Math.fround(3.5e10), -0]);
    const count = header.count as Entry;
    expect(count.shape).toEqual([]);
    expect(dv.getInt32(count.data_offsets[0], true)).toBe(-42);
    const back = (await tree.loadFile(path)) as { layers: { w: ConcreteArray }[] };
    expect([...back.layers[0].w.storageSync()]).toEqual(values);
  });

  it("reads files written elsewhere (no jaxts metadata) as a flat object of arrays", () => {
    const data = new Uint8Array(new Float32Array([1.5, -2]).buffer);
    const ints = new Uint8Array(new Uint16Array([7]).buffer);
    const bytes = build(
      {
        "model.embed.weight": { dtype: "F32", shape: [1, 2], data_offsets: [0, 8] },
        "model.step": { dtype: "U16", shape: [], data_offsets: [8, 10] },
        __metadata__: { format: "pt" },
      },
      [...data, ...ints],
      5,
    );
    const back = tree.load(bytes) as Record<string, ConcreteArray>;
    expect(Object.keys(back)).toEqual(["model.embed.weight", "model.step"]);
    expect(back["model.embed.weight"].shape).toEqual([1, 2]);
    expect([...back["model.embed.weight"].storageSync()]).toEqual([1.5, -2]);
    expect(bytesOf(back["model.step"])).toEqual([7, 0]);
    // ... and onto a structure by name; F64 with a trailing 2 can be complex128 when like says so.
    const like = {
      model: { embed: { weight: f32([0, 0], [1, 2]) }, step: fromStorage("uint16", [], new Uint16Array(1)) },
    };
    expect(tree.structure(tree.load(bytes, like)).toString()).toBe(tree.structure(like).toString());
    const c = build({ z: { dtype: "F64", shape: [1, 2], data_offsets: [0, 16] } }, new Uint8Array(16));
    const z = (
      tree.load(c, { z: fromStorage("complex128", [1], new Float64Array(2)) }) as { z: ConcreteArray }
    ).z;
    expect([z.dtype, z.shape]).toEqual(["complex128", [1]]);
  });

  it("the empty tree is a valid file", () => {
    const bytes = tree.save({});
    expectValidFile(bytes);
    expect(tree.load(bytes)).toEqual({});
    expect(tree.load(build({}))).toEqual({});
  });
});

describe("tree.load rejects bad data with errors that say what is wrong", () => {
  const good = () => tree.save({ w: f32([1, 2, 3]) });

  it("truncated bytes", () => {
    const bytes = good();
    expect(() => tree.load(bytes.subarray(0, 5))).toThrow(
      /5 bytes is too short for the 8-byte header length/,
    );
    expect(() => tree.load(bytes.subarray(0, 20))).toThrow(
      /header length \d+ exceeds the 12 bytes that follow/,
    );
    expect(() => tree.load(bytes.subarray(0, bytes.length - 1))).toThrow(
      /tree\.load: invalid safetensors data: tensor "w" \(F32\[3\]\) needs 12 bytes|the tensors cover 12 bytes but the data section has 11/,
    );
    expect(() => tree.load(new Uint8Array([...bytes, 0]))).toThrow(/the data section has 13/);
  });

  it("bad headers", () => {
    const huge = new Uint8Array(8);
    new DataView(huge.buffer).setBigUint64(0, 2n ** 60n, true);
    expect(() => tree.load(huge)).toThrow(/exceeds the limit/);
    const notJson = build({});
    notJson.set(new TextEncoder().encode("{x"), 8);
    expect(() => tree.load(notJson)).toThrow(/the header is not UTF-8 JSON/);
    const arr = new Uint8Array([2, 0, 0, 0, 0, 0, 0, 0, 0x5b, 0x5d]);
    expect(() => tree.load(arr)).toThrow(/must be a JSON object/);
    expect(() => tree.load(build({ a: { dtype: "Q7", shape: [], data_offsets: [0, 1] } }, [0]))).toThrow(
      /tensor "a" has unknown dtype Q7/,
    );
    expect(() =>
      tree.load(build({ a: { dtype: "F32", shape: [-1], data_offsets: [0, 4] } }, [0, 0, 0, 0])),
    ).toThrow(/tensor "a" has an invalid shape/);
    expect(() =>
      tree.load(build({ a: { dtype: "F32", shape: [2], data_offsets: [0, 4] } }, [0, 0, 0, 0])),
    ).toThrow(/needs 8 bytes but data_offsets span 4/);
    const gap = build(
      {
        a: { dtype: "U8", shape: [1], data_offsets: [0, 1] },
        b: { dtype: "U8", shape: [1], data_offsets: [2, 3] },
      },
      [0, 0, 0],
    );
    expect(() => tree.load(gap)).toThrow(/tensor "b" starts at byte 2 of the data, expected 1/);
    expect(() => tree.load(build({ __metadata__: { n: 1 } }))).toThrow(
      /"__metadata__"\."n" must be a string/,
    );
    expect(() => tree.load(build({ __metadata__: { "jaxts.tree": "{" } }))).toThrow(
      /__metadata__\["jaxts\.tree"\] is not valid JSON/,
    );
  });

  it("dtypes jaxts does not have", () => {
    const bf16 = build({ a: { dtype: "BF16", shape: [1], data_offsets: [0, 2] } }, [0, 0]);
    expect(() => tree.load(bf16)).toThrow(/tree\.load: tensor "a" has dtype BF16, which jaxts does not have/);
    expect(() => tree.load(bf16, { a: f32([0]) })).toThrow(
      /"a": the file has BF16\[1\], like has float32\[1\]/,
    );
  });

  it("loadFile names itself and passes file errors through", async () => {
    await expect(tree.loadFile(join(dir, "missing.safetensors"))).rejects.toThrow(/ENOENT/);
    const path = join(dir, "bad.safetensors");
    await tree.saveFile(path, { w: f32([1]) });
    await expect(tree.loadFile(path, { v: f32([1]) })).rejects.toThrow(
      /tree\.loadFile: the file does not match/,
    );
  });
});
