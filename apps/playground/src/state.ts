// What the page publishes on window.__playground: its state for the e2e test (which waits on it and
// reads results from it) and for anyone poking at the page from the devtools console.
import type { BackendName, BackendStatus } from "./backends.js";

export type Phase = "idle" | "running" | "done" | "error";

export interface PlaygroundState {
  ready: boolean;
  backends: BackendStatus[];
  backend: BackendName | null;
  run: { phase: Phase; example: string; output: string; ms: number; device: string };
  train: {
    phase: Phase;
    losses: number[];
    testAccuracy: number | null;
    seconds: number;
    device: string;
    error: string | null;
  };
}

declare global {
  interface Window {
    __playground: PlaygroundState;
    jaxts: typeof import("jaxts");
  }
}

export function initialState(): PlaygroundState {
  return {
    ready: false,
    backends: [],
    backend: null,
    run: { phase: "idle", example: "", output: "", ms: 0, device: "" },
    train: { phase: "idle", losses: [], testAccuracy: null, seconds: 0, device: "", error: null },
  };
}
