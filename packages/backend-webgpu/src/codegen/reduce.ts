import { type DType, type LoopKernel, type ReduceOp, sizeOf } from "@jaxts/backend";
import { binaryOp } from "./alu.js";
import { NotLowered, WgslBuilder } from "./builder.js";
import { constLiteral, perWord, type ValueType, valueType } from "./dtypes.js";
import { ExprEmitter } from "./expr.js";
import { kernelEnv, Unraveler } from "./kernel-env.js";
import { assemble, type GeneratedShader, WORKGROUP_INDEX, WORKGROUP_SIZE } from "./shader.js";
import { packBits } from "./view.js";

// A loop kernel with a reduction. Small reductions (or many outputs) run one invocation per output
// word with a serial loop; large ones give each output a workgroup whose invocations stride over
// the reduced elements and then combine their partial results in a tree in workgroup memory.

const RANGE: Partial<Record<DType, readonly [number, number]>> = {
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
};

function identity(op: Exclude<ReduceOp, "argmax" | "argmin">, dtype: DType): string {
  const t = valueType(dtype);
  if (t === "bool") return op === "prod" || op === "min" || op === "and" ? "true" : "false";
  switch (op) {
    case "sum":
    case "or":
    case "xor":
      return constLiteral(dtype, 0);
    case "prod":
      return constLiteral(dtype, 1);
    case "and":
      return constLiteral(dtype, t === "i32" ? -1 : RANGE[dtype]![1]);
    case "max":
      return t === "f32" ? "(-f32_inf())" : constLiteral(dtype, RANGE[dtype]![0]);
    case "min":
      return t === "f32" ? "f32_inf()" : constLiteral(dtype, RANGE[dtype]![1]);
    default:
      return op satisfies never;
  }
}

const COMBINE: Record<
  Exclude<ReduceOp, "argmax" | "argmin">,
  "add" | "mul" | "max" | "min" | "and" | "or" | "xor"
> = {
  sum: "add",
  prod: "mul",
  max: "max",
  min: "min",
  and: "and",
  or: "or",
  xor: "xor",
};

/** Whether candidate (v, i) replaces the best (bv, bi) of an arg reduction: first extreme, first NaN. */
function argBetter(
  op: "argmax" | "argmin",
  t: ValueType,
  v: string,
  i: string,
  bv: string,
  bi: string,
): string {
  const cmp = op === "argmax" ? ">" : "<";
  if (t === "f32") {
    const nan = (x: string) => `is_nan(${x})`;
    return `(${bi} < 0i || (${nan(v)} && !${nan(bv)}) || (!${nan(bv)} && ${v} ${cmp} ${bv}) || (${i} < ${bi} && (${v} == ${bv} || (${nan(v)} && ${nan(bv)}))))`;
  }
  const [x, y] = t === "bool" ? [`u32(${v})`, `u32(${bv})`] : [v, bv];
  return `(${bi} < 0i || ${x} ${cmp} ${y} || (${i} < ${bi} && ${x} == ${y}))`;
}

/** Whether to give each output a workgroup: many reduced elements, few outputs. */
function useTree(outputs: number, reduced: number): boolean {
  return reduced >= 256 || (reduced >= 32 && outputs <= 4096);
}

