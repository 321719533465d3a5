// Entry of the wasm-worker page: starts a dedicated module Worker (/worker.js, the bundle of
// wasm-worker-job.ts, served with the page's isolation headers), in which jaxts's wasm backend runs
// with its own worker threads, and publishes what the worker posts back.
import type {
  WasmWorkerFailure,
  WasmWorkerPageResult,
  WasmWorkerResult,
} from "../checks/wasm-worker-result.js";
import { publish } from "./publish.js";

type Posted = WasmWorkerResult | WasmWorkerFailure;

/** How long the page waits for the worker's result before reporting a failure. */
const TIMEOUT_MS = 100_000;

function fromWorker(): Promise<Posted> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL("./worker.js", location.href), { type: "module" });
    } catch (e) {
      resolve({ ok: false, error: `new Worker failed: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    const timer = setTimeout(
      () => resolve({ ok: false, error: `no result from the worker in ${TIMEOUT_MS} ms` }),
      TIMEOUT_MS,
    );
    const done = (posted: Posted) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(posted);
    };
    worker.onmessage = (e: MessageEvent<Posted>) => done(e.data);
    worker.onmessageerror = () =>
      done({ ok: false, error: "the worker's message could not be deserialized" });
    // A script that fails to load or throws at the top level (an ErrorEvent, or a plain Event for a
    // failed fetch, e.g. one blocked by COEP).
    worker.onerror = (e: Event) =>
      done({
        ok: false,
        error: `worker error: ${e instanceof ErrorEvent ? `${e.message} (${e.filename}:${e.lineno})` : e.type}`,
      });
  });
}

const posted = await fromWorker();
const result: WasmWorkerPageResult = {
  ...posted,
  pageCrossOriginIsolated: globalThis.crossOriginIsolated === true,
};
publish(result);
