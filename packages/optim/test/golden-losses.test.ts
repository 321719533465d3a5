import "@jaxts/backend-cpu";
import { jvp, vjp } from "@jaxts/autodiff";
import { scope } from "@jaxts/core";
import { np } from "@jaxts/ndarray";
import {
  alignOutputs,
  atSlot,
  camelCase,
  compareOutputs,
  compareRead,
  decodeArray,
  decodeValue,
  ELEMENTWISE,
  EXACT,
  expectedDerivatives,
  isEncodedArray,
  type Json,
  type JsonObject,
  REDUCTION,
  readOutputs,
  slotsOf,
  type Tolerance,
  toJaxts,
  toOptions,
  withSlots,
} from "@jaxts/test-util/golden";
import { describe, expect, it } from "vitest";
import { optim } from "../src/index.js";
import { fixture } from "./golden-fixture.js";

// optim.json's losses, in ops.json's format with fn `optax.<name>`. test-util's ops runner resolves
// only np/lax/nn/scipy, so this is its small cousin built from the same decoders, comparators and
// tolerance tiers (test-util/src/golden/tolerance.ts), chosen by what each loss computes:
const TIERS: Record<string, Tolerance> = {
  // log_softmax / logsumexp and a sum over classes: the reduction tier, as nn.log_softmax has.
  softmax_cross_entropy: REDUCTION,
  softmax_cross_entropy_with_integer_labels: REDUCTION,
  // log_sigmoid is a short chain of transcendental ops: elementwise, as nn.log_sigmoid has.
  sigmoid_binary_cross_entropy: ELEMENTWISE,
  // Subtract, square, min, scale by 0.5 / delta: correctly rounded operations, exact.
  l2_loss: EXACT,
  squared_error: EXACT,
  huber_loss: EXACT,
  // Sums of squares, sqrt and a dot product: the reduction tier.
  cosine_similarity: REDUCTION,
};

/** derivative-tolerance.ts's rule: an exact forward has elementwise tangents and summed cotangents. */
const derivativeTier = (t: Tolerance, kind: "jvp" | "vjp"): Tolerance =>
  t === EXACT ? (kind === "jvp" ? ELEMENTWISE : REDUCTION) : t;

type Loss = (...args: unknown[]) => unknown;

interface LossCase {
  fn: string;
  args: Json[];
  kwargs: JsonObject;
  out: Json;
  jvp?: { tangents: Json[]; out: Json };
  vjp?: { cotangent: Json; out: Json[] };
}

const cases = fixture.losses as unknown as LossCase[];

function lossOf(c: LossCase): { name: string; call: (args: readonly unknown[]) => unknown; tol: Tolerance } {
  const name = c.fn.replace(/^optax\./, "");
  const f = (optim as unknown as Record<string, unknown>)[camelCase(name)];
  if (typeof f !== "function") throw new Error(`@jaxts/optim has no ${camelCase(name)}`);
  const options = toOptions(c.kwargs);
  const tol = TIERS[name];
  if (tol === undefined) throw new Error(`no tolerance tier for ${name}`);
  return {
    name,
    tol,
    call: (args) => (f as Loss)(...args, ...(options === undefined ? [] : [options])),
  };
}

describe("golden losses: forward, jvp and vjp match optax", () => {
  cases.forEach((c, i) => {
    const { name, call, tol } = lossOf(c);
    const label = `${name} #${i} (${c.args.map((a) => (isEncodedArray(a) ? `[${a.shape}]` : "·")).join(", ")})`;

    it(`${label} forward`, () => {
      scope(() => {
        const why = compareOutputs(call(c.args.map(decodeValue)), c.out, tol);
        expect(why).toBeNull();
      });
    });

    const rec = c.jvp;
    if (rec !== undefined) {
      it(`${label} jvp`, () => {
        scope(() => {
          const args = c.args.map(decodeValue);
          const slots = slotsOf(rec.tangents);
          const primals = slots.map((s) => atSlot(args, s));
          const tangents = slots.map((s) => toJaxts(decodeArray(atSlot(rec.tangents, s) as never)));
          const [primalOut, tangentOut] = jvp(
            (...xs: unknown[]) => call(withSlots(args, slots, xs)),
            primals,
            tangents,
          );
          expect(compareOutputs(primalOut, c.out, tol)).toBeNull();
          const expected = expectedDerivatives(rec.out);
          const aligned = alignOutputs(tangentOut, expected.single, expected.arrays.length);
          expect(typeof aligned).not.toBe("string");
          const data = readOutputs(aligned as unknown[], expected.arrays, () => "tangent: ");
          expect(typeof data).not.toBe("string");
          const why = compareRead(
            data as number[][],
            expected.arrays,
            derivativeTier(tol, "jvp"),
            () => "tangent: ",
          );
          expect(why).toBeNull();
        });
      });
    }

    const vrec = c.vjp;
    if (vrec !== undefined) {
      it(`${label} vjp`, () => {
        scope(() => {
          const args = c.args.map(decodeValue);
          const slots = slotsOf(vrec.out);
          const primals = slots.map((s) => atSlot(args, s));
          const [primalOut, pullback] = vjp((...xs: unknown[]) => call(withSlots(args, slots, xs)), primals);
          expect(compareOutputs(primalOut, c.out, tol)).toBeNull();
          const ct = expectedDerivatives(vrec.cotangent);
          const cts = ct.arrays.map((a) => (a === null ? np.zeros([]) : toJaxts(a)));
          const grads = pullback(ct.single ? cts[0] : cts) as unknown[];
          const expected = slots.map((s) => decodeArray(atSlot(vrec.out, s) as never));
          const data = readOutputs(grads, expected, (k) => `cotangent ${k}: `);
          expect(typeof data).not.toBe("string");
          const why = compareRead(
            data as number[][],
            expected,
            derivativeTier(tol, "vjp"),
            (k) => `cotangent ${k}: `,
          );
          expect(why).toBeNull();
        });
      });
    }
  });
});
