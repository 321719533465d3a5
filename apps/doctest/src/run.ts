import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { format } from "node:util";
import type { DocBlock } from "./extract.js";

/** The module file a block is written to (also what the type check reads). */
export function blockModulePath(outDir: string, block: DocBlock): string {
  const slug = block.file.replace(/[^A-Za-z0-9]+/g, "_");
  return join(outDir, `${slug}_L${block.line}.ts`);
}

/**
 * Writes the block as an ES module. Blocks are scripts in the docs; `export {}` makes each one a
 * module so top-level names do not collide in the type check and top-level await works.
 */
export function writeBlock(outDir: string, block: DocBlock): string {
  mkdirSync(outDir, { recursive: true });
  const path = blockModulePath(outDir, block);
  writeFileSync(path, `// ${block.file}:${block.line}\n${block.code}\nexport {};\n`);
  return path;
}

/** What a block printed: one entry per console.log call, each split into lines. */
export async function runBlock(path: string): Promise<string[][]> {
  const printed: string[][] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => {
    printed.push(format(...args).split("\n"));
  };
  try {
    await import(/* @vite-ignore */ pathToFileURL(path).href);
  } finally {
    console.log = original;
  }
  return printed;
}

/**
 * Compares what a block printed with what it shows. Statements without shown output are not
 * checked, but the number of console.log calls must equal the number of statements, so a loop
 * of logs is not silently compared against the wrong lines. Returns a description of the first
 * difference, or null.
 */
export function compareOutput(block: DocBlock, printed: string[][]): string | null {
  if (block.expected.every((e) => e === null)) return null;
  if (printed.length !== block.expected.length) {
    return `${block.expected.length} console.log statements but ${printed.length} calls`;
  }
  for (let i = 0; i < printed.length; i++) {
    const want = block.expected[i];
    if (want === null) continue;
    const got = printed[i].map((l) => l.trimEnd());
    const shown = want.map((l) => l.trimEnd());
    if (got.join("\n") !== shown.join("\n")) {
      return `console.log #${i + 1} printed\n${got.join("\n")}\nbut the docs show\n${shown.join("\n")}`;
    }
  }
  return null;
}
