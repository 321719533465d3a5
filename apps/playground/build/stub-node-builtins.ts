// Vite's counterpart of apps/browser-test's esbuild stub: Node built-ins become an empty module.
// jaxts reaches them only from Node-only code that the page never calls (test-util's golden
// fixture loader imports node:fs at the top, which the umbrella re-exports; apps/mnist's data.ts
// imports node:module for loadDigits, which the page replaces with the digits asset), so without
// the stub the browser build fails on "node:fs" although nothing would ever run it.
import type { Plugin } from "vite";

const STUB = "\0node-stub:";

export function stubNodeBuiltins(): Plugin {
  return {
    name: "jaxts-stub-node-builtins",
    enforce: "pre",
    resolveId(id) {
      return id.startsWith("node:") ? STUB + id : null;
    },
    async load(id) {
      if (!id.startsWith(STUB)) return null;
      // Every name the real built-in exports, as undefined: the page's modules are ES modules,
      // whose named imports must exist at link time (in the dev server too, where Rollup's
      // syntheticNamedExports does not apply). Vite runs this in Node, which has the real module.
      const real: Record<string, unknown> = await import(id.slice(STUB.length));
      const names = Object.keys(real).filter((n) => n !== "default" && /^[A-Za-z_$][\w$]*$/.test(n));
      return ["export default {};", ...names.map((n) => `export const ${n} = undefined;`)].join("\n");
    },
  };
}
