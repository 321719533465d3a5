import { nodeBuiltin } from "../node-builtin.js";
import { wasmFeatures } from "../wasm/features.js";
import { browserWorkerSource, nodeWorkerSource } from "./worker-source.js";

/** A started worker, as the pool sees it: where its modules go, and how to end it. */
export interface WorkerLink {
  post(message: unknown): void;
  terminate(): void;
}

/** How this host starts worker threads over a shared memory. */
export interface Platform {
  readonly name: "node" | "browser";
  /** Cores the host reports. */
  cores(): number;
  /** Starts a worker that serves the control block at `control` in `memory` (control.ts). */
  start(memory: WebAssembly.Memory, control: number): WorkerLink;
}

interface NodeWorker {
  unref(): void;
  terminate(): Promise<number>;
}
interface NodePort {
  postMessage(message: unknown): void;
  unref(): void;
}
interface WorkerThreads {
  Worker: new (
    source: string,
    options: { eval: true; workerData: unknown; transferList: unknown[] },
  ) => NodeWorker;
  MessageChannel: new () => { port1: NodePort; port2: NodePort };
}

function nodePlatform(): Platform | null {
  const wt = nodeBuiltin("node:worker_threads") as Partial<WorkerThreads> | null;
  if (!wt?.Worker || !wt.MessageChannel) return null;
  const { Worker, MessageChannel } = wt as WorkerThreads;
  let source: string | undefined;
  return {
    name: "node",
    cores() {
      const os = nodeBuiltin("node:os") as {
        availableParallelism?: () => number;
        cpus?: () => unknown[];
      } | null;
      return os?.availableParallelism?.() ?? os?.cpus?.().length ?? 1;
    },
    start(memory, control) {
      source ??= nodeWorkerSource();
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(source, {
        eval: true,
        workerData: { memory, control, port: port2 },
        transferList: [port2],
      });
      // Neither keeps the process alive: workers only ever wait for the next task.
      worker.unref();
      port1.unref();
      return { post: (m) => port1.postMessage(m), terminate: () => void worker.terminate() };
    },
  };
}

interface BrowserGlobals {
  Worker?: new (
    url: string,
  ) => {
    postMessage(message: unknown): void;
    terminate(): void;
  };
  crossOriginIsolated?: boolean;
  navigator?: { hardwareConcurrency?: number };
}

/**
 * Web Workers, where a page (or a worker) is cross-origin isolated, which is what makes
 * SharedArrayBuffer and a shared WebAssembly.Memory available and lets them be posted to a worker;
 * the workers also need `Atomics.waitAsync` (see worker-source.ts).
 */
function browserPlatform(): Platform | null {
  const g = globalThis as BrowserGlobals;
  const Worker = g.Worker;
  if (
    typeof Worker !== "function" ||
    g.crossOriginIsolated !== true ||
    typeof (Atomics as { waitAsync?: unknown }).waitAsync !== "function" ||
    typeof Blob !== "function" ||
    typeof URL?.createObjectURL !== "function" ||
    !wasmFeatures().sharedMemory
  ) {
    return null;
  }
  // One Blob URL for the page's life (never revoked: every pool's workers load it).
  let url: string | undefined;
  return {
    name: "browser",
    cores: () => g.navigator?.hardwareConcurrency ?? 1,
    start(memory, control) {
      url ??= URL.createObjectURL(new Blob([browserWorkerSource()], { type: "text/javascript" }));
      const worker = new Worker(url);
      // The first message; modules follow through `post`, in order.
      worker.postMessage({ memory, control });
      return { post: (m) => worker.postMessage(m), terminate: () => worker.terminate() };
    },
  };
}

let platform: Platform | null | undefined;

/** How worker threads start here (probed once): Node's worker_threads, else Web Workers, else null. */
export function threadPlatform(): Platform | null {
  if (platform === undefined) {
    const atomics = typeof Atomics === "object" && typeof SharedArrayBuffer === "function";
    platform = atomics ? (nodePlatform() ?? browserPlatform()) : null;
  }
  return platform;
}

let blocking: boolean | undefined;

/**
 * Whether this thread may block in `Atomics.wait` (probed once): Node's threads and Web Workers
 * may, a browser page's main thread may not (it throws before comparing the value, and with a
 * value that differs it would return at once anywhere else).
 */
export function mayBlock(): boolean {
  if (blocking === undefined) {
    try {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
      blocking = true;
    } catch {
      blocking = false;
    }
  }
  return blocking;
}
