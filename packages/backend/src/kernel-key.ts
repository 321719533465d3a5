import type { Expr, Kernel, KernelInput } from "./kernel.js";

// Keys are built by plain string concatenation: this runs on every eager op, and JSON.stringify of
// nested arrays was the dispatcher's largest cost.

function viewKey(input: KernelInput, offsets: boolean): string {
  const v = input.view;
  let s = `${input.dtype}(${v.shape.join(",")}|${v.strides.join(",")}`;
  if (offsets) s += `@${v.offset}`;
  if (v.mask) s += `|m${v.mask.map((m) => `${m[0]}:${m[1]}`).join(",")}`;
  return `${s})`;
}

// Expressions are immutable, and eager ops reuse theirs (ndarray's lowering memoises them), so a
// key computed once per expression object serves every later kernel built on it.
const exprKeys = new WeakMap<Expr, string>();

function exprKey(root: Expr, epilogue: Expr | undefined): string {
  if (epilogue) return computeExprKey(root, epilogue);
  let key = exprKeys.get(root);
  if (key === undefined) {
    key = computeExprKey(root, undefined);
    exprKeys.set(root, key);
  }
  return key;
}

function computeExprKey(root: Expr, epilogue: Expr | undefined): string {
  const ids = new Map<Expr, number>();
  const parts: string[] = [];
  const visit = (e: Expr): number => {
    const seen = ids.get(e);
    if (seen !== undefined) return seen;
    let node: string;
    switch (e.op) {
      case "load":
      case "valid":
        node = `${e.op}:${e.dtype}:${e.input}`;
        break;
      case "const":
        // Object.is keeps -0 apart from 0; complex constants print both parts.
        node = `c:${e.dtype}:${typeof e.value === "number" ? (Object.is(e.value, -0) ? "-0" : String(e.value)) : e.value.join("/")}`;
        break;
      case "index":
        node = `i:${e.dtype}:${e.axis}`;
        break;
      case "acc":
        node = `acc:${e.dtype}`;
        break;
      case "unary":
        node = `u:${e.dtype}:${e.alu}:${visit(e.x)}`;
        break;
      case "binary":
        node = `b:${e.dtype}:${e.alu}:${visit(e.x)}:${visit(e.y)}`;
        break;
      case "where":
        node = `w:${e.dtype}:${visit(e.cond)}:${visit(e.x)}:${visit(e.y)}`;
        break;
      case "cast":
      case "bitcast":
        node = `${e.op}:${e.dtype}:${visit(e.x)}`;
        break;
      default:
        return e satisfies never;
    }
    const id = parts.length;
    parts.push(node);
    ids.set(e, id);
    return id;
  };
  const r = visit(root);
  const ep = epilogue ? visit(epilogue) : -1;
  return `${parts.join(";")}#${r}#${ep}`;
}

/**
 * A string that identifies a kernel: equal kernels (shared expression nodes included) give equal
 * keys, so backends and the dispatcher can cache compiled code by it. With `offsets: false`, view
 * offsets are left out, for backends that take them as run-time arguments so that slices at
 * different offsets share one compiled kernel.
 */
export function kernelKey(kernel: Kernel, options: { offsets?: boolean } = {}): string {
  const offsets = options.offsets !== false;
  const inputs = kernel.inputs.map((i) => viewKey(i, offsets)).join(";");
  if (kernel.kind === "routine") {
    return `r|${JSON.stringify(kernel.routine)}|${inputs}|${kernel.outputs.map((o) => `${o.dtype}(${o.shape.join(",")})`).join(";")}`;
  }
  const reduce = kernel.reduce ? `${kernel.reduce.op}(${kernel.reduce.shape.join(",")})` : "";
  const contract = kernel.contract ? "c" : "";
  return `l${contract}|${kernel.dtype}(${kernel.shape.join(",")})|${inputs}|${reduce}|${exprKey(kernel.expr, kernel.reduce?.epilogue)}`;
}
