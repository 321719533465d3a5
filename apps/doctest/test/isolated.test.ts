import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type DocBlock, extractBlocks } from "../src/extract.js";
import { isolationNeeded, runIsolated } from "../src/isolated.js";
import { writeBlock } from "../src/run.js";

const outDir = fileURLToPath(new URL("../.generated/unit/", import.meta.url));
const block = (code: string, isolated = true): DocBlock => ({
  file: "unit.md",
  line: 1,
  code,
  isolated,
  expected: [],
});

describe("isolated blocks", () => {
  it("reads the isolated fence flag", () => {
    mkdirSync(outDir, { recursive: true });
    const md = join(outDir, "flags.md");
    writeFileSync(
      md,
      "```ts isolated\nconst a = 1;\n```\n\n```ts\nconst b = 2;\n```\n\n```ts no-run\nx\n```\n",
    );
    expect(extractBlocks(outDir, md).map((b) => [b.line, b.isolated])).toEqual([
      [1, true],
      [5, false],
    ]);
  });

  it("asks for the flag where a block imports the webgpu backend", () => {
    const code = 'import "@jaxts/backend-webgpu";';
    expect(isolationNeeded(block(code, false))).toContain("fence it ```ts isolated");
    expect(isolationNeeded(block(code))).toBeNull();
    expect(isolationNeeded(block('import { np } from "jaxts";', false))).toBeNull();
  });

  it("runs a block in a child process and returns what it printed", async () => {
    const b = block("const n: number = 2;\nconsole.log(process.pid);\nconsole.log({ n });");
    const outcome = await runIsolated(b, writeBlock(outDir, b), outDir);
    if (!("printed" in outcome)) throw new Error("skipped");
    expect(outcome.printed[0]).not.toEqual([String(process.pid)]);
    expect(outcome.printed[1]).toEqual(["{ n: 2 }"]);
  });

  it("reports what the block threw", async () => {
    const b = { ...block('throw new RangeError("boom");'), line: 2 };
    await expect(runIsolated(b, writeBlock(outDir, b), outDir)).rejects.toThrow("RangeError: boom");
  });
});
