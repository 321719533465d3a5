import { describe, expect, it } from "vitest";
import { expectedOutputs } from "../src/extract.js";
import { compareOutput } from "../src/run.js";

describe("expected outputs", () => {
  it("reads a trailing comment and following comment lines", () => {
    const code = [
      "console.log(String(x)); // Array([1., 2.], dtype=float32)",
      "console.log(",
      "  String(y),",
      ");",
      "// line one",
      "//   line two",
      "const z = 1; // not output",
      "console.log(z);",
    ];
    expect(expectedOutputs(code)).toEqual([
      ["Array([1., 2.], dtype=float32)"],
      ["line one", "  line two"],
      null,
    ]);
  });

  it("ignores // inside strings", () => {
    expect(expectedOutputs(['console.log("http://x"); // http://x'])).toEqual([["http://x"]]);
  });

  it("reports a mismatch and a wrong number of calls", () => {
    const block = { file: "f.md", line: 1, code: "", isolated: false, expected: [["a"], null] };
    expect(compareOutput(block, [["a"], ["anything"]])).toBeNull();
    expect(compareOutput(block, [["b"], ["anything"]])).toContain("printed\nb");
    expect(compareOutput(block, [["a"]])).toContain("2 console.log statements but 1 calls");
  });
});
