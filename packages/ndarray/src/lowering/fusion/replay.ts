import {
  availableBackends,
  type Backend,
  type BackendBuffer,
  type Executable,
  type View,
} from "@jaxts/backend";
import {
  BufferHandle,
  type ClosedJaxpr,
  ConcreteArray,
  config,
  heldArrays,
  type ShapedArray,
} from "@jaxts/core";

/**
 * Record and replay of a jitted call's backend work.
 *
 * Planning a fused execution (building expressions, views and kernel keys per equation) costs far
 * more than launching the kernels it decides on, and for a given jaxpr and input layout it decides
 * the same thing every time. So the first call runs the executor while recording what it asks of
 * the backends (allocations, constant writes, kernel launches, frees), and later calls replay that
 * log on the new arguments' buffers. A run that reads device memory (a `while` predicate, an index
 * read on the host) depends on data and is never replayed; neither is one that touches a buffer
 * the log cannot account for.
 */

type BufferRef =
  | { readonly kind: "arg"; readonly index: number }
  | { readonly kind: "known"; readonly buffer: BackendBuffer }
  | { readonly kind: "temp"; readonly id: number };

type Op =
  | { readonly op: "alloc"; readonly backend: Backend; readonly id: number; readonly bytes: number }
  | {
      readonly op: "write";
      readonly backend: Backend;
      readonly to: BufferRef;
      readonly data: Uint8Array;
      readonly offset: number;
    }
  | {
      readonly op: "run";
      readonly backend: Backend;
      readonly exe: Executable;
      readonly inputs: readonly BufferRef[];
      readonly outputs: readonly BufferRef[];
    }
  | { readonly op: "free"; readonly backend: Backend; readonly id: number };

interface OutputSpec {
  readonly ref: BufferRef;
  /** For an output that views a constant the jaxpr holds: that constant, whose handle it shares. */
  readonly constant?: ConcreteArray;
  readonly backend: Backend;
  readonly aval: ShapedArray;
  readonly view: View;
}

export interface Plan {
  readonly ops: readonly Op[];
  readonly outputs: readonly OutputSpec[];
}

class NotReplayable extends Error {}

let recording = false;

/** Whether a recording is under way (nested executions then run plainly, into the outer log). */
export const isRecording = (): boolean => recording;

/** The buffers a jaxpr holds for as long as it lives (its constants and literals). */
function heldBuffers(closed: ClosedJaxpr): Set<BackendBuffer> {
  const out = new Set<BackendBuffer>();
  for (const a of heldArrays(closed)) if (a instanceof ConcreteArray) out.add(a.handle.buffer);
  return out;
}

/**
 * Runs `execute` while logging what it asks of the backends, and returns its outputs with the
 * plan that reproduces them (undefined when the run cannot be replayed).
 */
