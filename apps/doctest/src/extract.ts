import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** One runnable code block of a markdown file, with the output its comments promise. */
export interface DocBlock {
  /** The markdown file, relative to the repository root. */
  readonly file: string;
  /** The 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
  /** Fenced with the `isolated` flag: run in a child process of its own (see isolated.ts). */
  readonly isolated: boolean;
  /**
   * For each `console.log(...)` statement, in source order, the lines it is shown to print: the
   * comment at the end of its last line, or the comment lines right after it; null when the
   * block shows no output for that statement.
   */
  readonly expected: readonly (readonly string[] | null)[];
}

const RUNNABLE = new Set(["ts", "typescript", "js", "javascript"]);
/** An HTML comment on the line before a fence that keeps the block out of the doc-tests. */
const SKIP_MARKER = "<!-- doctest: skip -->";

/** The markdown files whose examples are doc-tested: the READMEs and everything under docs/. */
export function docFiles(root: string): string[] {
  const out = [join(root, "README.md")];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".md")) out.push(path);
    }
  };
  walk(join(root, "docs"));
  for (const group of ["packages", "apps"]) {
    for (const name of readdirSync(join(root, group)).sort()) {
      const readme = join(root, group, name, "README.md");
      try {
        if (statSync(readme).isFile()) out.push(readme);
      } catch {
        // A package without a README is reported by its own checks, not here.
      }
    }
  }
  return out;
}

/** The runnable blocks of one markdown file. */
export function extractBlocks(root: string, path: string): DocBlock[] {
  const lines = readFileSync(path, "utf8").split("\n");
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(\s*)```(\S*)(.*)$/.exec(lines[i]);
    if (!fence) continue;
    const start = i;
    let end = i + 1;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end])) end++;
    const lang = fence[2].toLowerCase();
    const skipped = start > 0 && lines[start - 1].trim() === SKIP_MARKER;
    // Words after the language: `no-run` keeps the block out, `isolated` gives it its own process.
    const flags = fence[3].trim().split(/\s+/);
    if (RUNNABLE.has(lang) && !skipped && !flags.includes("no-run")) {
      const indent = fence[1].length;
      const code = lines.slice(start + 1, end).map((l) => l.slice(Math.min(indent, l.search(/\S|$/))));
      blocks.push({
        file: relative(root, path),
        line: start + 1,
        code: code.join("\n"),
        isolated: flags.includes("isolated"),
        expected: expectedOutputs(code),
      });
    }
    i = end;
  }
  return blocks;
}

/** The shown output of each console.log statement (see DocBlock.expected). */
export function expectedOutputs(code: readonly string[]): (string[] | null)[] {
  const out: (string[] | null)[] = [];
  for (let i = 0; i < code.length; i++) {
    if (!code[i].includes("console.log(")) continue;
    // The statement ends where its parentheses balance (strings with parentheses are rare in docs).
    let depth = 0;
    let last = i;
    for (let j = i; j < code.length; j++) {
      const text = stripTrailingComment(code[j]);
      for (const ch of text) depth += ch === "(" ? 1 : ch === ")" ? -1 : 0;
      last = j;
      if (depth <= 0) break;
    }
    const trailing = trailingComment(code[last]);
    if (trailing !== null) {
      out.push([trailing]);
    } else {
      const shown: string[] = [];
      let j = last + 1;
      while (j < code.length && /^\s*\/\/ ?/.test(code[j])) {
        shown.push(code[j].replace(/^\s*\/\/ ?/, ""));
        j++;
      }
      out.push(shown.length > 0 ? shown : null);
    }
    i = last;
  }
  return out;
}

/** The text of a `// comment` that ends a code line, outside string literals; null if none. */
function trailingComment(line: string): string | null {
  const at = commentStart(line);
  if (at <= 0 || line.slice(0, at).trim() === "") return null;
  return line.slice(at + 2).replace(/^ /, "");
}

function stripTrailingComment(line: string): string {
  const at = commentStart(line);
  return at < 0 ? line : line.slice(0, at);
}

/** Where `//` starts a comment in `line` (skipping quoted strings and template literals), or -1. */
function commentStart(line: string): number {
  let quote: string | null = null;
  for (let k = 0; k < line.length - 1; k++) {
    const ch = line[k];
    if (quote) {
      if (ch === "\\") k++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'" || ch === "`") quote = ch;
    else if (ch === "/" && line[k + 1] === "/") return k;
  }
  return -1;
}
