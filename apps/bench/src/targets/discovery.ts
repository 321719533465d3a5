import type { Target } from "../types.js";

/** What probing one library found: the targets that run here, and why the others do not. */
export interface Discovery {
  targets: Target[];
  unavailable: { id: string; reason: string }[];
}
