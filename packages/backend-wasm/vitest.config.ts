import { mergeConfig } from "vitest/config";
import shared from "../../vitest.shared";

// On Node 20 the backend turns on V8's relaxed-SIMD flag itself (src/wasm/features.ts), so tests
// cover the fused multiply-add kernels as users run them, with no flag passed here.
export default mergeConfig(shared, {
  test: { poolOptions: { forks: { execArgv: ["--expose-gc"] } } },
});
