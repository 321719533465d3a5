// The examples in the dropdown, from docs/quickstart.md and docs/autodiff.md. They are plain
// JavaScript (the page has no TypeScript compiler): every export of jaxts is in scope by name (and
// the whole namespace as `jaxts`), the `import` line and type annotations are dropped, and
// `print(...)` replaces `console.log(String(x))` because on webgpu an array must be read
// asynchronously before it can be printed (print awaits that; see format.ts).

export interface Example {
  readonly id: string;
  readonly title: string;
  readonly code: string;
}

const code = (lines: readonly string[]): string => `${lines.join("\n")}\n`;

export const EXAMPLES: readonly Example[] = [
  {
    id: "arrays",
    title: "Arrays and printing",
    code: code([
      "// np is jax.numpy: arrays are immutable and print as JAX prints them.",
      "const x = np.arange(6).reshape(2, 3);",
      "print(x);",
      "console.log(x.shape, x.dtype, x.ndim, x.size);",
      "print(x.T.matmul(x));",
      "print(np.mean(np.arange(4)));",
      "print(np.linspace(0, 1, 5));",
      "print(np.array([1, 2], { dtype: 'int32' }).add(1.5));",
    ]),
  },
  {
    id: "grad",
    title: "grad and valueAndGrad",
    code: code([
      "// The gradient of sum(x³) is 3x²; valueAndGrad returns both.",
      "const f = (x) => np.sum(x.mul(x).mul(x));",
      "const x = np.array([1, 2, 3]);",
      "print(grad(f)(x));",
      "const [value, g] = valueAndGrad(f)(x);",
      "print(value, g);",
      "// Derivatives compose to any order: d³/dt³ t⁴ = 24t.",
      "const d3 = grad(grad(grad((t) => t.mul(t).mul(t).mul(t))));",
      "print(d3(np.array(2.0)));",
    ]),
  },
  {
    id: "jit",
    title: "jit and jaxprs",
    code: code([
      "// jit traces f once per input signature and replays fused kernels.",
      "const f = (v) => np.sum(np.sin(v).mul(v));",
      "const fast = jit(f);",
      "print(fast(np.array([0.5, 1, 2])));",
      "// The traced program, as jax.make_jaxpr prints it:",
      "print(makeJaxpr(f)(np.array([0.5, 1, 2])));",
    ]),
  },
  {
    id: "vmap",
    title: "vmap and per-example gradients",
    code: code([
      "// vmap maps a function written for one example over a batch axis.",
      "const perRow = vmap((r) => np.dot(r, r));",
      "print(perRow(np.ones([3, 4])));",
      "// Per-example gradients of a squared error, batched over xs and ys.",
      "const lossOne = (w, x, y) => np.square(np.dot(w, x).sub(y));",
      "const perExample = vmap(grad(lossOne), { inAxes: [null, 0, 0] });",
      "const w = np.array([1, -1]);",
      "print(perExample(w, np.array([[1, 2], [3, 4], [5, 6]]), np.array([0, 1, 2])));",
    ]),
  },
  {
    id: "random",
    title: "Random keys",
    code: code([
      "// No global seed: keys are values, split to get new ones, and give JAX's own numbers.",
      "const [k1, k2] = random.split(random.key(0));",
      "print(random.normal(k1, [2, 2]));",
      "print(random.uniform(k2, [3]));",
      "print(random.randint(random.key(42), [5], 0, 10));",
    ]),
  },
  {
    id: "jacobian",
    title: "Jacobians and Hessians",
    code: code([
      "// R^3 -> R^2: the Jacobian's shape is the output's followed by the input's.",
      "const f = (x) => np.stack([np.sum(np.square(x)), x.get(0).mul(x.get(2))]);",
      "const x = np.array([1.0, 2.0, 3.0]);",
      "print(jacfwd(f)(x));",
      "print(np.allclose(jacfwd(f)(x), jacrev(f)(x)));",
      "// hessian is jacfwd(jacrev(f)).",
      "const h = (v) => np.sum(np.sin(v).mul(v.get(0)));",
      "print(hessian(h)(np.array([1.0, 2.0])));",
    ]),
  },
  {
    id: "custom-jvp",
    title: "A custom derivative (customJvp)",
    code: code([
      "// log(1 + exp(x)): autodiff's derivative is inf/inf for large x; a custom rule is stable.",
      "const naive = (x) => np.log1p(np.exp(x));",
      "print(grad(naive)(np.array(100.0)));",
      "const log1pexp = customJvp((x) => np.log1p(np.exp(x)));",
      "log1pexp.defjvp(([x], [t]) => {",
      "  const dx = np.subtract(1, np.reciprocal(np.exp(x).add(1)));",
      "  return [log1pexp(x), dx.mul(t)];",
      "});",
      "print(grad(log1pexp)(np.array(100.0)));",
      "print(vmap(jit(grad(log1pexp)))(np.array([-5.0, 0.0, 5.0])));",
    ]),
  },
];
