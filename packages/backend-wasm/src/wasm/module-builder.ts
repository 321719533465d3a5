import { FunctionBuilder } from "./function-builder.js";
import { writeName, writeUleb, writeVector } from "./leb128.js";
import { type FuncType, funcTypeKey, type ValType } from "./types.js";

/** How a module imports its linear memory. */
export interface MemoryImport {
  readonly module: string;
  readonly name: string;
  readonly initialPages: number;
  readonly maximumPages?: number;
  readonly shared: boolean;
}

interface FuncImport {
  readonly module: string;
  readonly name: string;
  readonly type: number;
}

interface FuncDef {
  readonly builder: FunctionBuilder;
  readonly type: number;
  readonly exportName?: string;
}

const SECTION = { type: 1, import: 2, function: 3, export: 7, code: 10 } as const;

/**
 * Builds a WebAssembly module: deduplicated types, imported functions and memory, defined
 * functions and their exports. Function indices count imports first, so every import must be
 * declared before the first function is defined.
 */
export class ModuleBuilder {
  private readonly types: FuncType[] = [];
  private readonly typeIndex = new Map<string, number>();
  private readonly imports: FuncImport[] = [];
  private readonly funcs: FuncDef[] = [];
  private memory?: MemoryImport;

  private typeOf(t: FuncType): number {
    const key = funcTypeKey(t);
    let idx = this.typeIndex.get(key);
    if (idx === undefined) {
      idx = this.types.length;
      this.types.push(t);
      this.typeIndex.set(key, idx);
    }
    return idx;
  }

  /** Imports a function and returns its function index. */
  importFunction(
    module: string,
    name: string,
    params: readonly ValType[],
    results: readonly ValType[],
  ): number {
    if (this.funcs.length > 0) throw new Error("wasm encoder: imports must come before defined functions");
    this.imports.push({ module, name, type: this.typeOf({ params, results }) });
    return this.imports.length - 1;
  }

  importMemory(memory: MemoryImport): void {
    this.memory = memory;
  }

  /** Starts a function; its body is written through the returned builder. */
  function(params: readonly ValType[], results: readonly ValType[], exportName?: string): FunctionBuilder {
    const type = { params, results };
    const builder = new FunctionBuilder(type);
    this.funcs.push({ builder, type: this.typeOf(type), exportName });
    return builder;
  }

  /** The function index the next `function()` will get. */
  get nextFunctionIndex(): number {
    return this.imports.length + this.funcs.length;
  }

  encode(): Uint8Array<ArrayBuffer> {
    const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    const section = (id: number, body: number[]) => {
      out.push(id);
      writeUleb(out, body.length);
      for (const b of body) out.push(b);
    };
    const types = this.types.map((t) => {
      const b: number[] = [0x60];
      writeVector(
        b,
        t.params.map((p) => [p]),
      );
      writeVector(
        b,
        t.results.map((r) => [r]),
      );
      return b;
    });
    if (types.length > 0) section(SECTION.type, vector(types));

    const imports = this.imports.map((imp) => {
      const b: number[] = [];
      writeName(b, imp.module);
      writeName(b, imp.name);
      b.push(0x00);
      writeUleb(b, imp.type);
      return b;
    });
    if (this.memory) {
      const m = this.memory;
      const b: number[] = [];
      writeName(b, m.module);
      writeName(b, m.name);
      b.push(0x02);
      const hasMax = m.maximumPages !== undefined;
      b.push((hasMax ? 1 : 0) | (m.shared ? 2 : 0));
      writeUleb(b, m.initialPages);
      if (hasMax) writeUleb(b, m.maximumPages!);
      imports.push(b);
    }
    if (imports.length > 0) section(SECTION.import, vector(imports));

    section(
      SECTION.function,
      vector(
        this.funcs.map((f) => {
          const b: number[] = [];
          writeUleb(b, f.type);
          return b;
        }),
      ),
    );
    const exports: number[][] = [];
    this.funcs.forEach((f, i) => {
      if (f.exportName === undefined) return;
      const b: number[] = [];
      writeName(b, f.exportName);
      b.push(0x00);
      writeUleb(b, this.imports.length + i);
      exports.push(b);
    });
    if (exports.length > 0) section(SECTION.export, vector(exports));
    section(
      SECTION.code,
      vector(
        this.funcs.map((f) => {
          const body = f.builder.encode();
          const b: number[] = [];
          writeUleb(b, body.length);
          for (const x of body) b.push(x);
          return b;
        }),
      ),
    );
    return new Uint8Array(out);
  }
}

function vector(items: readonly (readonly number[])[]): number[] {
  const out: number[] = [];
  writeVector(out, items);
  return out;
}
