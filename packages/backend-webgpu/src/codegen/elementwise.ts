import type { LoopKernel } from "@jaxts/backend";
import { sizeOf } from "@jaxts/backend";
import { WgslBuilder } from "./builder.js";
import { perWord, valueType } from "./dtypes.js";
import { ExprEmitter } from "./expr.js";
import { kernelEnv, Unraveler } from "./kernel-env.js";
import { assemble, type GeneratedShader, WORKGROUP_INDEX, WORKGROUP_SIZE } from "./shader.js";
import { packBits } from "./view.js";

/**
 * An elementwise loop kernel (no reduction): one invocation per output word, that is one element,
 * or the 2 or 4 elements of a packed dtype that share a u32 (invocations must not write the same
 * word). Each element unravels its flat index only along the axes the expression reads.
 */
export function elementwiseShader(kernel: LoopKernel): GeneratedShader {
  const n = sizeOf(kernel.shape);
  const per = perWord(kernel.dtype);
  const words = Math.ceil(n / per);
  valueType(kernel.dtype);
  for (const i of kernel.inputs) valueType(i.dtype);
  const b = new WgslBuilder();
  b.emit(`let t = ${WORKGROUP_INDEX} * ${WORKGROUP_SIZE}u + lid;`);
  b.emit(`if (t >= ${words}u) { return; }`);
  const element = (flat: string): string => {
    const shape = new Unraveler(b, flat, kernel.shape);
    const env = kernelEnv(b, kernel.inputs, (d) => shape.axis(d));
    return new ExprEmitter(b, env, kernel.contract === true).emit(kernel.expr);
  };
  if (per === 1) {
    const v = element("t");
    b.emit(`out0[t] = ${v};`);
  } else {
    const bits = 32 / per;
    b.emit("var word = 0u;");
    for (let e = 0; e < per; e++) {
      b.block(`if (t * ${per}u + ${e}u < ${n}u) {`, () => {
        const flat = b.bind(`t * ${per}u + ${e}u`, "i");
        const v = element(flat);
        b.emit(`word = word | (${packBits(kernel.dtype, v)} << ${e * bits}u);`);
      });
    }
    b.emit("out0[t] = word;");
  }
  const inputs = kernel.inputs.map((i) => i.dtype);
  return {
    code: assemble({ b, inputs, outputs: [kernel.dtype], uniformWords: inputs.length }),
    inputs: inputs.length,
    outputs: 1,
    workgroups: Math.ceil(words / WORKGROUP_SIZE),
    uniformWords: inputs.length,
  };
}
