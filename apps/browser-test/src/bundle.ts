// Bundles a page entry for the browser with esbuild, from the workspace packages' TypeScript
// sources (the "source" export condition, as vitest resolves them), so the page always runs the
// code under test, whether or not their dist/ is current.
import { build, type Plugin } from "esbuild";

/**
 * Node built-ins become an empty module. jaxts reaches them only from Node-only functions
 * (`tree.saveFile`, test-util's golden fixture loader imports node:fs at the top but uses it only
 * when called), so a page that does not call those never touches the stub; without it, esbuild
 * cannot resolve "node:fs" for the browser and the bundle fails.
 */
const stubNodeBuiltins: Plugin = {
  name: "stub-node-builtins",
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: "node-stub" }));
    // CommonJS, so that named imports (`import { existsSync } from "node:fs"`) bind to undefined
    // instead of failing the build.
    b.onLoad({ filter: /.*/, namespace: "node-stub" }, () => ({
      contents: "module.exports = {};",
      loader: "js",
    }));
  },
};

export async function bundlePage(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["source"],
    sourcemap: "inline",
    plugins: [stubNodeBuiltins],
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}
