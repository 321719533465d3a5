// The jaxts docs site. Its pages come from two places, and only these:
//   - docs/*.md, the guides (the single source; also doc-tested by apps/doctest), served at /<guide>;
//   - apps/docs/index.md (the home page) and apps/docs/api/ (the API reference that TypeDoc
//     generates at build time, gitignored), served at / and /api/.
// To read docs/ in place, the source directory is the repository root; `srcExclude` narrows it to
// the two places above and `rewrites` strips their prefixes from the URLs.
import { existsSync, readdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";
import { type DefaultTheme, defineConfig } from "vitepress";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../../..");
const docsDir = resolve(repoRoot, "docs");

const guides: DefaultTheme.SidebarItem[] = [
  { text: "Quickstart", link: "/quickstart" },
  { text: "Porting from JAX", link: "/porting" },
  { text: "The autodiff cookbook", link: "/autodiff" },
  { text: "Vectorisation with vmap", link: "/vmap" },
  { text: "Control flow", link: "/control-flow" },
  { text: "jit and fusion", link: "/jit" },
  { text: "Pytrees", link: "/pytrees" },
  { text: "Memory", link: "/memory" },
  { text: "Random numbers", link: "/random" },
  { text: "Optimizers and training", link: "/training" },
  { text: "Backends and devices", link: "/backends" },
  { text: "Writing a backend", link: "/writing-a-backend" },
  { text: "Benchmarks", link: "/benchmarks" },
];

/**
 * The API sidebar: one page per package, the umbrella `jaxts` first. TypeDoc writes them to
 * api/jaxts/index.md and api/@jaxts/<name>.md (none before `typedoc` has run).
 */
function apiSidebar(): DefaultTheme.SidebarItem[] {
  const scoped = resolve(here, "../api/@jaxts");
  const packages = existsSync(scoped)
    ? readdirSync(scoped)
        .filter((name) => name.endsWith(".md"))
        .sort()
        .map((name) => name.slice(0, -3))
    : [];
  return [
    { text: "jaxts", link: "/api/jaxts/" },
    ...packages.map((name) => ({ text: `@jaxts/${name}`, link: `/api/@jaxts/${name}` })),
  ];
}

/**
 * The one kind of dead link that is let through: a guide's relative link that leaves docs/ for a
 * file of the repository (`../packages/core/README.md`). Such a file is not part of the site, but it
 * exists, so the link is right for readers of docs/ on disk. Anything else that does not resolve to
 * a page (a typo, a removed guide, a bad anchor page) still fails the build. VitePress passes the
 * link with its `.md`/`.html` extension and `#hash` removed, sometimes with a leading `./`.
 */
function isRepositoryFileOutsideSite(link: string): boolean {
  const url = link.replace(/^\.\//, "");
  if (!url.startsWith("../")) return false;
  const target = resolve(docsDir, url);
  if (target.startsWith(docsDir + "/") || !target.startsWith(repoRoot + "/")) return false;
  return [target, `${target}.md`, `${target}.html`].some((path) => existsSync(path));
}

/**
 * The guides live outside this package, and pnpm gives docs/ no node_modules: the `vue` imports that
 * VitePress compiles into each page are resolved as if the page were in apps/docs, which depends on
 * the same vue as vitepress.
 */
function resolveVueFromHere(): Plugin {
  const importer = resolve(here, "../index.md");
  return {
    name: "jaxts-docs:resolve-vue-from-apps-docs",
    enforce: "pre",
    async resolveId(source, from, options) {
      if (!/^vue($|\/)/.test(source) || from === undefined || from.startsWith(`${resolve(here, "..")}/`))
        return null;
      return this.resolve(source, importer, { ...options, skipSelf: true });
    },
  };
}

export default defineConfig({
  title: "jaxts",
  description: "JAX for TypeScript: composable function transformations over a NumPy-compatible array API.",
  srcDir: "../..",
  srcExclude: [
    // Everything but docs/ and apps/docs/{index.md,api/} (node_modules, dist and dot folders are
    // already skipped by VitePress).
    "*.md",
    "!(docs|apps)/**/*",
    "apps/!(docs)/**",
    "apps/docs/!(index).md",
    "apps/docs/!(api)/**/*",
  ],
  rewrites: (id: string) => id.replace(/^docs\//, "").replace(/^apps\/docs\//, ""),
  outDir: "./dist",
  // Under node_modules, so that neither git nor biome sees what the dev server caches.
  cacheDir: "./node_modules/.vitepress",
  cleanUrls: true,
  lastUpdated: false,
  ignoreDeadLinks: [isRepositoryFileOutsideSite],
  vite: {
    plugins: [resolveVueFromHere()],
    // The local search index (about 2 MB: the guides and the API reference) is one chunk, loaded
    // when the search box first opens.
    build: { chunkSizeWarningLimit: 4096 },
  },
  themeConfig: {
    nav: [
      { text: "Guides", link: "/quickstart" },
      { text: "API reference", link: "/api/" },
    ],
    sidebar: {
      "/api/": [{ text: "API reference", link: "/api/", items: apiSidebar() }],
      "/": [{ text: "Guides", items: guides }],
    },
    search: { provider: "local" },
    outline: { level: [2, 3] },
  },
});
