/** What a module must declare to import the backend's memory (it must match the memory exactly). */
export interface MemoryConfig {
  readonly shared: boolean;
  readonly maximumPages: number;
}

export function memoryConfigKey(m: MemoryConfig): string {
  return m.shared ? `shared:${m.maximumPages}` : "unshared";
}
