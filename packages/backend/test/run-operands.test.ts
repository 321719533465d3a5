import { describe, expect, test } from "vitest";
import { type BackendBuffer, checkRunOperands, contiguousView, type Kernel } from "../src/index.js";

const buffer = (n: number): BackendBuffer => ({ byteLength: n }) as BackendBuffer;

const loop: Kernel = {
  kind: "loop",
  shape: [2],
  inputs: [{ dtype: "float32", view: contiguousView([2]) }],
  expr: { op: "load", input: 0, dtype: "float32" },
  dtype: "float32",
};

describe("checkRunOperands", () => {
  test("accepts the kernel's counts of distinct buffers", () => {
    expect(() => checkRunOperands("test", loop, [buffer(8)], [buffer(8)])).not.toThrow();
  });
  test("names the backend and both counts when they differ", () => {
    expect(() => checkRunOperands("test", loop, [buffer(8), buffer(8)], [buffer(8)])).toThrow(
      "test backend: the kernel takes 1 inputs and 1 outputs, got 2 and 1",
    );
    expect(() => checkRunOperands("test", loop, [buffer(8)], [])).toThrow("got 1 and 0");
  });
  test("refuses an output that is also an input", () => {
    const b = buffer(8);
    expect(() => checkRunOperands("test", loop, [b], [b])).toThrow(
      "test backend: an output buffer aliases an input",
    );
  });
});