export function reduceShader(kernel: LoopKernel): GeneratedShader {
  const reduce = kernel.reduce!;
  const n = sizeOf(kernel.shape);
  const r = sizeOf(reduce.shape);
  const per = perWord(kernel.dtype);
  const words = Math.ceil(n / per);
  const accDType = kernel.expr.dtype;
  const t = valueType(accDType);
  valueType(kernel.dtype);
  for (const i of kernel.inputs) valueType(i.dtype);
  const isArg = reduce.op === "argmax" || reduce.op === "argmin";
  const tree = useTree(n, r);
  const b = new WgslBuilder();
  const outer = kernel.shape.length;

  const combine = (acc: string, v: string): string =>
    binaryOp(COMBINE[reduce.op as Exclude<ReduceOp, "argmax" | "argmin">], accDType, acc, v, b);

  /** Evaluates the expression at outer flat `o`, inner flat `j`; returns its value name. */
  const point = (o: string, j: string): string => {
    const outerIdx = new Unraveler(b, o, kernel.shape);
    const innerIdx = new Unraveler(b, j, reduce.shape);
    const index = (d: number) => (d < outer ? outerIdx.axis(d) : innerIdx.axis(d - outer));
    return new ExprEmitter(b, kernelEnv(b, kernel.inputs, index), kernel.contract === true).emit(kernel.expr);
  };
  const zeroIndex = "-1i";

  /** Accumulates over inner indices `start`, `start + step`, ... into `accV` (and `accI`). */
  const loop = (o: string, start: string, step: string): void => {
    if (isArg) {
      b.emit(`var accV: ${t} = ${t === "f32" ? "0.0" : t === "bool" ? "false" : `${t}(0)`};`);
      b.emit(`var accI: i32 = ${zeroIndex};`);
    } else {
      b.emit(`var accV: ${t} = ${identity(reduce.op as Exclude<ReduceOp, "argmax" | "argmin">, accDType)};`);
    }
    b.block(`for (var j = ${start}; j < ${r}u; j = j + ${step}) {`, () => {
      const v = point(o, "j");
      if (isArg) {
        const better = argBetter(reduce.op as "argmax" | "argmin", t, v, "i32(j)", "accV", "accI");
        b.block(`if (${better}) {`, () => {
          b.emit(`accV = ${v};`);
          b.emit("accI = i32(j);");
        });
      } else b.emit(`accV = ${combine("accV", v)};`);
    });
  };

  /** The epilogue at outer flat `o` over the final accumulator; returns the output value. */
  const finish = (o: string, accName: string): string => {
    if (!reduce.epilogue) return accName;
    const outerIdx = new Unraveler(b, o, kernel.shape);
    const env = kernelEnv(b, kernel.inputs, (d) => outerIdx.axis(d), accName);
    return new ExprEmitter(b, env, kernel.contract === true).emit(reduce.epilogue);
  };
  const result = isArg ? "accI" : "accV";
  if (kernel.dtype !== (isArg ? "int32" : accDType) && !reduce.epilogue) {
    throw new NotLowered(`a ${reduce.op} reduction to ${kernel.dtype} without an epilogue`);
  }

  let declarations = "";
  if (!tree) {
    b.emit(`let t = ${WORKGROUP_INDEX} * ${WORKGROUP_SIZE}u + lid;`);
    b.emit(`if (t >= ${words}u) { return; }`);
    if (per === 1) {
      loop("t", "0u", "1u");
      b.emit(`out0[t] = ${finish("t", result)};`);
    } else {
      b.emit("var word = 0u;");
      for (let e = 0; e < per; e++) {
        b.block(`if (t * ${per}u + ${e}u < ${n}u) {`, () => {
          const o = b.bind(`t * ${per}u + ${e}u`, "o");
          loop(o, "0u", "1u");
          b.emit(`word = word | (${packBits(kernel.dtype, finish(o, result))} << ${e * (32 / per)}u);`);
        });
      }
      b.emit("out0[t] = word;");
    }
  } else {
    const W = WORKGROUP_SIZE;
    declarations = `var<workgroup> shV: array<${t}, ${W}>;\n${isArg ? `var<workgroup> shI: array<i32, ${W}>;\n` : ""}`;
    b.emit(`let t = ${WORKGROUP_INDEX};`);
    b.emit(`if (t >= ${words}u) { return; }`);
    b.emit("var word = 0u;");
    for (let e = 0; e < per; e++) {
      const o = per === 1 ? "t" : `(t * ${per}u + ${e}u)`;
      b.block(`if (${o} < ${n}u) {`, () => {
        b.block("{", () => {
          loop(o, "lid", `${W}u`);
          b.emit("shV[lid] = accV;");
          if (isArg) b.emit("shI[lid] = accI;");
        });
        b.emit("workgroupBarrier();");
        b.block(`for (var s = ${W / 2}u; s > 0u; s = s >> 1u) {`, () => {
          b.block("if (lid < s) {", () => {
            if (isArg) {
              const better = argBetter(
                reduce.op as "argmax" | "argmin",
                t,
                "shV[lid + s]",
                "shI[lid + s]",
                "shV[lid]",
                "shI[lid]",
              );
              b.block(`if (shI[lid + s] >= 0i && ${better}) {`, () => {
                b.emit("shV[lid] = shV[lid + s];");
                b.emit("shI[lid] = shI[lid + s];");
              });
            } else b.emit(`shV[lid] = ${combine("shV[lid]", "shV[lid + s]")};`);
          });
          b.emit("workgroupBarrier();");
        });
        b.block("if (lid == 0u) {", () => {
          const final = b.bind(isArg ? "shI[0]" : "shV[0]", "acc");
          const v = finish(o, final);
          if (per === 1) b.emit(`out0[t] = ${v};`);
          else b.emit(`word = word | (${packBits(kernel.dtype, v)} << ${e * (32 / per)}u);`);
        });
        b.emit("workgroupBarrier();");
      });
    }
    if (per > 1) b.emit("if (lid == 0u) { out0[t] = word; }");
  }
  const inputs = kernel.inputs.map((i) => i.dtype);
  return {
    code: assemble({ b, inputs, outputs: [kernel.dtype], uniformWords: inputs.length, declarations }),
    inputs: inputs.length,
    outputs: 1,
    workgroups: tree ? words : Math.ceil(words / WORKGROUP_SIZE),
    uniformWords: inputs.length,
  };
}
