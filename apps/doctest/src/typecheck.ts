import { dirname, join } from "node:path";
import ts from "typescript";

/**
 * Type-checks the written blocks with the repository's compiler options (workspace packages
 * resolve to their sources), so a doc example that no longer matches the API fails here even
 * when it still happens to run. Returns the diagnostics, one formatted string each.
 */
export function typecheckBlocks(root: string, files: readonly string[]): string[] {
  const configPath = join(root, "tsconfig.base.json");
  const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  if (read.error) return [ts.flattenDiagnosticMessageText(read.error.messageText, "\n")];
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(configPath));
  const program = ts.createProgram([...files], { ...parsed.options, noEmit: true, declaration: false });
  const wanted = new Set(files);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || wanted.has(d.file.fileName))
    .map((d) => {
      const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      if (!d.file || d.start === undefined) return text;
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      return `${d.file.fileName}:${line + 1}:${character + 1} ${text}`;
    });
}
