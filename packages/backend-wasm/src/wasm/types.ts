/** WebAssembly value types, by their binary encoding. */
export const ValType = {
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  v128: 0x7b,
} as const;

export type ValType = (typeof ValType)[keyof typeof ValType];

/** A block's result type: none, or one value. */
export type BlockType = ValType | "void";

/** A function signature. */
export interface FuncType {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

export function funcTypeKey(t: FuncType): string {
  return `${t.params.join(",")}>${t.results.join(",")}`;
}