export function record(
  closed: ClosedJaxpr,
  args: readonly ConcreteArray[],
  execute: () => ConcreteArray[],
): { outs: ConcreteArray[]; plan: Plan | undefined } {
  const held = heldBuffers(closed);
  const argIndex = new Map<BackendBuffer, number>();
  args.forEach((a, i) => {
    if (!argIndex.has(a.handle.buffer)) argIndex.set(a.handle.buffer, i);
  });
  const temps = new Map<BackendBuffer, number>();
  let nextTemp = 0;
  const ops: Op[] = [];
  let failure: string | undefined;
  const ref = (b: BackendBuffer): BufferRef => {
    const id = temps.get(b);
    if (id !== undefined) return { kind: "temp", id };
    const index = argIndex.get(b);
    if (index !== undefined) return { kind: "arg", index };
    if (held.has(b)) return { kind: "known", buffer: b };
    throw new NotReplayable("a buffer from outside the call");
  };

  const restores: (() => void)[] = [];
  for (const backend of availableBackends()) {
    const original = {
      alloc: backend.alloc,
      write: backend.write,
      run: backend.run,
      free: backend.free,
      read: backend.read,
      readSync: backend.readSync,
    };
    const target = backend as { -readonly [K in keyof Backend]: Backend[K] };
    const ownBefore = new Set(Object.keys(original).filter((k) => Object.hasOwn(backend, k)));
    const guard = <T>(fn: () => T): T | undefined => {
      if (failure !== undefined) return undefined;
      try {
        return fn();
      } catch (e) {
        if (!(e instanceof NotReplayable)) throw e;
        failure = e.message;
        return undefined;
      }
    };
    target.alloc = (bytes) => {
      const buffer = original.alloc.call(backend, bytes);
      guard(() => {
        const id = nextTemp++;
        temps.set(buffer, id);
        ops.push({ op: "alloc", backend, id, bytes });
      });
      return buffer;
    };
    target.write = (buffer, data, offset = 0) => {
      guard(() => {
        const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
        ops.push({ op: "write", backend, to: ref(buffer), data: bytes, offset });
      });
      original.write.call(backend, buffer, data, offset);
    };
    target.run = (exe, inputs, outputs) => {
      guard(() => {
        ops.push({ op: "run", backend, exe, inputs: inputs.map(ref), outputs: outputs.map(ref) });
      });
      original.run.call(backend, exe, inputs, outputs);
    };
    target.free = (buffer) => {
      guard(() => {
        const id = temps.get(buffer);
        if (id === undefined) throw new NotReplayable("a free of a buffer from outside the call");
        ops.push({ op: "free", backend, id });
      });
      original.free.call(backend, buffer);
    };
    // Reading device memory means the work that follows may depend on the data.
    target.read = (buffer) => {
      failure ??= "a read of device memory";
      return original.read.call(backend, buffer);
    };
    if (original.readSync) {
      const readSync = original.readSync;
      target.readSync = (buffer) => {
        failure ??= "a read of device memory";
        return readSync.call(backend, buffer);
      };
    }
    // Methods usually live on a prototype: remove the wrappers rather than pinning copies.
    restores.push(() => {
      for (const k of Object.keys(original) as (keyof typeof original)[]) {
        if (ownBefore.has(k)) Object.assign(target, { [k]: original[k] });
        else delete (target as Partial<typeof original>)[k];
      }
    });
  }

  recording = true;
  let outs: ConcreteArray[];
  try {
    outs = execute();
  } finally {
    recording = false;
    for (const restore of restores) restore();
  }
  if (failure !== undefined) return { outs, plan: undefined };
  try {
    const outputs = outs.map((o): OutputSpec => {
      const r = ref(o.handle.buffer);
      return {
        ref: r,
        backend: o.backend,
        aval: o.aval,
        view: o.view,
        ...(r.kind === "known" ? { constant: o } : {}),
      };
    });
    return { outs, plan: { ops, outputs } };
  } catch (e) {
    if (e instanceof NotReplayable) return { outs, plan: undefined };
    throw e;
  }
}

/** Runs a recorded plan on new arguments of the recorded layout. */
export function replay(plan: Plan, args: readonly ConcreteArray[]): ConcreteArray[] {
  const temps: BackendBuffer[] = [];
  const live = new Map<number, Backend>();
  const buffer = (r: BufferRef): BackendBuffer =>
    r.kind === "temp" ? temps[r.id] : r.kind === "arg" ? args[r.index].handle.buffer : r.buffer;
  for (const a of args) a.checkAlive();
  for (const op of plan.ops) {
    switch (op.op) {
      case "alloc":
        temps[op.id] = op.backend.alloc(op.bytes);
        live.set(op.id, op.backend);
        break;
      case "write":
        op.backend.write(buffer(op.to), op.data, op.offset);
        break;
      case "run":
        op.backend.run(op.exe, op.inputs.map(buffer), op.outputs.map(buffer));
        break;
      case "free":
        op.backend.free(temps[op.id]);
        live.delete(op.id);
        break;
      default:
        op satisfies never;
    }
  }
  // One handle per output buffer, shared by outputs that view the same one.
  const handles = new Map<number, BufferHandle>();
  const outs = plan.outputs.map((o) => {
    if (o.ref.kind === "arg") return new ConcreteArray(o.aval, args[o.ref.index].handle, o.view);
    if (o.ref.kind === "known") return new ConcreteArray(o.aval, o.constant!.handle, o.view);
    let handle = handles.get(o.ref.id);
    if (!handle) {
      handle = new BufferHandle(o.backend, temps[o.ref.id]);
      handles.set(o.ref.id, handle);
      live.delete(o.ref.id);
    }
    return new ConcreteArray(o.aval, handle, o.view);
  });
  // Everything else the recorded run left to the garbage collector is freed now.
  for (const [id, backend] of live) backend.free(temps[id]);
  return outs;
}

/** What a plan depends on besides the jaxpr: the arguments' layouts and aliasing, and the config. */
export function planKey(args: readonly ConcreteArray[]): string {
  const first = new Map<BackendBuffer, number>();
  const parts = args.map((a, i) => {
    const b = a.handle.buffer;
    if (!first.has(b)) first.set(b, i);
    return `${a.backend.name}:${JSON.stringify(a.view)}@${first.get(b)}`;
  });
  const cfg = ["jaxts_fma_contraction", "jax_default_device", "jax_enable_x64"] as const;
  return `${cfg.map((c) => String(config.read(c))).join(",")}|${parts.join(";")}`;
}
