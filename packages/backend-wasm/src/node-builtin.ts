type GetBuiltin = (id: string) => unknown;

/**
 * A Node builtin module reached synchronously (`process.getBuiltinModule`, Node ≥ 20.16), or null
 * elsewhere (browsers, older Node): the backend starts synchronously and bundles for browsers must
 * not see a `node:` import.
 */
export function nodeBuiltin(id: string): unknown {
  const proc = (globalThis as { process?: { getBuiltinModule?: GetBuiltin } }).process;
  return proc?.getBuiltinModule?.(id) ?? null;
}

/** An environment variable in Node, undefined elsewhere. */
export function nodeEnv(name: string): string | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
}
