// @ts-check
// Checks the site that `build` wrote to dist/ (turbo runs `build` before `test`; the build itself
// fails on any dead link): a page for every guide in docs/, an API page for every package, and a
// local search index that covers both.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const app = fileURLToPath(new URL("..", import.meta.url));
const repo = join(app, "../..");
const dist = join(app, "dist");

/** @type {string[]} */
const problems = [];
const expectFile = (/** @type {string} */ path, /** @type {string} */ what) => {
  if (!existsSync(join(dist, path))) problems.push(`missing ${what}: dist/${path}`);
};

if (!existsSync(dist)) {
  console.error("apps/docs/dist is missing: run the build first (`pnpm run build`).");
  process.exit(1);
}

expectFile("index.html", "home page");
expectFile("api/index.html", "API reference index");
const guides = readdirSync(join(repo, "docs"))
  .filter((name) => name.endsWith(".md"))
  .map((name) => name.slice(0, -3));
for (const guide of guides) expectFile(`${guide}.html`, `guide ${guide}`);

/** @type {string[]} */
const packages = [];
for (const dir of readdirSync(join(repo, "packages"))) {
  if (!existsSync(join(repo, "packages", dir, "src/index.ts"))) continue;
  /** @type {{ name: string }} */
  const pkg = JSON.parse(readFileSync(join(repo, "packages", dir, "package.json"), "utf8"));
  packages.push(pkg.name);
  expectFile(pkg.name.startsWith("@") ? `api/${pkg.name}.html` : `api/${pkg.name}/index.html`, pkg.name);
}

const chunks = join(dist, "assets/chunks");
const indexFile = readdirSync(chunks).find((name) => name.startsWith("@localSearchIndex"));
if (indexFile === undefined)
  problems.push("missing the local search index (dist/assets/chunks/@localSearchIndex*.js)");
else {
  const index = readFileSync(join(chunks, indexFile), "utf8");
  // A guide heading and an API symbol page must both be in the index.
  for (const needle of ["/quickstart", "/api/jaxts/", "/api/@jaxts/core"]) {
    if (!index.includes(needle)) problems.push(`the search index does not cover ${needle}`);
  }
}

/** @param {string} dir @returns {number} */
const countPages = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce(
    (n, entry) =>
      n + (entry.isDirectory() ? countPages(join(dir, entry.name)) : entry.name.endsWith(".html") ? 1 : 0),
    0,
  );

if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(
  `docs site ok: ${countPages(dist)} pages (${guides.length} guides, ${packages.length} packages in the API reference)`,
);
