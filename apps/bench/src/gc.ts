// A full garbage collection between cases: arrays a library frees through FinalizationRegistry
// (jaxts's fallback, and the only way a dropped jit cache's constants go) are then gone before the
// leak check counts, and no collection left over from one case lands in the next one's timing.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let gc: (() => void) | undefined;

function gcFunction(): () => void {
  if (!gc) {
    if (typeof globalThis.gc === "function") gc = globalThis.gc;
    else {
      // Without --expose-gc, the flag can still be set at run time; a new context then sees `gc`.
      setFlagsFromString("--expose-gc");
      gc = runInNewContext("gc") as () => void;
    }
  }
  return gc;
}

/**
 * Collects garbage and yields so that finalization callbacks run, twice: V8 schedules those
 * callbacks as a task of its own, which one yield does not always let through (with WebGPU's
 * device callbacks in the event loop too), and arrays a finalizer releases may hold the last
 * reference to others.
 */
export async function collectGarbage(): Promise<void> {
  for (let i = 0; i < 2; i++) {
    gcFunction()();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
