import { jvp, vjp } from "@jaxts/autodiff";
import { getBackend } from "@jaxts/backend";
import { ConcreteArray, config, scope } from "@jaxts/core";
import { np } from "@jaxts/ndarray";
import {
  alignOutputs,
  applySignFlips,
  type CaseOutcome,
  type CaseResult,
  caseLabel,
  checkPrimal,
  compareOutputs,
  compareRead,
  decodeArray,
  derivativeTolerance,
  expectedDerivatives,
  goldenDir,
  invokeCase,
  isEncodedArray,
  isOpsCase,
  isPromoteCase,
  isProvided,
  matchError,
  type OpsCase,
  type OutcomeCounts,
  readFixture,
  readOutputs,
  runPromoteCase,
  setupDerivative,
  signGroups,
  skipReason,
  slotText,
  atSlot,
  toJaxts,
  toleranceFor,
  UnsupportedError,
} from "@jaxts/test-util/golden";

// The golden runner of @jaxts/test-util reads results with dataSync(), which a backend without
// synchronous reads cannot serve. This runner calls each case the same way on the webgpu device,
// awaits the results' data, and hands host (cpu) copies to test-util's comparisons, so that the
// tolerances, sign normalisation and error matching are exactly the shared ones.

const isJsonObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const PASS: CaseOutcome = { status: "pass" };
const fail = (reason: string): CaseOutcome => ({ status: "fail", reason });

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message.split("\n")[0]}` : String(e);
}

/** Copies every Array in a (nested JS array) result to the cpu backend, awaiting its data. */
async function toHost(value: unknown): Promise<unknown> {
  if (Array.isArray(value)) return Promise.all(value.map(toHost));
  if (value instanceof ConcreteArray) {
    const storage = await value.storage();
    const bytes = new Uint8Array(storage.buffer, storage.byteOffset, storage.byteLength);
    return ConcreteArray.fromBytes(getBackend("cpu"), value.aval, bytes);
  }
  return value;
}

function dispose(value: unknown): void {
  if (Array.isArray(value)) value.forEach(dispose);
  else if (value instanceof ConcreteArray) value.dispose();
}

/** Runs `body` (sync, on the default device), then `check` on host copies of what it returned. */
async function runCase(
  c: OpsCase,
  body: () => unknown,
  check: (host: unknown) => CaseOutcome,
  onError?: (e: unknown) => CaseOutcome,
  /** false: arrays made by `body` are left to the garbage collector (a pullback still needs its residuals). */
  scoped = true,
): Promise<CaseOutcome> {
  if (!isProvided(c.fn)) return { status: "unsupported", reason: `${c.fn} is not provided by jaxts yet` };
  const skip = skipReason(c);
  if (skip !== null) return { status: "skipped", reason: skip };
  let result: unknown;
  try {
    result = scoped ? scope(body) : body();
  } catch (e) {
    if (e instanceof UnsupportedError) return { status: "unsupported", reason: e.message };
    return onError ? onError(e) : fail(`threw ${errorText(e)}`);
  }
  let host: unknown;
  try {
    host = await toHost(result);
  } catch (e) {
    return fail(`threw ${errorText(e)} while reading the result`);
  } finally {
    // Unscoped results may be a pullback's residuals (exp's output is its own derivative).
    if (scoped) dispose(result);
  }
  try {
    return config.with({ jax_default_device: "cpu" }, () => scope(() => check(host)));
  } finally {
    dispose(host);
  }
}

function forward(c: OpsCase): Promise<CaseOutcome> {
  return runCase(
    c,
    () => invokeCase(c),
    (host) => {
      if (c.error !== undefined) return fail(`returned a result, expected ${c.error}`);
      const why = compareOutputs(host, c.out, toleranceFor(c), signGroups(c.fn, c.kwargs));
      return why === null ? PASS : fail(why);
    },
    (e) => {
      if (c.error === undefined) return fail(`threw ${errorText(e)}`);
      const mismatch = matchError(e, c.error);
      return mismatch === null ? PASS : fail(mismatch);
    },
  );
}

function jvpCase(c: OpsCase): Promise<CaseOutcome> {
  const rec = c.jvp;
  if (!isJsonObject(rec) || !Array.isArray(rec.tangents)) return Promise.resolve(fail("no jvp record"));
  const recTangents = rec.tangents;
  return runCase(
    c,
    () => {
      const { slots, primals, fn } = setupDerivative(c, recTangents);
      const tangents = slots.map((s) => {
        const t = atSlot(recTangents, s);
        if (!isEncodedArray(t)) throw new TypeError("tangent is not an array");
        return toJaxts(decodeArray(t));
      });
      return jvp(fn, primals, tangents);
    },
    (host) => {
      const [primalOut, tangentOut] = host as [unknown, unknown];
      const groups = signGroups(c.fn, c.kwargs);
      const primal = checkPrimal(c, primalOut, toleranceFor(c), groups);
      if (typeof primal === "string") return fail(primal);
      const expected = expectedDerivatives(rec.out);
      const label = (i: number): string => (expected.single ? "tangent: " : `tangent ${i}: `);
      const aligned = alignOutputs(tangentOut, expected.single, expected.arrays.length);
      if (typeof aligned === "string") return fail(`tangent: ${aligned}`);
      const data = readOutputs(aligned, expected.arrays, label);
      if (typeof data === "string") return fail(data);
      applySignFlips(data, primal.expected, groups, primal.flips);
      const why = compareRead(data, expected.arrays, derivativeTolerance(c, "jvp"), label);
      return why === null ? PASS : fail(why);
    },
  );
}

/**
 * The vjp check runs in two device steps: the forward pass (its primal output is read back to
 * check it and find sign flips), then the pullback of the recorded cotangent.
 */
async function vjpCase(c: OpsCase): Promise<CaseOutcome> {
  const rec = c.vjp;
  if (!isJsonObject(rec) || !Array.isArray(rec.out)) return fail("no vjp record");
  const recOut = rec.out;
  let pullback: ((ct: unknown) => unknown) | undefined;
  let slots: ReturnType<typeof setupDerivative>["slots"] = [];
  let ctDevice: unknown;
  const first = await runCase(
    c,
    () => {
      const setup = setupDerivative(c, recOut);
      slots = setup.slots;
      const [out, pb] = vjp(setup.fn, setup.primals);
      pullback = pb as (ct: unknown) => unknown;
      return out;
    },
    (host) => {
      const groups = signGroups(c.fn, c.kwargs);
      const primal = checkPrimal(c, host, toleranceFor(c), groups);
      if (typeof primal === "string") return fail(primal);
      const ct = expectedDerivatives(rec.cotangent);
      const outs = alignOutputs(host, ct.single, ct.arrays.length);
      if (typeof outs === "string") return fail(`primal output: ${outs}`);
      const ctData = ct.arrays.map((a) => (a === null ? null : [...a.data]));
      applySignFlips(ctData, primal.expected, groups, primal.flips);
      ctDevice = { ct, ctData, outs };
      return PASS;
    },
    undefined,
    false,
  );
  if (first.status !== "pass" || !pullback) return first;
  const { ct, ctData, outs } = ctDevice as {
    ct: ReturnType<typeof expectedDerivatives>;
    ctData: (number[] | null)[];
    outs: unknown[];
  };
  const expected = slots.map((s) => {
    const g = atSlot(recOut, s);
    if (!isEncodedArray(g)) throw new TypeError("cotangent is not an array");
    return decodeArray(g);
  });
  // recorded cotangents are plain arrays of numbers here, as test-util's vjp runner passes them.
  return runCase(
    c,
    () => {
      const cts = ct.arrays.map((a, i) =>
        a === null
          ? np.zeros((outs[i] as ConcreteArray).shape, { dtype: (outs[i] as ConcreteArray).dtype })
          : toJaxts({ ...a, data: ctData[i]! }),
      );
      return pullback!(ct.single ? cts[0] : cts);
    },
    (grads) => {
      const label = (k: number): string => `cotangent of ${slotText(slots[k])}: `;
      const data = readOutputs(grads as unknown[], expected, label);
      if (typeof data === "string") return fail(data);
      const why = compareRead(data, expected, derivativeTolerance(c, "vjp"), label);
      return why === null ? PASS : fail(why);
    },
  );
}

export type Part = "forward" | "jvp" | "vjp";

export interface AsyncGoldenResult {
  readonly results: CaseResult[];
  readonly counts: OutcomeCounts;
}

/** Runs one part of every ops.json case on the current default device. */
export async function runGoldenAsync(
  part: Part,
  filter?: (fn: string) => boolean,
): Promise<AsyncGoldenResult> {
  const results: CaseResult[] = [];
  for (const entry of readFixture("ops.json", goldenDir())) {
    const raw = entry.case;
    if (part === "forward" && isPromoteCase(raw)) {
      if (filter && !filter("promote")) continue;
      results.push({
        fn: `promote.${raw.op}`,
        line: entry.line,
        label: caseLabel(raw),
        outcome: runPromoteCase(raw),
      });
      continue;
    }
    if (!isOpsCase(raw)) continue;
    if (filter && !filter(raw.fn)) continue;
    const c = { ...raw, kwargs: raw.kwargs ?? {} };
    if (part === "jvp" && c.jvp === undefined) continue;
    if (part === "vjp" && c.vjp === undefined) continue;
    const outcome = await (part === "forward" ? forward(c) : part === "jvp" ? jvpCase(c) : vjpCase(c));
    results.push({ fn: c.fn, line: entry.line, label: caseLabel(c), outcome });
  }
  const counts: OutcomeCounts = { passed: 0, failed: 0, skipped: 0, unsupported: 0 };
  for (const r of results) {
    const s = r.outcome.status;
    if (s === "pass") counts.passed++;
    else if (s === "fail") counts.failed++;
    else if (s === "skipped") counts.skipped++;
    else counts.unsupported++;
  }
  return { results, counts };
}
