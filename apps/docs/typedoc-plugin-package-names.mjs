// @ts-check
// A local TypeDoc plugin: the "resolve" entry-point strategy names each module after its path
// ("core/src"); this renames it after its package ("@jaxts/core"), read from the package.json
// of the entry point's package (packages/<dir>/package.json).
import { readFileSync } from "node:fs";
import { Converter, ReflectionKind } from "typedoc";

const packagesDir = new URL("../../packages/", import.meta.url);

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const mod of context.project.getChildrenByKind(ReflectionKind.Module)) {
      const dir = mod.name.replace(/\/src$/, "");
      const pkg = JSON.parse(readFileSync(new URL(`${dir}/package.json`, packagesDir), "utf8"));
      mod.name = pkg.name;
    }
  });
}
