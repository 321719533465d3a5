import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { docFiles, extractBlocks } from "../src/extract.js";
import { isolationNeeded, runIsolated } from "../src/isolated.js";
import { compareOutput, runBlock, writeBlock } from "../src/run.js";
import { typecheckBlocks } from "../src/typecheck.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
// Inside the package, so that the blocks' imports resolve through its dependencies.
const outDir = fileURLToPath(new URL("../.generated/", import.meta.url));

const blocks = docFiles(root).flatMap((f) => extractBlocks(root, f));
const paths = new Map(blocks.map((b) => [b, writeBlock(outDir, b)]));

describe("doc examples type-check", () => {
  it("every block compiles against the packages' types", () => {
    expect(typecheckBlocks(root, [...paths.values()])).toEqual([]);
  });
});

describe.each([...new Set(blocks.map((b) => b.file))])("%s", (file) => {
  const inFile = blocks.filter((b) => b.file === file);
  it.for(inFile.map((b) => [b.line, b] as const))(
    "block at line %i runs and prints what it shows",
    async ([, block], ctx) => {
      const unisolated = isolationNeeded(block);
      if (unisolated !== null) throw new Error(unisolated);
      let printed: string[][];
      if (block.isolated) {
        const outcome = await runIsolated(block, paths.get(block)!, outDir);
        if ("skipped" in outcome) {
          // Same policy as the backends' own tests: CI has the hardware (llvmpipe), so it must run there.
          if (process.env.CI) throw new Error(`${block.file}:${block.line}: ${outcome.skipped}`);
          return ctx.skip(outcome.skipped);
        }
        printed = outcome.printed;
      } else {
        printed = await runBlock(paths.get(block)!);
      }
      const difference = compareOutput(block, printed);
      // Thrown rather than compared, so the whole difference shows in the report.
      if (difference !== null) throw new Error(`${block.file}:${block.line}: ${difference}`);
    },
  );
});
