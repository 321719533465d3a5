// `window.__result`: how a test page hands its result to the driver. Declared in a module of its
// own, imported by both sides, so every package that type-checks the harness sees it.
export {};

declare global {
  interface Window {
    __result?: unknown;
  }
}
