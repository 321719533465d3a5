/**
 * Thrown by code generation for what WGSL cannot express here (a dtype, an op, a routine): the
 * backend then runs the kernel on the cpu backend's code instead (see runtime/cpu-fallback.ts).
 */
export class NotLowered extends Error {
  constructor(what: string) {
    super(`webgpu backend: ${what} is not lowered to WGSL`);
    this.name = "NotLowered";
  }
}

/** Accumulates the statements of a WGSL function and the helper functions they call. */
export class WgslBuilder {
  private readonly lines: string[] = [];
  private readonly helpers = new Map<string, string>();
  private count = 0;
  private indent = "  ";

  /** A fresh name. */
  name(prefix = "t"): string {
    return `${prefix}${this.count++}`;
  }

  emit(line: string): void {
    this.lines.push(this.indent + line);
  }

  /** `let <fresh> = code;`, returning the name. */
  bind(code: string, prefix = "t"): string {
    const n = this.name(prefix);
    this.emit(`let ${n} = ${code};`);
    return n;
  }

  /** Emits `open`, runs `body` one level deeper, then emits `}`. */
  block(open: string, body: () => void): void {
    this.emit(open);
    const saved = this.indent;
    this.indent += "  ";
    body();
    this.indent = saved;
    this.emit("}");
  }

  /** Registers a helper function (once) and returns its name. */
  helper(name: string, source: string): string {
    if (!this.helpers.has(name)) this.helpers.set(name, source);
    return name;
  }

  /** The helper functions, then the statements. */
  get helperSource(): string {
    return [...this.helpers.values()].join("\n");
  }

  get body(): string {
    return this.lines.join("\n");
  }
}
