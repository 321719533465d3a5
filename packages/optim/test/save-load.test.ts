import "@jaxts/backend-cpu";
import { valueAndGrad } from "@jaxts/autodiff";
import { type ConcreteArray, jit, tree } from "@jaxts/core";
import { type Array as JArray, array, nn, np } from "@jaxts/ndarray";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type GradientTransformation, optim } from "../src/index.js";

// Saving a training run (parameters and optimizer state) with tree.save and resuming it: the
// loaded state must be bit-identical and training must continue exactly as if never interrupted.

type Params = { hidden: { w: JArray; b: JArray }; out: { w: JArray; b: JArray } };

const grid = (rows: number, cols: number, seed: number): JArray =>
  array(Array.from({ length: rows * cols }, (_, i) => Math.sin(seed + 1.7 * i) * 0.5)).reshape(rows, cols);

function setup(): { params: Params; x: JArray; y: JArray } {
  return {
    params: {
      hidden: { w: grid(4, 8, 1), b: np.zeros([8]) },
      out: { w: grid(8, 3, 2), b: np.zeros([3]) },
    },
    x: grid(16, 4, 3),
    y: array(
      Array.from({ length: 16 }, (_, i) => i % 3),
      { dtype: "int32" },
    ),
  };
}

function loss(p: Params, x: JArray, y: JArray): JArray {
  const h = nn.relu(np.matmul(x, p.hidden.w).add(p.hidden.b));
  const logits = np.matmul(h, p.out.w).add(p.out.b);
  return nn.logSoftmax(logits).mul(nn.oneHot(y, 3)).sum(-1).neg().mean();
}

function makeStep(tx: GradientTransformation) {
  return jit((p: Params, s: unknown, x: JArray, y: JArray) => {
    const [value, grads] = valueAndGrad(loss)(p, x, y);
    const [updates, next] = tx.update(grads, s, p);
    return [optim.applyUpdates(p, updates), next, value] as const;
  });
}

function run(tx: GradientTransformation, p: Params, s: unknown, steps: number): [Params, unknown] {
  const { x, y } = setup();
  const step = makeStep(tx);
  for (let i = 0; i < steps; i++) [p, s] = step(p, s, x, y);
  return [p, s];
}

/** Every leaf's dtype, shape and raw bytes, for bit-exact comparison. */
function fingerprint(t: unknown): unknown[] {
  return tree.leaves(t).map((l) => {
    const a = l as ConcreteArray;
    const s = a.storageSync();
    return [a.dtype, a.shape, [...new Uint8Array(s.buffer, s.byteOffset, s.byteLength)]];
  });
}

describe("saving and resuming training with tree.save / tree.load", () => {
  for (const [name, make] of [
    ["adam", () => optim.adam(1e-2)],
    ["chain(clipByGlobalNorm, adamw)", () => optim.chain(optim.clipByGlobalNorm(1), optim.adamw(1e-2))],
  ] as const) {
    it(`${name}: params and state round-trip bit-exactly and training continues identically`, () => {
      const tx = make();
      const { params } = setup();
      const [p3, s3] = run(tx, params, tx.init(params), 3);
      const bytes = tree.save({ params: p3, optState: s3 });

      const loaded = tree.load(bytes) as { params: Params; optState: unknown };
      expect(fingerprint(loaded)).toEqual(fingerprint({ params: p3, optState: s3 }));
      expect(tree.structure(loaded).toString()).toBe(tree.structure({ params: p3, optState: s3 }).toString());
      // Adam's count survives as an int32 scalar, not a JS number.
      expect(tree.leaves(loaded.optState).some((l) => (l as JArray).dtype === "int32")).toBe(true);

      const [pA, sA] = run(tx, p3, s3, 4);
      const [pB, sB] = run(tx, loaded.params, loaded.optState, 4);
      expect(fingerprint([pB, sB])).toEqual(fingerprint([pA, sA]));
    });
  }

  it("loads onto a fresh init as `like`, and through files", async () => {
    const tx = optim.adam(1e-2);
    const { params } = setup();
    const [p2, s2] = run(tx, params, tx.init(params), 2);
    const dir = await mkdtemp(join(tmpdir(), "jaxts-optim-"));
    try {
      const path = join(dir, "ckpt.safetensors");
      await tree.saveFile(path, { params: p2, optState: s2, step: 2 });
      const like = { params, optState: tx.init(params), step: 0 };
      const back = await tree.loadFile(path, like);
      expect(back.step).toBe(2);
      expect(fingerprint([back.params, back.optState])).toEqual(fingerprint([p2, s2]));
      // A state for other parameters is refused with the names that differ.
      const other = { ...params, extra: { w: np.zeros([2]) } };
      await expect(tree.loadFile(path, { params: other, optState: tx.init(other), step: 0 })).rejects.toThrow(
        /"params\.extra\.w": missing from the file/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
