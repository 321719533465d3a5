// Runs the editor's code. The page cannot compile TypeScript, so examples are plain JavaScript run
// as the body of an async function (so `await` works and webgpu reads can be awaited), with every
// export of jaxts passed in by name, `jaxts` itself, and `print`. console.log is captured into the
// output while the code runs.
import * as jaxts from "jaxts";
import { formatLine, materialize } from "./format.js";

type Body = (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...src: string[]) => Body;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
// `Array` would shadow JavaScript's own Array inside the code; it stays reachable as jaxts.Array.
const SHADOWED = new Set(["Array", "default"]);
const SCOPE = Object.entries(jaxts).filter(([name]) => IDENTIFIER.test(name) && !SHADOWED.has(name));

export interface RunResult {
  readonly ok: boolean;
  readonly ms: number;
}

/** Runs `code`, sending each printed line to `emit` (errors with `isError`). */
export async function runCode(
  code: string,
  emit: (line: string, isError?: boolean) => void,
): Promise<RunResult> {
  // Output goes through one promise chain, so lines keep the order of the calls even when the
  // code does not await print (a webgpu read resolves later than the console.log after it).
  let chain: Promise<void> = Promise.resolve();
  const print = (...args: unknown[]): Promise<void> => {
    chain = chain.then(async () => {
      await materialize(args);
      emit(formatLine(args));
    });
    return chain;
  };
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  const capture =
    (isError: boolean, original: (...a: unknown[]) => void) =>
    (...args: unknown[]): void => {
      original(...args);
      // Formatted now (the arrays may change or be freed later), emitted in turn.
      let line: string;
      let error = isError;
      try {
        line = formatLine(args);
      } catch (e) {
        line = `(cannot print: ${e instanceof Error ? e.message : String(e)})`;
        error = true;
      }
      chain = chain.then(() => emit(line, error));
    };
  console.log = capture(false, saved.log);
  console.info = capture(false, saved.info);
  console.warn = capture(true, saved.warn);
  console.error = capture(true, saved.error);
  const start = performance.now();
  try {
    const fn = new AsyncFunction("jaxts", "print", ...SCOPE.map(([name]) => name), code);
    await fn(jaxts, print, ...SCOPE.map(([, value]) => value));
    await chain;
    return { ok: true, ms: performance.now() - start };
  } catch (e) {
    // Lines printed before the error come first.
    await chain.catch(() => undefined);
    emit(e instanceof Error ? `${e.name}: ${e.message}` : `Error: ${String(e)}`, true);
    return { ok: false, ms: performance.now() - start };
  } finally {
    Object.assign(console, saved);
  }
}
