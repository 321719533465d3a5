// The playground's build. Workspace packages resolve to their TypeScript sources (the "source"
// export condition, as vitest and apps/browser-test's esbuild bundle resolve them), so the page
// always runs the code in the repository, built or not.
import { defineConfig } from "vite";
import { digitsAsset } from "./build/digits.js";
import { stubNodeBuiltins } from "./build/stub-node-builtins.js";

// Cross-origin isolation (COOP + COEP) makes SharedArrayBuffer available, which the wasm backend
// needs for its shared memory and Web Worker threads; without it the page runs on one thread.
const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  root: import.meta.dirname,
  // Relative asset URLs, so dist/ works from any path (a static server, a subfolder).
  base: "./",
  resolve: { conditions: ["source", "module", "browser", "development|production"] },
  plugins: [stubNodeBuiltins(), digitsAsset()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Top-level await (the backends start before the UI) needs ES2022.
    target: "es2022",
    // jaxts is one large module graph; a single chunk of about a megabyte is expected here.
    chunkSizeWarningLimit: 4096,
  },
  optimizeDeps: { exclude: ["jaxts", "@jaxts/backend-wasm", "@jaxts/backend-webgpu"] },
  esbuild: { target: "es2022" },
  server: { headers: isolation },
  preview: { headers: isolation },
});
