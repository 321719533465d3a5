import type { DType, ReduceOp } from "@jaxts/backend";
import type { PlainOp } from "../wasm/opcodes.js";
import { ValType } from "../wasm/types.js";
import { info, intRange, NotLowered, wrap } from "./dtypes.js";
import type { OpContext } from "./scalar-ops.js";

/** The scalar code of one reduction: set up, fold one value in, push the result. */
export interface Accumulator {
  /** The dtype of the result (int32 for arg reductions). */
  readonly dtype: DType;
  init(): void;
  step(value: number): void;
  result(): void;
}

/**
 * A scalar accumulator with the cpu backend's semantics: float32 sums accumulate in float64 and
 * round once, products round every step, max/min propagate NaN, integer folds wrap, and arg
 * reductions keep the first extreme (the first NaN for floats).
 */
export function accumulator(ctx: OpContext, op: ReduceOp, dtype: DType): Accumulator {
  const { fb } = ctx;
  const { kind, bits, type } = info(dtype);
  const isFloat = kind === "f";
  const f32 = isFloat && bits === 32;
  const push = (v: number) => (f32 ? fb.f32(v) : isFloat ? fb.f64(v) : fb.i32(v));
  const fold = (init: number, combine: PlainOp[], finish?: () => void): Accumulator => {
    const acc = ctx.temp(type);
    return {
      dtype,
      init: () => {
        push(init);
        fb.set(acc);
      },
      step: (v) => {
        fb.get(acc)
          .get(v)
          .op(...combine)
          .set(acc);
      },
      result: () => {
        fb.get(acc);
        finish?.();
      },
    };
  };
  const [lo, hi] = isFloat ? [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY] : intRange(dtype);
  const signed = kind === "i";
  switch (op) {
    case "sum":
      if (kind === "b") return fold(0, ["i32.or"]);
      if (!isFloat) return fold(0, ["i32.add"], () => wrap(fb, dtype));
      if (!f32) return fold(0, ["f64.add"]);
      {
        const acc = ctx.temp(ValType.f64);
        return {
          dtype,
          init: () => fb.f64(0).set(acc),
          step: (v) => fb.get(acc).get(v).op("f64.promote_f32", "f64.add").set(acc),
          result: () => fb.get(acc).op("f32.demote_f64"),
        };
      }
    case "prod":
      if (kind === "b") return fold(1, ["i32.and"]);
      if (!isFloat) return fold(1, ["i32.mul"], () => wrap(fb, dtype));
      return fold(1, [f32 ? "f32.mul" : "f64.mul"]);
    case "max":
    case "min": {
      const isMax = op === "max";
      if (kind === "b") return fold(isMax ? 0 : 1, [isMax ? "i32.or" : "i32.and"]);
      if (isFloat) return fold(isMax ? lo : hi, [`${f32 ? "f32" : "f64"}.${op}` as PlainOp]);
      const acc = ctx.temp(ValType.i32);
      const cmp: PlainOp = isMax ? (signed ? "i32.gt_s" : "i32.gt_u") : signed ? "i32.lt_s" : "i32.lt_u";
      return {
        dtype,
        init: () => fb.i32(isMax ? lo : hi).set(acc),
        step: (v) => fb.get(v).get(acc).get(v).get(acc).op(cmp, "select").set(acc),
        result: () => fb.get(acc),
      };
    }
    case "and":
    case "or":
    case "xor": {
      if (isFloat) throw new NotLowered(`${op} reduction of ${dtype}`);
      const ones = kind === "b" ? 1 : signed ? -1 : hi;
      return fold(op === "and" ? ones : 0, [`i32.${op}`]);
    }
    case "argmax":
    case "argmin": {
      // The first extreme wins; a NaN counts as the extreme, and the first NaN stays.
      const best = ctx.temp(type);
      const bestIndex = ctx.temp(ValType.i32);
      const i = ctx.temp(ValType.i32);
      const isMax = op === "argmax";
      const p = f32 ? "f32" : "f64";
      return {
        dtype: "int32",
        init: () => {
          push(isMax ? lo : hi);
          fb.set(best).i32(0).set(bestIndex).i32(0).set(i);
        },
        step: (v) => {
          fb.get(v).get(best);
          if (isFloat) {
            fb.op(`${p}.${isMax ? "gt" : "lt"}` as PlainOp);
            fb.get(v)
              .get(v)
              .op(`${p}.ne` as PlainOp)
              .get(best)
              .get(best)
              .op(`${p}.eq` as PlainOp, "i32.and");
            fb.op("i32.or");
          } else {
            fb.op(isMax ? (signed ? "i32.gt_s" : "i32.gt_u") : signed ? "i32.lt_s" : "i32.lt_u");
          }
          fb.if_(() => {
            fb.get(v).set(best).get(i).set(bestIndex);
          });
          fb.get(i).i32(1).op("i32.add").set(i);
        },
        result: () => fb.get(bestIndex),
      };
    }
    default:
      return op satisfies never;
  }
}
